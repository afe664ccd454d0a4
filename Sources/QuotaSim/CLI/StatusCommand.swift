import Foundation

/// The `quotasim status` command: prints each deployment's usage and states from a tracker
/// state file, measured against the catalog's limits.
public enum StatusCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "status",
    abstract: "Show each deployment's usage, alerts, throttle, blocks and closed periods "
      + "from a tracker state file.",
    options: StateCommandInput.options + [
      StateCommandInput.atOption(
        deciding: "it selects the quota period and which blocks and exhaustions have ended")
    ],
    synopsis: "--catalog FILE --state FILE [options]",
    discussion: """
      Each line reads '<deployment> <field> <value>', such as 'A blockedUntil \
      2025-03-11T09:00:00Z', so scripts can select lines with grep. The fields are period, \
      usedTokens, quota, usedPercent, reservedTokens (always 0, because reservations live \
      only in a running client), alerts, throttled, throttleStartedAt, blockedUntil, \
      exhaustedUntil, accessDenied and history (one line per closed period); \
      throttleStartedAt, blockedUntil and exhaustedUntil appear only when set.

      Limits come from the catalog, never from the state file; a quota that differs from \
      the one saved in the file is reported on standard error. The file is only read, never \
      changed or locked. The exit status is 0 on success, 64 for an invalid command line or \
      catalog, and 1 when the state file is damaged or cannot be read.
      """
  ) { parsed, _ in
    run(parsed)
  }

  /// Runs `quotasim status` on a parsed command line.
  ///
  /// - Returns: the lines of every deployment on standard output, the load notices on
  ///   standard error, and the exit status.
  public static func run(_ parsed: ParsedCommand) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let input: StateCommandInput
    do throws(StateCommandFailure) {
      input = try StateCommandInput(parsed, usage: usage)
    } catch {
      return error.result()
    }

    var notices = ""
    if !FileManager.default.fileExists(atPath: input.stateFile.path) {
      notices +=
        "Notice: state file '\(input.stateFile.path)' does not exist yet, so no usage is "
        + "recorded.\n"
    }
    let log = MemoryLogSink()
    let tracker: QuotaTracker
    do throws(StateCommandFailure) {
      tracker = try input.openTracker(mode: .manual, ifDamaged: .fail, log: log)
    } catch {
      return error.result(standardError: notices + log.entries.map(\.diagnosticLine).joined())
    }
    notices += log.entries.map(\.diagnosticLine).joined()

    let blocks = tracker.statuses().map { StatusFormat.lines(for: $0, catalog: tracker.catalog) }
    return CommandResult(
      standardOutput: blocks.joined(separator: "\n"), standardError: notices, status: .success)
  }
}

/// The text that `quotasim status` and `quotasim record` print for a deployment's state.
enum StatusFormat {
  /// Returns one sentence with the usage and the percentage of the quota, such as
  /// `A used 20,000 of 1,000,000 tokens in period 2025-03 (2 %).`
  static func usageSentence(_ status: DeploymentQuotaStatus) -> String {
    let used = QuantityFormat.grouped(status.usage.totalTokens)
    guard let quota = status.quota else {
      return "\(status.name) used \(used) tokens in period \(status.period.key) (no quota)."
    }
    return "\(status.name) used \(used) of \(QuantityFormat.grouped(quota)) tokens in period "
      + "\(status.period.key) (\(percent(status)))."
  }

  /// Returns the `<deployment> <field> <value>` lines of `status`, each ending in a newline.
  static func lines(for status: DeploymentQuotaStatus, catalog: DeploymentCatalog) -> String {
    let unit = catalog.id(named: status.name).map { catalog[$0].quotaPeriod.rawValue } ?? "period"
    var fields: [(String, String)] = [
      ("period", "\(status.period.key) (\(status.period.start) to \(status.period.end))"),
      ("usedTokens", usedTokens(status.usage)),
      ("quota", status.quota.map { "\(QuantityFormat.grouped($0)) tokens per \(unit)" } ?? "none"),
      ("usedPercent", status.quota == nil ? "none" : percent(status)),
      ("reservedTokens", QuantityFormat.grouped(status.reservedTokens)),
      ("alerts", alerts(status.alerts)),
      // NOTE: a deployment that is blocked, exhausted or denied access shows throttled "no"
      // even above the throttle threshold, because the tracker reports the first reason it
      // refuses a request and those come before the throttle.
      ("throttled", status.isThrottled ? "yes" : "no"),
    ]
    if let started = status.throttleStartedAt { fields.append(("throttleStartedAt", "\(started)")) }
    if let until = status.blockedUntil { fields.append(("blockedUntil", "\(until)")) }
    if let until = status.exhaustedUntil { fields.append(("exhaustedUntil", "\(until)")) }
    fields.append(("accessDenied", status.accessDenied ? "yes" : "no"))
    if status.history.isEmpty {
      fields.append(("history", "none"))
    } else {
      fields += status.history.map {
        ("history", "\($0.period) \(QuantityFormat.grouped($0.totalTokens)) tokens")
      }
    }
    return fields.map { "\(status.name) \($0) \($1)\n" }.joined()
  }

  /// Returns the used percentage of the quota to 0.1, such as `60 %`, or `none`.
  private static func percent(_ status: DeploymentQuotaStatus) -> String {
    guard let quota = status.quota, quota > 0 else { return "none" }
    return QuantityFormat.percent(Double(status.usage.totalTokens) / Double(quota))
  }

  /// Returns the total with its parts when they are known, such as
  /// `1,200 (1,000 prompt + 200 completion)`.
  private static func usedTokens(_ usage: TokenUsage) -> String {
    var text = QuantityFormat.grouped(usage.totalTokens)
    if usage.promptTokens != 0 || usage.completionTokens != 0 {
      text +=
        " (\(QuantityFormat.grouped(usage.promptTokens)) prompt + "
        + "\(QuantityFormat.grouped(usage.completionTokens)) completion)"
    }
    if usage.isEstimated { text += ", including estimates for responses without usage" }
    return text
  }

  /// Returns the alerts as `80 % at <instant>, 90 % at <instant>`, or `none`.
  private static func alerts(_ alerts: [QuotaAlert]) -> String {
    guard !alerts.isEmpty else { return "none" }
    return alerts.map { alert in
      "\(QuantityFormat.percent(Double(alert.thresholdPartsPerMillion) / 1_000_000)) at \(alert.at)"
    }.joined(separator: ", ")
  }
}
