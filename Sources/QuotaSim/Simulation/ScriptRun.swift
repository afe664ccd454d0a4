import Foundation

/// One replay of a script: the real tracker and enforcer driven through the script's
/// requests against scripted deployments, on a virtual clock.
///
/// The run carries out the enforcer's decisions exactly as ``SimulationRun`` does: a send
/// becomes a call to the deployment's ``ScriptedEndpoint``, whose response arrives after the
/// entry's service time, and a wait becomes an event at the instant the enforcer named.
/// Nothing here decides what the client does. The run is single-threaded and deterministic:
/// the same script gives the same trace.
///
/// With an initial state, the tracker opens a copy of it in a temporary folder and saves
/// every change to it (write-through). After the run a second tracker reopens the file, as a
/// restarted process would, and the result reports the usage it finds.
public final class ScriptRun {
  /// The maximum number of events one replay handles. A script that needs more is stopped
  /// there and reported.
  public static let eventLimit = 10_000_000

  let script: ReplayScript
  let engine: SimulationEngine<ScriptEvent>
  let log = MemoryLogSink()
  var tracker: QuotaTracker!
  var enforcer: ThrottleEnforcer!
  var endpoints: [ScriptedEndpoint]
  var progress: [RequestProgress?]
  var callInstants: [[Instant]]
  var responseCounts: [[String: Int]]
  var unanswered: [(count: Int, first: Instant)?]
  var trace: [TraceEvent] = []
  var alerts: [QuotaAlert] = []
  var problems: [String] = []

  /// Prepares a replay of `script`.
  public init(script: ReplayScript) {
    self.script = script
    engine = SimulationEngine(start: script.start, minimumCapacity: script.requests.count)
    endpoints = script.responses.map(ScriptedEndpoint.init(entries:))
    let count = script.catalog.deployments.count
    progress = Array(repeating: nil, count: script.requests.count)
    callInstants = Array(repeating: [], count: count)
    responseCounts = Array(repeating: [:], count: count)
    unanswered = Array(repeating: nil, count: count)
  }

  /// Runs the script and returns what happened, with the verdict on each expectation.
  public func run() -> ReplayResult {
    var stateFolder: URL?
    defer { stateFolder.map { try? FileManager.default.removeItem(at: $0) } }
    var stateError: String?
    var restartUsage: [Int64]?

    if let text = script.initialState {
      switch openTracker(stateText: text) {
      case .success(let folder):
        stateFolder = folder
      case .failure(let failure):
        stateError = failure.message
      }
    } else {
      tracker = QuotaTracker(
        catalog: script.catalog, policy: script.policy, clock: engine.clock, log: log)
    }

    if tracker != nil {
      enforcer = ThrottleEnforcer(tracker: tracker)
      runEvents()
      if let folder = stateFolder { restartUsage = reopenAfterRun(in: folder) }
    }
    var result = makeResult(stateError: stateError, restartUsage: restartUsage)
    if let folder = stateFolder {
      result.logs = result.logs.map { Self.removingFolder(folder, from: $0) }
    }
    return result
  }

  /// Returns `entry` with the temporary folder left out of its metadata, so that the state
  /// file reads `state.json` and the same script logs the same text on every run.
  private static func removingFolder(_ folder: URL, from entry: LogEntry) -> LogEntry {
    var cleaned = entry
    cleaned.metadata = entry.metadata.mapValues {
      $0.replacingOccurrences(of: folder.path + "/", with: "")
    }
    return cleaned
  }

  /// Writes the initial state to a temporary folder and opens the tracker on it.
  ///
  /// - Returns: The folder, or the loader's error with the temporary path left out.
  private func openTracker(stateText: String) -> Result<URL, StateOpenFailure> {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("quotasim-replay-\(UUID().uuidString)", isDirectory: true)
    let file = folder.appendingPathComponent(Self.stateFileName)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(stateText.utf8).write(to: file)
    } catch {
      problems.append("could not write the initial state to a temporary file: \(error)")
      return .failure(StateOpenFailure(message: nil))
    }
    do throws(TrackerStateError) {
      tracker = try QuotaTracker.open(
        catalog: script.catalog, policy: script.policy, clock: engine.clock, log: log,
        stateFile: TrackerStateFile(path: file.path), mode: .writeThrough)
      return .success(folder)
    } catch {
      try? FileManager.default.removeItem(at: folder)
      let message = error.description.replacingOccurrences(
        of: folder.path + "/", with: "")
      return .failure(StateOpenFailure(message: message))
    }
  }

  /// Flushes the tracker, as a client does on exit, then returns each deployment's usage
  /// as a new tracker loads it from the file.
  private func reopenAfterRun(in folder: URL) -> [Int64]? {
    let file = TrackerStateFile(path: folder.appendingPathComponent(Self.stateFileName).path)
    do throws(TrackerStateError) {
      try tracker.flush()
      let restarted = try QuotaTracker.open(
        catalog: script.catalog, policy: script.policy, clock: ManualClock(engine.now),
        stateFile: file, mode: .manual)
      return script.catalog.ids.map { restarted.usage(of: $0).totalTokens }
    } catch {
      problems.append(
        "saving or reopening the state file failed: "
          + error.description.replacingOccurrences(of: folder.path + "/", with: ""))
      return nil
    }
  }

  /// The state file's name inside the temporary folder, as messages show it.
  static let stateFileName = "state.json"

  private func runEvents() {
    for index in script.requests.indices {
      schedule(.arrival(index), at: script.requests[index].at)
    }
    do {
      let handler: (ScheduledEvent<ScriptEvent>) throws -> Void = { [unowned self] scheduled in
        guard engine.processedEventCount <= Self.eventLimit else { throw EventLimitReached() }
        handle(scheduled.event)
      }
      if let end = script.end {
        try engine.run(until: max(end, engine.now), handler: handler)
      } else {
        // Without an end the run drains the queue, but waits the limiter allows (a block or
        // a deferral can last centuries) stop at the span limit, so the clock stays there.
        let horizon = script.start.advanced(by: .seconds(ReplayScript.maximumSpanSeconds))
        while let next = engine.peek(), next.time < horizon, let event = engine.step() {
          try handler(event)
        }
      }
    } catch {
      problems.append(
        "the replay stopped after \(Self.eventLimit) events at \(engine.now); shorten the "
          + "script or set \"end\"")
    }
  }

  func schedule(_ event: ScriptEvent, at instant: Instant) {
    do {
      try engine.schedule(event, at: max(instant, engine.now))
    } catch {
      preconditionFailure("scheduling at \(instant) failed: \(error)")
    }
  }
}

/// An event of a replay's queue; the payload is the request's index in the script.
enum ScriptEvent {
  /// The request arrives.
  case arrival(Int)
  /// The request asks the enforcer for its next step, after a retry wait or a deferral.
  case attempt(Int)
  /// The response to the request's call arrives.
  case response(Int)
}

/// A replayed request between its arrival and its end.
struct RequestProgress {
  var state: RequestState
  var target: DeploymentID
  var pending: AttemptOutcome?
  var attemptInstants: [Instant] = []
  var ending = RequestEnding.unfinished
  var failure: FailureReason?
  var tokens: Int64 = 0
}

/// The loader's message when the tracker could not open the initial state, or `nil` when
/// writing the temporary file failed, which the run reports as a problem instead.
private struct StateOpenFailure: Error {
  var message: String?
}

private struct EventLimitReached: Error {}
