import Foundation

/// One request produced by a workload: when it arrives and its token sizes.
public struct GeneratedRequest: Sendable, Equatable {
  /// The instant the request arrives at the client.
  public var arrival: Instant
  /// The request's prompt tokens, 1 or more (or the trace's count in a replay).
  public var promptTokens: Int64
  /// The completion tokens of one choice, capped at the workload's `maxTokens`.
  public var completionTokens: Int64

  public init(arrival: Instant, promptTokens: Int64, completionTokens: Int64) {
    self.arrival = arrival
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
  }
}

/// The traffic of one workload between a start and an end instant.
///
/// Open-loop workloads (Poisson and trace replay) hand out requests in time order through
/// ``nextOpenLoopRequest()``. Batch scans are closed-loop: ``nextScanStart(after:)`` gives
/// each scan's start, and the runner calls ``drawSizes()`` for each prompt a worker sends.
///
/// Sizes are per request and per choice. The completion is capped at `maxTokens`, which is
/// Azure's limit per choice; the runner multiplies the completion by the workload's
/// `choices` (`n`) when it charges usage, and this source does not.
///
/// Draws are a pure function of the stream's state: for Poisson traffic each request takes
/// the gap (one exponential), then the prompt size, then the completion size. Trace replay
/// makes no draws. The source is single-threaded and owns its stream.
public final class WorkloadSource {
  /// The workload this source generates.
  public let workload: WorkloadConfig
  /// The first instant of the traffic.
  public let start: Instant
  /// The first instant after it; no arrival or scan start is at or after it.
  public let end: Instant

  private let stream: RandomStream
  private let promptSampler: TokenSizeSampler
  private let completionSampler: TokenSizeSampler
  // Exactly one of the three is set. Separate optionals, unlike an enum with payloads, let
  // the Poisson process and the trace cursor be mutated in place on every request.
  private var poisson: PiecewisePoissonProcess?
  private var trace: TraceReplayCursor?
  private let batch: BatchScanSchedule?

  /// Creates a source after checking the workload.
  ///
  /// - Parameters:
  ///   - workload: The workload to generate.
  ///   - start: The first instant of the traffic.
  ///   - end: The first instant after it, at or after `start`.
  ///   - timeZone: The zone of the hour-of-day and day-of-week profiles and scan times.
  ///   - stream: The workload's own random stream, used by this source alone.
  /// - Throws: ``WorkloadError`` naming the first invalid value.
  public init(
    workload: WorkloadConfig, start: Instant, end: Instant, timeZone: TimeZone,
    stream: RandomStream
  ) throws(WorkloadError) {
    let name = workload.name
    guard end >= start else { throw .invalidHorizon(workload: name, start: start, end: end) }
    if let maxTokens = workload.maxTokens, maxTokens < 1 {
      throw .invalidMaxTokens(workload: name, maxTokens: maxTokens)
    }

    promptSampler = try TokenSizeSampler(
      workload.promptTokens, minimumTokens: 1, rounding: workload.promptRounding,
      workload: name, field: "promptTokens")
    completionSampler = try TokenSizeSampler(
      workload.completionTokens, minimumTokens: 0, capTokens: workload.maxTokens,
      rounding: workload.completionRounding, workload: name, field: "completionTokens")

    switch workload.arrivals {
    case .poisson(let arrivals):
      try WorkloadValidation.validate(arrivals, workload: name)
      poisson = PiecewisePoissonProcess(
        arrivals: arrivals, start: start, end: end, timeZone: timeZone)
      trace = nil
      batch = nil
    case .batch(let scan):
      try WorkloadValidation.validate(scan, workload: name)
      poisson = nil
      trace = nil
      batch = BatchScanSchedule(scan: scan, start: start, end: end, timeZone: timeZone)
    case .trace(let replay):
      try WorkloadValidation.validate(replay, workload: name)
      poisson = nil
      trace = TraceReplayCursor(replay: replay, start: start, end: end)
      batch = nil
    }

    self.workload = workload
    self.start = start
    self.end = end
    self.stream = stream
  }

  /// Whether the workload is a batch scan, driven by ``nextScanStart(after:)`` and
  /// ``drawSizes()`` instead of ``nextOpenLoopRequest()``.
  public var isClosedLoop: Bool { batch != nil }

  /// Returns the next request of a Poisson or trace workload, in time order, or `nil` when
  /// there is none before ``end``. A batch workload returns `nil` at once.
  ///
  /// - Complexity: O(1) draws and no allocation per request. A Poisson gap that crosses
  ///   local hours also reads the zone's UTC offset once per hour crossed.
  public func nextOpenLoopRequest() -> GeneratedRequest? {
    if poisson != nil { return nextPoissonRequest() }
    guard let (arrival, row) = trace?.next() else { return nil }
    let completion = min(row.completionTokens, workload.maxTokens ?? .max)
    return GeneratedRequest(
      arrival: arrival, promptTokens: row.promptTokens, completionTokens: completion)
  }

  /// Draws the next Poisson gap and, when it lands before ``end``, the request's sizes.
  private func nextPoissonRequest() -> GeneratedRequest? {
    guard poisson?.isFinished == false else { return nil }
    let gap: Double
    do {
      gap = try stream.exponential(mean: 1)
    } catch {
      preconditionFailure("an exponential with mean 1 was rejected: \(error)")
    }

    guard let arrival = poisson?.nextArrival(unitExponential: gap) else { return nil }
    let sizes = drawSizes()
    return GeneratedRequest(
      arrival: arrival, promptTokens: sizes.prompt, completionTokens: sizes.completion)
  }

  /// Returns the first scan start at or after `instant` (and ``start``) and before ``end``,
  /// or `nil` when there is none or the workload is not a batch scan.
  ///
  /// To walk all scans, call it with ``start``, then with each returned instant plus 1 µs.
  public func nextScanStart(after instant: Instant) -> Instant? {
    batch?.nextStart(atOrAfter: instant)
  }

  /// Draws one prompt size, then one completion size, from the workload's distributions.
  ///
  /// The prompt is at least 1 token; the completion is at least 0 and at most `maxTokens`.
  public func drawSizes() -> (prompt: Int64, completion: Int64) {
    let prompt = promptSampler.draw(using: stream)
    let completion = completionSampler.draw(using: stream)
    return (prompt, completion)
  }
}
