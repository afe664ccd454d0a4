/// Renders a ``ReplayResult`` as text: the decision trace, a summary and the verdict on each
/// expectation.
///
/// Times in the trace are seconds after the script's start, as scripts write them, and the
/// output is deterministic: the same replay prints the same bytes.
public enum ReplayReport {
  /// The columns of the trace table.
  public static let traceColumns = [
    "t (s)", "instant", "request", "deployment", "attempt", "response", "decision", "wait (s)",
    "detail",
  ]

  /// Returns the full report, ending with a newline.
  ///
  /// - Parameters:
  ///   - result: The replay.
  ///   - file: The script file as the user named it.
  ///   - traceLimit: The most trace lines to print; the rest are counted.
  public static func render(_ result: ReplayResult, file: String, traceLimit: Int = .max)
    -> String
  {
    var out = ["Replay of '\(result.name)' from \(file)"]
    if let summary = result.summary {
      out.append(summary)
    }
    out.append("")
    out.append("Start \(result.start); times are seconds after it. End \(result.end).")
    out.append("")
    out += traceLines(result, limit: traceLimit)
    out.append("")
    out += summaryLines(result)
    out.append("")
    out += verdictLines(result)
    return out.joined(separator: "\n") + "\n"
  }

  /// Returns the trace as a table, at most `limit` rows.
  static func traceLines(_ result: ReplayResult, limit: Int) -> [String] {
    guard !result.trace.isEmpty else { return ["Trace: no decision was made."] }
    let rows = result.trace.prefix(max(0, limit)).map { traceRow($0, origin: result.start) }
    var lines = ["Trace:"] + leftAligned(header: traceColumns, rows: rows)
    let hidden = result.trace.count - rows.count
    if hidden > 0 {
      lines.append("… \(hidden) more trace lines not shown (raise --trace-limit to see them)")
    }
    return lines
  }

  /// Returns one trace event as table cells.
  static func traceRow(_ event: TraceEvent, origin: Instant) -> [String] {
    var detail = ""
    if let tokens = event.tokens { detail = "\(QuantityFormat.grouped(tokens)) tokens charged" }
    if let error = event.error { detail = error }
    return [
      TraceEvent.seconds(origin.duration(to: event.at)), event.at.iso8601, "\(event.request)",
      event.deployment,
      "\(event.attempt)", event.responseText ?? "", event.kind.rawValue,
      event.wait.map(TraceEvent.seconds) ?? "", detail,
    ]
  }

  static func summaryLines(_ result: ReplayResult) -> [String] {
    var lines: [String] = []
    if let error = result.stateError {
      lines.append("The tracker could not open its initial state: \(error)")
      return lines
    }
    let header = [
      "deployment", "calls", "responses", "period", "used", "reserved", "alerts", "state",
    ]
    let rows = result.deployments.map(deploymentRow)
    lines.append("Deployments at the end:")
    lines += leftAligned(header: header, rows: rows)
    if result.deployments.contains(where: { $0.usageAfterRestart != nil }) {
      let usage = result.deployments.map {
        "\($0.name) \(QuantityFormat.grouped($0.usageAfterRestart ?? 0))"
      }
      lines.append("Used tokens after reopening the state file: \(usage.joined(separator: ", ")).")
    }

    let counts = RequestEnding.allCases.map { ending in
      "\(result.requests.filter { $0.ending == ending }.count) \(ending.rawValue)"
    }
    lines.append("Requests: \(counts.joined(separator: ", ")).")
    let ended = result.requests.filter { $0.failure != nil }
    for request in ended.prefix(20) {
      lines.append("  request \(request.id) \(request.ending.rawValue): \(request.failure!)")
    }
    if ended.count > 20 { lines.append("  … and \(ended.count - 20) more") }
    if !result.logs.isEmpty {
      lines.append("Log:")
      for entry in result.logs.prefix(20) {
        let metadata = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append("  \(entry.level): \(entry.message) \(metadata.joined(separator: " "))")
      }
      if result.logs.count > 20 { lines.append("  … and \(result.logs.count - 20) more") }
    }
    return lines
  }

  private static func deploymentRow(_ deployment: ReplayedDeployment) -> [String] {
    let responses = deployment.responseCounts.sorted { $0.key < $1.key }
      .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
    guard let status = deployment.status else {
      return [deployment.name, "\(deployment.calls)", responses, "", "", "", "", ""]
    }
    var state: [String] = []
    if let until = status.exhaustedUntil { state.append("exhausted until \(until)") }
    if let until = status.blockedUntil { state.append("blocked until \(until)") }
    if status.accessDenied { state.append("access denied") }
    if status.isThrottled { state.append("throttled") }
    let used =
      QuantityFormat.grouped(status.usage.totalTokens)
      + (status.quota.map { " of \(QuantityFormat.grouped($0))" } ?? "")
    return [
      deployment.name, "\(deployment.calls)", responses.isEmpty ? "-" : responses,
      status.period.key,
      used, QuantityFormat.grouped(status.reservedTokens),
      status.alerts.isEmpty
        ? "-"
        : status.alerts.map { formatNumber($0.thresholdPercent, decimals: 0) + "%" }
          .joined(separator: ", "),
      state.isEmpty ? "-" : state.joined(separator: ", "),
    ]
  }

  static func verdictLines(_ result: ReplayResult) -> [String] {
    var lines: [String] = []
    for problem in result.problems { lines.append("Problem: \(problem).") }
    let failed = result.failedChecks
    if result.checks.isEmpty {
      lines.append("Expectations: none written.")
    } else if failed.isEmpty {
      lines.append("Expectations: all \(result.checks.count) met.")
    } else {
      lines.append("Expectations: \(failed.count) of \(result.checks.count) failed.")
    }
    for check in result.checks {
      let expected = check.expectation.expected.rendered(origin: result.start)
      if check.passed {
        lines.append("  ok      \(check.expectation.path) = \(expected)")
      } else {
        let actual = check.actual.rendered(origin: result.start)
        lines.append("  FAILED  \(check.expectation.path): expected \(expected), got \(actual)")
      }
    }
    lines.append(result.passed ? "PASSED" : "FAILED")
    return lines
  }

  /// Lays out rows under a header with every column left-aligned and trailing spaces removed.
  static func leftAligned(header: [String], rows: [[String]]) -> [String] {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      var text = ""
      for (index, cell) in cells.enumerated() {
        text += cell
        if index < cells.count - 1 {
          text += String(repeating: " ", count: widths[index] - cell.count + 2)
        }
      }
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    let rule = widths.map { String(repeating: "-", count: $0) }
    return ([header, rule] + rows).map(line)
  }
}
