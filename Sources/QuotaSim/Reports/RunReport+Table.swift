extension RunReport {
  /// Returns the readable report: a summary, then per deployment one row per period with
  /// the counts, and a list of the period's instants (alerts, throttle start, exhaustion).
  static func table(_ result: RunResult, markdown: Bool) -> String {
    var out: [String] = []
    let heading = markdown ? "## " : ""
    out.append(
      "\(heading)QuotaSim run of '\(result.model)', seed \(result.seed), replication \(result.replication)"
    )
    out.append("")
    out.append("Simulated \(result.start) to \(result.end).")
    let requests = result.requests
    out.append(
      "Requests: \(formatTokens(requests.simulated)) arrived, \(formatTokens(requests.served)) served, "
        + "\(formatTokens(requests.dropped)) dropped, \(formatTokens(requests.inFlightAtEnd)) in flight at the end."
    )
    if !requests.droppedByReason.isEmpty {
      let reasons = requests.droppedByReason.sorted { $0.key < $1.key }
        .map { "\($0.key) \(formatTokens($0.value))" }
      out.append("Dropped by reason: \(reasons.joined(separator: ", ")).")
    }
    out.append(latencyLine(result.latency))

    for deployment in result.deployments {
      out.append("")
      out.append(
        "\(heading)Deployment \(deployment.name) (\(deployment.model)), \(deployment.quotaPeriod) periods"
      )
      out.append("")
      out.append(contentsOf: periodTable(deployment.periods, markdown: markdown))
      let events = deployment.periods.flatMap(eventLines)
      if !events.isEmpty {
        out.append("")
        out.append(contentsOf: events.map { markdown ? "- \($0)" : "  \($0)" })
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private static let columns = [
    "period", "offered", "direct", "fallback", "attempts", "429", "429/att", "429/req", "403",
    "403/att", "throttled", "deferred", "dropped", "retries", "tokens", "quota used", "cost USD",
  ]

  private static func periodTable(_ periods: [PeriodFigures], markdown: Bool) -> [String] {
    let rows = periods.map { period -> [String] in
      [
        period.period, formatTokens(period.offered), formatTokens(period.servedDirect),
        formatTokens(period.servedByFallback), formatTokens(period.attempts),
        formatTokens(period.rateLimited), percent(period.rateLimitedPerAttempt),
        percent(period.rateLimitedPerRequest), formatTokens(period.quotaRefused),
        percent(period.quotaRefusedPerAttempt), formatTokens(period.localThrottles),
        formatTokens(period.deferred), formatTokens(period.dropped), formatTokens(period.retries),
        formatTokens(period.totalTokens),
        period.quotaUsedPercent.map { formatNumber($0, decimals: 1) + "%" } ?? "no quota",
        formatNumber(period.costUSD, decimals: 2),
      ]
    }
    return layout(header: columns, rows: rows, markdown: markdown)
  }

  private static func eventLines(_ period: PeriodFigures) -> [String] {
    var lines: [String] = []
    for alert in period.alerts {
      lines.append(
        "\(period.period): \(formatNumber(alert.thresholdPercent, decimals: 0))% alert at \(alert.at)"
      )
    }
    if let start = period.throttleStart {
      lines.append("\(period.period): proactive throttle started at \(start)")
    }
    if let exhausted = period.trackerExhaustion {
      lines.append("\(period.period): client count reached 100% of the quota at \(exhausted)")
    }
    if let first = period.first403 {
      lines.append("\(period.period): first 403 from the gateway at \(first)")
    }
    if period.neverAdmissible > 0 {
      lines.append(
        "\(period.period): \(formatTokens(period.neverAdmissible)) attempts could never be admitted (estimate above TPM)"
      )
    }
    return lines
  }

  private static func latencyLine(_ latency: LatencySummary) -> String {
    guard latency.count > 0 else { return "Latency: no request was served." }
    func seconds(_ value: Double?) -> String {
      value.map { formatNumber($0, decimals: 3) + " s" } ?? "-"
    }
    return "Latency, arrival to completion with waits: p50 \(seconds(latency.p50Seconds)), "
      + "p90 \(seconds(latency.p90Seconds)), p95 \(seconds(latency.p95Seconds)), "
      + "p99 \(seconds(latency.p99Seconds)), max \(seconds(latency.maxSeconds))."
  }

  private static func percent(_ value: Double?) -> String {
    value.map { formatNumber($0 * 100, decimals: 2) + "%" } ?? "-"
  }

  /// Lays out rows under a header, right-aligning every column but the first.
  static func layout(header: [String], rows: [[String]], markdown: Bool) -> [String] {
    if markdown {
      let separator = header.indices.map { $0 == 0 ? "---" : "---:" }
      return ([header, separator] + rows).map { "| " + $0.joined(separator: " | ") + " |" }
    }
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return index == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
  }
}
