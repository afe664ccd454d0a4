import Foundation

/// One replication of a scenario: the real tracker and enforcer driven through the
/// scenario's traffic against simulated Azure endpoints on a virtual clock.
///
/// The run is single-threaded and deterministic: the result is a pure function of the
/// scenario, its seed and the replication index. Nothing here decides what the client does;
/// every routing, retry and throttle decision comes from ``ThrottleEnforcer``, and this type
/// only carries the decisions out, as a real client would with sleeps and HTTP calls.
///
/// Random streams: workload `w` draws from stream `w`, and the endpoint of deployment `d`
/// from stream ``endpointStreamBase`` + `d`, so adding a workload changes no other draws.
public final class SimulationRun {
  /// The first stream index used by endpoints.
  public static let endpointStreamBase = 2_048

  let scenario: Scenario
  let replication: Int
  let engine: SimulationEngine<SimulationEvent>
  let tracker: QuotaTracker
  let enforcer: ThrottleEnforcer
  let endpoints: [SimulatedEndpoint]
  /// Per deployment, how Azure estimates a request's tokens and how long a response takes,
  /// read from the scenario once.
  let admissionRules: [AdmissionEstimateRule]
  let serviceTimes: [ServiceTimeModel]
  let endpointStreams: [RandomStream]
  let sources: [WorkloadSource]
  /// Per open-loop workload, its next request, kept beside the event queue.
  var pendingArrivals: [PendingArrival?]
  let primaries: [DeploymentID]
  /// Per workload, its requests' `max_tokens` and `n`, read once so that the hot path does
  /// not copy workload configurations.
  let workloadMaxTokens: [Int64?]
  let workloadChoices: [Int64]
  /// Per deployment, the client's default output estimate.
  let defaultOutputEstimates: [Int64]
  let estimator = TokenEstimator()
  /// The requests between arrival and end; a slot is reused once its request ends.
  let slots = InPlaceBuffer<InFlightRequest>(minimumCapacity: 1_024)
  /// The indices of slots whose requests ended, the most recent last.
  let freeSlots = InPlaceBuffer<Int32>(minimumCapacity: 1_024)
  var scans: [ScanProgress] = []
  let metrics: InPlaceBuffer<DeploymentMetrics>
  /// The earliest end of a deployment's current metrics period; the first event at or after
  /// it rolls every deployment's metrics.
  var metricsRollAt = Instant(microsecondsSinceEpoch: .min)
  var outcomes = RequestOutcomes()
  var dropCounts = DropCounts()
  var latency = LatencyHistogram()
  var nextRequestID: UInt64 = 1
  var trace: ((TraceEvent) -> Void)?

  /// Builds a run of `scenario` for replication `replication`.
  ///
  /// - Throws: ``SimulationSetupError`` when a random stream or workload cannot be set up.
  public init(scenario: Scenario, replication: Int = 0) throws(SimulationSetupError) {
    self.scenario = scenario
    self.replication = replication
    engine = SimulationEngine(start: scenario.start, minimumCapacity: 1_024)
    // The run is single-threaded and owns its tracker, so the tracker takes no mutex.
    tracker = QuotaTracker(
      catalog: scenario.catalog, policy: scenario.policy, clock: engine.clock, log: nil,
      persistence: nil, confinedToOneThread: true)
    enforcer = ThrottleEnforcer(tracker: tracker)
    endpoints = zip(scenario.catalog.deployments, scenario.endpoints).map { deployment, config in
      SimulatedEndpoint(deployment: deployment, config: config, start: scenario.start)
    }
    metrics = InPlaceBuffer(
      scenario.catalog.deployments.map { DeploymentMetrics(deployment: $0, start: scenario.start) })
    guard let zone = TimeZone(identifier: scenario.timeZoneIdentifier) else {
      throw .unknownTimeZone(scenario.timeZoneIdentifier)
    }
    do {
      endpointStreams = try scenario.catalog.deployments.indices.map { index in
        try RandomStream(
          key: StreamKey(
            modelSeed: scenario.seed, replication: replication,
            stream: Self.endpointStreamBase + index))
      }
    } catch {
      throw .random("\(error)")
    }
    var sources: [WorkloadSource] = []
    var primaries: [DeploymentID] = []
    for (index, workload) in scenario.workloads.enumerated() {
      guard let primary = scenario.catalog.id(named: workload.deployment) else {
        throw .unknownDeployment(workload: workload.name, deployment: workload.deployment)
      }
      primaries.append(primary)
      do {
        let stream = try RandomStream(
          key: StreamKey(modelSeed: scenario.seed, replication: replication, stream: index))
        sources.append(
          try WorkloadSource(
            workload: workload, start: scenario.start, end: scenario.end, timeZone: zone,
            stream: stream))
      } catch let error as RandomError {
        throw .random(error.description)
      } catch let error as WorkloadError {
        throw .workload(name: workload.name, message: error.description)
      } catch {
        throw .workload(name: workload.name, message: "\(error)")
      }
    }
    self.sources = sources
    self.primaries = primaries
    workloadMaxTokens = scenario.workloads.map(\.maxTokens)
    workloadChoices = scenario.workloads.map { max(1, $0.choices) }
    defaultOutputEstimates = scenario.catalog.deployments.map(\.defaultOutputEstimate)
    admissionRules = scenario.endpoints.map(\.admissionEstimate)
    serviceTimes = scenario.endpoints.map(\.serviceTime)
    pendingArrivals = Array(repeating: nil, count: sources.count)
  }

  /// Runs the scenario to its end and returns the figures.
  ///
  /// - Parameter progress: Called after each stretch of simulated time (a simulated day, or a
  ///   hundredth of the span when that is shorter); the last call reports the end. The
  ///   stretches only split the engine's run and change no result.
  public func run(progress: ((RunProgress) -> Void)? = nil) -> RunResult {
    scheduleFirstEvents()
    let span = scenario.start.duration(to: scenario.end).microseconds
    let stretch = progress == nil ? span : max(1, min(86_400_000_000, span / 100))
    var reached = scenario.start
    repeat {
      reached = min(scenario.end, reached.advanced(byMicroseconds: stretch))
      runEvents(until: reached)
      let done = scenario.start.duration(to: reached).microseconds
      progress?(
        RunProgress(
          now: reached, fractionDone: span > 0 ? Double(done) / Double(span) : 1,
          requestsSimulated: outcomes.simulated))
    } while reached < scenario.end
    return makeResult()
  }

  /// Makes the result carry ``RunSeries`` time series for charts; call before ``run()``.
  public func recordSeries() {
    for (index, deployment) in scenario.catalog.deployments.enumerated() {
      metrics[index].series = DeploymentSeriesRecorder(
        start: scenario.start, end: scenario.end,
        tokensPerMinuteLimit: deployment.tokensPerMinute)
    }
  }

  /// Calls `sink` with one record per request event, for `--trace` output.
  public func traceEvents(to sink: @escaping (TraceEvent) -> Void) {
    trace = sink
  }

  private func scheduleFirstEvents() {
    for (index, source) in sources.enumerated() {
      if source.isClosedLoop {
        if let first = source.nextScanStart(after: scenario.start) {
          schedule(.scanStart(workload: Int32(index)), at: first)
        }
      } else {
        scheduleNextArrival(of: index)
      }
    }
  }

  func scheduleNextArrival(of workload: Int) {
    guard var request = sources[workload].nextOpenLoopRequest() else {
      pendingArrivals[workload] = nil
      return
    }
    request.arrival = max(request.arrival, engine.now)
    pendingArrivals[workload] = PendingArrival(request: request, sequence: engine.takeSequence())
  }

  func schedule(_ event: SimulationEvent, at instant: Instant) {
    engine.schedule(event, notBefore: instant)
  }
}

/// What the event queue of a run holds. Open-loop arrivals are not queued; see
/// ``PendingArrival``.
enum SimulationEvent {
  /// A request asks the enforcer for its next step, after a retry wait or a deferral.
  case attempt(slot: Int32)
  /// An admitted attempt's response arrives.
  case response(slot: Int32)
  /// A batch scan of a workload starts.
  case scanStart(workload: Int32)
  /// A worker of a batch scan finished a prompt and takes the next one, if any is left.
  case scanNext(scan: Int32)
}

/// A request between its arrival and its end.
struct InFlightRequest {
  var state: RequestState
  var workload: Int32
  var scan: Int32
  var promptTokens: Int64
  var completionTokens: Int64
  var arrival: Instant
  var target: DeploymentID
  var inUse: Bool
}

/// A batch scan in progress: how many of its prompts are still to be sent.
struct ScanProgress {
  var workload: Int32
  var remaining: Int
  var running: Int
}

/// Why a run could not be set up.
public enum SimulationSetupError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownTimeZone(String)
  case unknownDeployment(workload: String, deployment: String)
  case random(String)
  case workload(name: String, message: String)

  public var description: String {
    switch self {
    case .unknownTimeZone(let zone):
      "unknown time zone '\(zone)'; use an IANA name such as 'UTC' or 'Europe/Berlin'"
    case .unknownDeployment(let workload, let deployment):
      "workload '\(workload)' targets unknown deployment '\(deployment)'"
    case .random(let message):
      "random stream setup failed: \(message)"
    case .workload(let name, let message):
      "workload '\(name)': \(message)"
    }
  }
}
