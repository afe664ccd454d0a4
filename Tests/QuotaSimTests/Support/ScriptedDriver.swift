import Foundation

@testable import QuotaSim

/// One call that reached a deployment.
struct CallRecord: Equatable, CustomStringConvertible {
  var at: Instant
  var deployment: String

  var description: String { "\(deployment)@\(at)" }
}

/// How a scripted request ended.
enum ScriptedOutcome: Equatable {
  case completed(TokenUsage)
  case failed(FailureReason)
  case dropped(FailureReason)
}

/// Drives the real tracker and enforcer through scripted responses on a manual clock.
///
/// It does what a client does with the enforcer's decisions: it sends, moves the clock to a
/// retry or deferral instant, and asks again. The responder sees the deployment's name, the
/// number of calls that deployment has had so far (0 for the first) and the current instant.
final class ScriptedDriver {
  let clock: ManualClock
  let tracker: QuotaTracker
  let enforcer: ThrottleEnforcer
  private(set) var calls: [CallRecord] = []
  private var callsByDeployment: [String: Int] = [:]
  var responder: (String, Int, Instant) -> AttemptOutcome

  init(
    catalog: DeploymentCatalog, policy: LimiterPolicy = LimiterPolicy(),
    start: String = "2025-03-10T09:00:00Z",
    responder: @escaping (String, Int, Instant) -> AttemptOutcome
  ) {
    clock = ManualClock(start)
    tracker = QuotaTracker(catalog: catalog, policy: policy, clock: clock)
    enforcer = ThrottleEnforcer(tracker: tracker)
    self.responder = responder
  }

  /// The calls each deployment received, by name.
  func callCount(_ deployment: String) -> Int { callsByDeployment[deployment, default: 0] }

  /// The instants of the calls to `deployment`, as seconds after `origin`.
  func callOffsets(_ deployment: String, from origin: Instant) -> [Double] {
    calls.filter { $0.deployment == deployment }.map { origin.duration(to: $0.at).seconds }
  }

  /// Runs one request to its end and returns its outcome and final state.
  func run(
    estimate: Int64 = 1_000, primary: String = "A", id: UInt64 = 1
  ) -> (outcome: ScriptedOutcome, request: RequestState) {
    guard let primaryID = tracker.catalog.id(named: primary) else {
      preconditionFailure("unknown deployment \(primary)")
    }
    var request = enforcer.makeRequest(id: id, estimate: estimate, primary: primaryID)
    var target: DeploymentID
    switch firstSend(&request) {
    case .success(let deployment): target = deployment
    case .failure(let outcome): return (outcome, request)
    }
    for _ in 0..<10_000 {
      let name = tracker.catalog[target].name
      let index = callsByDeployment[name, default: 0]
      callsByDeployment[name] = index + 1
      calls.append(CallRecord(at: clock.now, deployment: name))
      let outcome = responder(name, index, clock.now)
      switch enforcer.handle(outcome, for: &request) {
      case .done(let usage):
        return (.completed(usage), request)
      case .fail(let reason):
        return (.failed(reason), request)
      case .fallBack(let deployment):
        target = deployment
      case .retry(let instant), .deferUntil(let instant):
        precondition(instant >= clock.now, "the enforcer scheduled \(instant) before now")
        clock.set(to: instant)
        switch firstSend(&request) {
        case .success(let deployment): target = deployment
        case .failure(let outcome): return (outcome, request)
        }
      }
    }
    preconditionFailure("request \(id) did not end within 10,000 decisions")
  }

  private func firstSend(_ request: inout RequestState) -> Result<DeploymentID, ScriptedOutcome> {
    for _ in 0..<10_000 {
      switch enforcer.nextStep(for: &request) {
      case .send(let deployment): return .success(deployment)
      case .drop(let reason): return .failure(.dropped(reason))
      case .deferUntil(let instant):
        precondition(instant >= clock.now, "the enforcer deferred to \(instant), before now")
        clock.set(to: instant)
      }
    }
    preconditionFailure("request \(request.id) deferred 10,000 times")
  }
}

extension ScriptedOutcome: Error {}

/// Builds a response from a status, headers and a JSON body text.
func response(
  _ status: Int, _ headers: [String: String] = [:], body: String? = nil
) -> AttemptOutcome {
  let pairs = headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  return .response(
    UpstreamResponse(status: status, headers: HTTPHeaders(pairs), body: body.map { Data($0.utf8) }))
}

/// Builds a 200 response whose usage totals `totalTokens`.
func success(totalTokens: Int64) -> AttemptOutcome {
  response(
    200,
    body:
      #"{"usage":{"prompt_tokens":0,"completion_tokens":\#(totalTokens),"total_tokens":\#(totalTokens)}}"#
  )
}

/// Builds a catalog of deployments with large limits, `A` falling back along `fallbacks`.
func catalog(
  _ names: [String] = ["A"], fallbacks: [String: [String]] = [:], quota: Int64? = nil,
  tokensPerMinute: Int64 = 1_000_000, defaultFallback: [String] = []
) -> DeploymentCatalog {
  let deployments = names.map { name in
    Deployment(
      name: name, tokenQuota: quota, tokensPerMinute: tokensPerMinute,
      fallbacks: fallbacks[name] ?? [])
  }
  do {
    return try DeploymentCatalog(deployments: deployments, defaultFallback: defaultFallback)
  } catch {
    preconditionFailure("test catalog is invalid: \(error)")
  }
}

extension Instant {
  /// Parses an ISO 8601 literal in a test; a malformed literal stops the test run.
  static func at(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else { preconditionFailure("bad instant \(text)") }
    return instant
  }
}
