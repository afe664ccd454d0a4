/// Renders a ``SweepResult`` (`quotasim sweep`) as a terminal table, Markdown, JSON or CSV:
/// one row per point.
public enum SweepReport {
  /// Returns `result` rendered in `format`, ending with a newline.
  public static func render(_ result: SweepResult, as format: ReportFormat) -> String {
    switch format {
    case .table: table(result, markdown: false)
    case .markdown: table(result, markdown: true)
    case .json: json(result)
    case .csv: csv(result)
    }
  }

  /// Returns the result as pretty-printed JSON with sorted keys, every point with its full
  /// replication summary.
  public static func json(_ result: SweepResult) -> String {
    ReportJSON.encode(result)
  }

  /// An estimate of a row, with its CSV column prefix, table header and unit.
  private struct RowFigure: Sendable {
    var column: String
    var header: String
    var unit: Figure<RunResult>.Unit
    var value: @Sendable (SweepPointResult) -> MeanEstimate
  }

  private static let rowFigures = [
    RowFigure(column: "rate_429", header: "429/attempt", unit: .fraction) {
      $0.rateLimitedPerAttempt
    },
    RowFigure(column: "rate_403", header: "403/attempt", unit: .fraction) {
      $0.quotaRefusedPerAttempt
    },
    RowFigure(column: "drop_rate", header: "drop rate", unit: .fraction) { $0.dropRate },
    RowFigure(column: "fallback_share", header: "fallback share", unit: .fraction) {
      $0.fallbackShare
    },
    RowFigure(column: "exhausted", header: "exhausted", unit: .fraction) {
      $0.exhaustion.fraction
    },
    RowFigure(column: "cost_usd", header: "cost", unit: .dollars) { $0.costUSD },
  ]

  /// Returns the CSV header: `point`, one column per axis path, then for each figure its
  /// mean and interval, and the median instants with their intervals.
  public static func csvHeader(_ result: SweepResult) -> [String] {
    var columns = ["point"] + result.axes.map(\.path)
    for figure in rowFigures {
      columns += [
        figure.column + "_mean", figure.column + "_ci_lower", figure.column + "_ci_upper",
      ]
    }
    columns += [
      "exhaustion_p50", "exhaustion_p50_ci_lower", "exhaustion_p50_ci_upper", "throttle_start_p50",
      "throttle_start_p50_ci_lower", "throttle_start_p50_ci_upper", "replications",
    ]
    return columns.map(ReplicationReport.csvField)
  }

  /// Returns one CSV row per point with a header row. An empty instant is a median among
  /// replications without the event, or an interval that needs more replications.
  public static func csv(_ result: SweepResult) -> String {
    var lines = [csvHeader(result).joined(separator: ",")]
    for point in result.points {
      var fields = ["\(point.index)"]
      fields += result.axes.map { ReplicationReport.csvField(point.settings[$0.path] ?? "") }
      for figure in rowFigures {
        let estimate = figure.value(point)
        fields += [estimate.mean, estimate.lower, estimate.upper].map(ReplicationReport.csvNumber)
      }
      for distribution in [point.exhaustion, point.throttleStart] {
        fields += [distribution.p50, distribution.p50Lower, distribution.p50Upper].map {
          $0.map { "\($0)" } ?? ""
        }
      }
      fields.append("\(result.replications)")
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns the readable report: a heading, then one row per point with each figure as
  /// mean ± half the 95 % interval and the median instants with their intervals.
  static func table(_ result: SweepResult, markdown: Bool) -> String {
    let heading = markdown ? "## " : ""
    let focus = result.deployment.map { "deployment \($0)" } ?? "any deployment"
    var out = [
      "\(heading)QuotaSim sweep of '\(result.model)': \(result.points.count) point"
        + "\(result.points.count == 1 ? "" : "s") × \(result.replications) replication"
        + "\(result.replications == 1 ? "" : "s"), seed \(result.seed)",
      "",
      "Figures are means ± half the 95 % confidence interval (Student t). Exhaustion and "
        + "throttle columns are for \(focus); a median is 'never' when the event did not "
        + "happen in at least half of the replications.",
      "",
    ]
    var header = result.axes.map(\.path)
    header += rowFigures.map(\.header)
    header += ["median exhaustion", "95 % interval", "median throttle start"]
    let rows = result.points.map { point -> [String] in
      var cells = result.axes.map { point.settings[$0.path] ?? "" }
      cells += rowFigures.map { EstimateText.meanPlusMinus($0.value(point), unit: $0.unit) }
      cells += [
        EstimateText.minute(point.exhaustion.p50), EstimateText.medianInterval(point.exhaustion),
        EstimateText.minute(point.throttleStart.p50),
      ]
      return cells
    }
    out += RunReport.layout(header: header, rows: rows, markdown: markdown)
    return out.joined(separator: "\n") + "\n"
  }
}
