extension HTMLReport {
  /// Returns the report of one run, or of the replications of one scenario in replication
  /// order, with the summary and every chart.
  ///
  /// - Precondition: `results` is not empty; results without series get the summary only.
  public static func run(_ results: [RunResult]) -> String {
    let first = results[0]
    var body = heading(1, "QuotaSim report: \(first.model)")
    let runs =
      results.count > 1 ? "\(results.count) replications" : "replication \(first.replication)"
    body += paragraph(
      "Seed \(first.seed), \(runs), simulated from \(EstimateText.minute(first.start)) to "
        + "\(EstimateText.minute(first.end)) UTC. Dates and times are in UTC.", className: "facts")
    body += heading(2, "Summary")
    body += results.count > 1 ? replicationSummary(ReplicationSummary(results)) : runSummary(first)
    for index in first.deployments.indices {
      let deployment = first.deployments[index]
      body += heading(2, "Deployment \(deployment.name) (\(deployment.model))")
      body += quotaFigure(results, deployment: index)
      body += refusalFigure(results, deployment: index)
      body += busiestDayFigure(results, deployment: index)
    }
    body += heading(2, "Latency")
    body += latencyFigure(results)
    return page(title: "QuotaSim report: \(first.model)", body: body)
  }

  private static func runSummary(_ result: RunResult) -> String {
    let requests = result.requests
    var text = paragraph(
      "Requests: \(QuantityFormat.grouped(requests.simulated)) arrived, "
        + "\(QuantityFormat.grouped(requests.served)) served, "
        + "\(QuantityFormat.grouped(requests.dropped)) dropped, "
        + "\(QuantityFormat.grouped(requests.inFlightAtEnd)) in flight at the end. Cost "
        + "\("$" + formatNumber(result.costUSD, decimals: 2)).", className: "facts")
    let latency = result.latency
    if let p50 = latency.p50Seconds, let p95 = latency.p95Seconds, let p99 = latency.p99Seconds {
      text += paragraph(
        "Latency from arrival to completion, waits included: p50 \(formatNumber(p50, decimals: 3)) s, "
          + "p95 \(formatNumber(p95, decimals: 3)) s, p99 \(formatNumber(p99, decimals: 3)) s.",
        className: "facts")
    }
    var rows: [[String]] = []
    for deployment in result.deployments {
      for period in deployment.periods {
        rows.append([
          deployment.name, period.period, period.quota.map(QuantityFormat.grouped) ?? "none",
          QuantityFormat.grouped(period.totalTokens),
          period.quotaUsedPercent.map { formatNumber($0, decimals: 1) + " %" } ?? "-",
          alertsText(period), EstimateText.minute(period.throttleStart),
          EstimateText.minute(period.exhaustion), percent(period.rateLimitedPerAttempt),
          percent(period.quotaRefusedPerAttempt), QuantityFormat.grouped(period.dropped),
          "$" + formatNumber(period.costUSD, decimals: 2),
        ])
      }
    }
    return text
      + table(
        [
          "deployment", "period", "quota", "tokens used", "quota used", "alerts fired",
          "throttle started", "quota ran out", "429 per attempt", "403 per attempt", "dropped",
          "cost",
        ], rows, textColumns: 2)
  }

  private static func replicationSummary(_ summary: ReplicationSummary) -> String {
    let count = Figure<RunResult>.Unit.count
    let figures = summary.figures
    func figure(_ name: String, _ unit: Figure<RunResult>.Unit) -> String {
      figures[name].map { EstimateText.meanPlusMinus($0, unit: unit) } ?? "-"
    }
    let text = paragraph(
      "Means over \(summary.replications) replications with half their 95 % interval. "
        + "Requests: \(figure("requestsSimulated", count)) arrived, "
        + "\(figure("requestsServed", count)) served, \(figure("requestsDropped", count)) dropped. "
        + "Cost \(figure("costUSD", .dollars)). Latency p50 \(figure("latencyP50Seconds", .seconds)), "
        + "p95 \(figure("latencyP95Seconds", .seconds)), p99 \(figure("latencyP99Seconds", .seconds)).",
      className: "facts")
    var rows: [[String]] = []
    for deployment in summary.deployments {
      for period in deployment.periods {
        func value(_ name: String, _ unit: Figure<PeriodFigures>.Unit) -> String {
          let text = period.figures[name].map { EstimateText.meanPlusMinus($0, unit: unit) } ?? "-"
          return text.replacingOccurrences(of: " ± ", with: "\n± ")
        }
        rows.append([
          deployment.name, period.period, period.quota.map(QuantityFormat.grouped) ?? "none",
          value("totalTokens", .count), value("quotaUsedPercent", .percent),
          "\(period.throttleStart.occurrences) of \(period.throttleStart.replications)\np50 "
            + EstimateText.minute(period.throttleStart.p50),
          "\(period.exhaustion.occurrences) of \(period.exhaustion.replications)\np50 "
            + EstimateText.minute(period.exhaustion.p50),
          value("rateLimitedPerAttempt", .fraction), value("quotaRefusedPerAttempt", .fraction),
          value("dropped", .count), value("costUSD", .dollars),
        ])
      }
    }
    return text
      + table(
        [
          "deployment", "period", "quota", "tokens used", "quota used", "throttle started",
          "quota ran out", "429 per attempt", "403 per attempt", "dropped", "cost",
        ], rows, textColumns: 2)
  }

  private static func alertsText(_ period: PeriodFigures) -> String {
    guard !period.alerts.isEmpty else { return "none" }
    return period.alerts.map {
      "\(formatNumber($0.thresholdPercent, decimals: 0)) % at \(EstimateText.minute($0.at))"
    }.joined(separator: "\n")
  }

  private static func percent(_ fraction: Double?) -> String {
    fraction.map { formatNumber($0 * 100, decimals: 2) + " %" } ?? "-"
  }
}
