/// One run of `quotasim record`: charges the records one by one and keeps what it prints.
struct RecordSession {
  /// The end of a run.
  enum Outcome {
    /// Every record was saved; `warnings` contains lines for standard error, possibly none.
    case success(warnings: String)
    /// A save failed, so the run stopped.
    case failure(StateCommandFailure)
  }

  let request: RecordRequest
  let tracker: QuotaTracker
  let context: CommandContext
  /// The records saved so far.
  private(set) var savedCount: Int64 = 0
  /// The alerts the records fired, in order.
  private(set) var alerts: [QuotaAlert] = []
  /// The progress lines, when the context does not stream them.
  private(set) var collectedOutput = ""

  init(request: RecordRequest, tracker: QuotaTracker, context: CommandContext) {
    self.request = request
    self.tracker = tracker
    self.context = context
  }

  /// Charges every record, each saved before the next, then flushes.
  ///
  /// A tracker in write-through mode saves inside `record`. When that save fails, `flush()`
  /// tries once more before the run stops, so one transient failure does not end it. A
  /// folder sync that failed after the rename counts as saved and only warns.
  mutating func recordAll() -> Outcome {
    var warnings = ""
    while savedCount < request.count {
      alerts += tracker.record(request.usage, for: request.deployment)
      if let error = tracker.lastWriteThroughError {
        switch retrySave(after: error) {
        case .success(let warning):
          if warnings.isEmpty, let warning { warnings = warning }
        case .failure(let failure):
          return .failure(failure)
        }
      }
      savedCount += 1
      if request.reportsProgress { emit(progressLine()) }
    }

    switch retrySave(after: nil) {
    case .success(let warning):
      if warnings.isEmpty, let warning { warnings = warning }
      return .success(warnings: warnings)
    case .failure(let failure):
      return .failure(failure)
    }
  }

  /// Flushes after a failed write-through save (or at the end when `error` is `nil`).
  ///
  /// - Returns: a warning line when only the folder sync failed, or the failure that stops
  ///   the run.
  private func retrySave(after error: TrackerStateError?) -> Result<String?, StateCommandFailure> {
    if let error, case .notDurable = error { return .success("Warning: \(error)\n") }
    do throws(TrackerStateError) {
      try tracker.flush()
      return .success(nil)
    } catch .notDurable(let path, let reason) {
      return .success("Warning: \(TrackerStateError.notDurable(path: path, reason: reason))\n")
    } catch {
      let saved =
        "Saved \(QuantityFormat.grouped(savedCount)) of "
        + "\(QuantityFormat.grouped(request.count)) records before the failure; the rest were "
        + "not recorded."
      guard case .saveFailed(let path, let step, let reason) = error else {
        return .failure(.runtime(messages: [error.description + " " + saved]))
      }
      // The library's text promises a retry by the next save, which this process will not make.
      return .failure(
        .runtime(messages: [
          "Cannot save state file '\(path)': \(step) failed: \(reason). \(saved)"
        ]))
    }
  }

  /// Returns the line printed after each saved record with `--progress`, such as
  /// `Saved 3 of 1,000 records; A used 3 tokens.`
  private func progressLine() -> String {
    let name = tracker.catalog[request.deployment].name
    let used = tracker.usage(of: request.deployment).totalTokens
    return
      "Saved \(QuantityFormat.grouped(savedCount)) of \(QuantityFormat.grouped(request.count)) "
      + "records; \(name) used \(QuantityFormat.grouped(used)) tokens.\n"
  }

  private mutating func emit(_ text: String) {
    if let stream = context.streamOutput {
      stream(text)
    } else {
      collectedOutput += text
    }
  }

  /// Returns what a successful run prints last: what was recorded, the deployment's usage and
  /// percentage of its quota, and the text of every alert fired.
  func summary() -> String {
    let status = tracker.status(of: request.deployment)
    let usage = request.usage
    let recordWord = savedCount == 1 ? "record" : "records"
    var tokens = "\(QuantityFormat.grouped(usage.totalTokens)) token"
    if usage.totalTokens != 1 { tokens += "s" }
    if usage.promptTokens != 0 || usage.completionTokens != 0 {
      tokens +=
        " (\(QuantityFormat.grouped(usage.promptTokens)) prompt + "
        + "\(QuantityFormat.grouped(usage.completionTokens)) completion)"
    }
    let each = savedCount == 1 ? "" : " each"
    var lines = [
      "Recorded \(QuantityFormat.grouped(savedCount)) \(recordWord) of \(tokens)\(each) "
        + "on \(status.name).",
      StatusFormat.usageSentence(status),
    ]
    lines += alerts.map { "Alert: \($0.message)" }
    return lines.joined(separator: "\n") + "\n"
  }
}
