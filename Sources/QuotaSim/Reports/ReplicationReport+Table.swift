extension ReplicationReport {
  /// Returns the readable report: the run's figures, then per deployment and period every
  /// figure's mean and interval, how often the quota ran out and when.
  static func table(_ summary: ReplicationSummary, markdown: Bool) -> String {
    let heading = markdown ? "## " : ""
    var out = [
      "\(heading)QuotaSim replications of '\(summary.model)': \(summary.replications) "
        + "replication\(summary.replications == 1 ? "" : "s"), seed \(summary.seed)",
      "",
      "Simulated \(summary.start) to \(summary.end). Means with 95 % confidence intervals "
        + "(Student t over replications).",
    ]
    if summary.replications < 2 {
      out.append("One replication gives no interval; pass --replications 2 or more.")
    }
    out.append("")
    out += figureTable(RunResult.figures, summary.figures, markdown: markdown)
    out.append("")
    out.append(
      bullet(
        "A quota of any deployment ran out "
          + "\(EstimateText.occurrences(summary.firstExhaustion)).", markdown))
    out.append(
      bullet(
        "The throttle of any deployment started "
          + "\(EstimateText.occurrences(summary.firstThrottle)).", markdown))

    for deployment in summary.deployments {
      for period in deployment.periods {
        out.append("")
        let quota = period.quota.map { "quota \(formatTokens($0))" } ?? "no quota"
        out.append(
          "\(heading)Deployment \(deployment.name) (\(deployment.model)), period "
            + "\(period.period), \(quota)")
        out.append("")
        out += figureTable(PeriodFigures.figures, period.figures, markdown: markdown)
        out.append("")
        out.append(
          bullet(
            "Quota ran out before the period ended \(EstimateText.occurrences(period.exhaustion)).",
            markdown))
        out.append(
          bullet("Throttle started \(EstimateText.occurrences(period.throttleStart)).", markdown))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private static func figureTable<Source>(
    _ figures: [Figure<Source>], _ estimates: [String: MeanEstimate], markdown: Bool
  ) -> [String] {
    let rows = figures.map { figure -> [String] in
      let estimate =
        estimates[figure.name] ?? MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil)
      return [
        figure.label, EstimateText.mean(estimate, unit: figure.unit),
        EstimateText.interval(estimate, unit: figure.unit),
      ]
    }
    return RunReport.layout(
      header: ["figure", "mean", "95 % interval"], rows: rows, markdown: markdown)
  }

  private static func bullet(_ text: String, _ markdown: Bool) -> String {
    markdown ? "- " + text : text
  }
}
