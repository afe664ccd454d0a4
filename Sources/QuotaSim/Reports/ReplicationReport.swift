/// Renders a ``ReplicationSummary`` (`quotasim run --replications`) as a terminal table,
/// Markdown, JSON or CSV.
///
/// Every renderer is deterministic: numbers have fixed precision and keys a fixed order.
public enum ReplicationReport {
  /// Returns `summary` rendered in `format`, ending with a newline.
  public static func render(_ summary: ReplicationSummary, as format: ReportFormat) -> String {
    switch format {
    case .table: table(summary, markdown: false)
    case .markdown: table(summary, markdown: true)
    case .json: json(summary)
    case .csv: csv(summary)
    }
  }

  /// Returns the summary as pretty-printed JSON with sorted keys.
  public static func json(_ summary: ReplicationSummary) -> String {
    ReportJSON.encode(summary)
  }

  /// The CSV columns: one row per figure of the run or of a deployment's period.
  ///
  /// Rows of numeric figures fill `count` (replications with a value), `mean`, `ci_lower`
  /// and `ci_upper`. Rows of instants (`exhaustion`, `throttle_start`, `first_exhaustion`,
  /// `first_throttle`) put the fraction of replications in which the event happened in the
  /// mean and interval columns, and the instants in `p5`, `p50` and `p95`. A percentile that
  /// falls among replications without the event stays empty.
  public static let csvColumns = [
    "scope", "deployment", "period", "figure", "count", "mean", "ci_lower", "ci_upper", "p5",
    "p50", "p95",
  ]

  /// Returns the summary as CSV with a header row.
  public static func csv(_ summary: ReplicationSummary) -> String {
    var lines = [csvColumns.joined(separator: ",")]
    for figure in RunResult.figures {
      lines.append(estimateRow(["run", "", ""], figure.name, summary.figures[figure.name]))
    }
    lines.append(instantRow(["run", "", ""], "first_exhaustion", summary.firstExhaustion))
    lines.append(instantRow(["run", "", ""], "first_throttle", summary.firstThrottle))
    for deployment in summary.deployments {
      let name = csvField(deployment.name)
      lines.append(
        instantRow(["deployment", name, ""], "first_exhaustion", deployment.firstExhaustion))
      lines.append(
        instantRow(["deployment", name, ""], "first_throttle", deployment.firstThrottle))
      for period in deployment.periods {
        let scope = ["period", name, period.period]
        for figure in PeriodFigures.figures {
          lines.append(estimateRow(scope, figure.name, period.figures[figure.name]))
        }
        lines.append(instantRow(scope, "exhaustion", period.exhaustion))
        lines.append(instantRow(scope, "throttle_start", period.throttleStart))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func estimateRow(_ scope: [String], _ name: String, _ estimate: MeanEstimate?)
    -> String
  {
    let estimate = estimate ?? MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil)
    return (scope + [name] + estimateFields(estimate) + ["", "", ""]).joined(separator: ",")
  }

  private static func instantRow(
    _ scope: [String], _ name: String, _ distribution: InstantDistribution
  ) -> String {
    let percentiles = [distribution.p5, distribution.p50, distribution.p95].map {
      $0.map { "\($0)" } ?? ""
    }
    return (scope + [name] + estimateFields(distribution.fraction) + percentiles)
      .joined(separator: ",")
  }

  /// Returns the count, mean, lower and upper as CSV fields with nine significant digits.
  static func estimateFields(_ estimate: MeanEstimate) -> [String] {
    ["\(estimate.count)"] + [estimate.mean, estimate.lower, estimate.upper].map(csvNumber)
  }

  /// Returns a number for CSV with nine significant digits, or an empty field.
  static func csvNumber(_ value: Double?) -> String {
    guard let value else { return "" }
    return String(format: "%.9g", value)
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
