/// Renders a ``PlanResult`` (`quotasim plan`): the recommendation, the change against the
/// model's value, and the evidence table.
public enum PlanReport {
  /// Returns `result` rendered in `format`, ending with a newline; `csv` gives the evidence
  /// table alone.
  public static func render(_ result: PlanResult, as format: ReportFormat) -> String {
    switch format {
    case .table: table(result, markdown: false)
    case .markdown: table(result, markdown: true)
    case .json: ReportJSON.encode(result)
    case .csv: csv(result)
    }
  }

  /// Returns the evidence as CSV: one row per evaluated value.
  public static func csv(_ result: PlanResult) -> String {
    var lines = [
      [
        "value", "is_current", "exhaustion_period", "exhaustion_mean", "exhaustion_ci_lower",
        "exhaustion_ci_upper", "drop_rate_mean", "drop_rate_ci_lower", "drop_rate_ci_upper",
        "cost_usd_mean", "cost_usd_ci_lower", "cost_usd_ci_upper", "meets_targets",
      ].joined(separator: ",")
    ]
    for candidate in result.candidates {
      var fields = [candidate.value.map(String.init) ?? "", "\(candidate.isCurrent)"]
      fields.append(ReplicationReport.csvField(candidate.exhaustionPeriod ?? ""))
      for estimate in [candidate.exhaustionProbability, candidate.dropRate, candidate.costUSD] {
        fields += [estimate.mean, estimate.lower, estimate.upper].map(ReplicationReport.csvNumber)
      }
      fields.append("\(candidate.meetsTargets)")
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func table(_ result: PlanResult, markdown: Bool) -> String {
    let heading = markdown ? "## " : ""
    var out = [
      "\(heading)QuotaSim plan of \(result.quantity.rawValue) for deployment "
        + "'\(result.deployment)' of '\(result.model)', seed \(result.seed)",
      "",
      "Targets at the upper end of 95 % intervals over \(result.replications) replications: "
        + targetsText(result.targets) + ".",
      "",
    ]
    out += recommendationLines(result)
    for note in result.notes { out.append("Note: \(note).") }
    out.append("")
    out += evidence(result, markdown: markdown)
    return out.joined(separator: "\n") + "\n"
  }

  private static func targetsText(_ targets: PlanTargets) -> String {
    var parts: [String] = []
    if let limit = targets.maxExhaustionProbability {
      parts.append(
        "the quota runs out before a period ends in at most "
          + "\(EstimateText.value(limit, unit: Figure<RunResult>.Unit.fraction)) of replications, "
          + "in every period")
    }
    if let limit = targets.maxDropRate {
      parts.append(
        "at most \(EstimateText.value(limit, unit: Figure<RunResult>.Unit.fraction)) of requests "
          + "dropped")
    }
    return parts.joined(separator: "; ")
  }

  private static func recommendationLines(_ result: PlanResult) -> [String] {
    let unit = result.quantity == .tokensPerMinute ? "tokens per minute" : "tokens a month"
    let current = result.currentValue.map { "\(formatTokens($0)) \(unit)" } ?? "none"
    guard let recommendation = result.recommendation else {
      return [
        "No value up to the ceiling of \(formatTokens(result.ceiling)) \(unit) meets the "
          + "targets. The model's value is \(current). Raise --ceiling, or relax the targets."
      ]
    }
    var change = ""
    if let value = result.currentValue {
      let difference = recommendation - value
      change = "; " + (difference >= 0 ? "+" : "") + formatTokens(difference)
      change += ", " + (difference >= 0 ? "+" : "")
      change += formatNumber(Double(difference) / Double(value) * 100, decimals: 1) + " %"
    }
    var lines = [
      "Recommendation: \(result.quantity.rawValue) \(formatTokens(recommendation)) \(unit) "
        + "(model: \(current)\(change))."
    ]
    if let cost = result.costChange {
      lines.append(
        "Cost change against the model's value over the simulated span, paired by "
          + "replication: \(signedDollars(cost.mean)) (95 % interval "
          + "\(signedDollars(cost.lower)) … \(signedDollars(cost.upper))).")
    }
    return lines
  }

  private static func signedDollars(_ value: Double?) -> String {
    guard let value else { return "-" }
    return (value < 0 ? "-$" : "+$") + formatNumber(value.magnitude, decimals: 2)
  }

  private static func evidence(_ result: PlanResult, markdown: Bool) -> [String] {
    let fraction = Figure<RunResult>.Unit.fraction
    let rows = result.candidates.map { candidate -> [String] in
      var value = candidate.value.map(formatTokens) ?? "none"
      if candidate.isCurrent { value += " (model)" }
      if candidate.value == result.recommendation, result.recommendation != nil {
        value += " (recommended)"
      }
      return [
        value, candidate.exhaustionPeriod ?? "-",
        EstimateText.mean(candidate.exhaustionProbability, unit: fraction),
        EstimateText.interval(candidate.exhaustionProbability, unit: fraction),
        EstimateText.mean(candidate.dropRate, unit: fraction),
        EstimateText.interval(candidate.dropRate, unit: fraction),
        EstimateText.meanPlusMinus(candidate.costUSD, unit: Figure<RunResult>.Unit.dollars),
        candidate.meetsTargets ? "yes" : "no",
      ]
    }
    return RunReport.layout(
      header: [
        result.quantity.rawValue, "worst period", "exhausted", "95 % interval", "drop rate",
        "95 % interval", "cost", "meets targets",
      ], rows: rows, markdown: markdown)
  }
}
