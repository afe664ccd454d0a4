import Foundation
import Testing

@testable import QuotaSim

/// `handleSuccess(usage:for:observer:)` decides exactly as `handle(_:for:observer:)` does with
/// a 2xx response: the same decision, request state, tracker usage and alerts.
@Suite struct ThrottleEnforcerSuccessTests {
  /// Collects the alerts the enforcer reports.
  final class AlertRecorder: RoutingObserver {
    var alerts: [QuotaAlert] = []

    func enforcerDidThrottle(_ deployment: DeploymentID, request: RequestState) {}

    func enforcerDidSkip(
      _ deployment: DeploymentID, because admission: Admission, request: RequestState
    ) {}

    func enforcerDidFire(_ alerts: [QuotaAlert]) { self.alerts += alerts }
  }

  /// What one success left behind.
  struct Observed: Equatable {
    var decision: ResponseDecision
    var request: RequestState
    var usage: TokenUsage
    var alerts: [QuotaAlert]
  }

  /// Sends one request of `estimate` tokens to A (quota 1,000) and settles it with `settle`.
  static func observe(
    estimate: Int64,
    settle: (ThrottleEnforcer, inout RequestState, AlertRecorder) -> ResponseDecision
  ) -> Observed {
    let clock = ManualClock("2026-01-01T00:00:00Z")
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000), clock: clock)
    let enforcer = ThrottleEnforcer(tracker: tracker)
    let recorder = AlertRecorder()
    var request = enforcer.makeRequest(id: 7, estimate: estimate, primary: DeploymentID(0))
    let step = enforcer.nextStep(for: &request, observer: recorder)
    precondition(step == .send(to: DeploymentID(0)), "the first attempt was not sent: \(step)")
    clock.advance(by: .seconds(2))
    let decision = settle(enforcer, &request, recorder)
    return Observed(
      decision: decision, request: request, usage: tracker.usage(of: DeploymentID(0)),
      alerts: recorder.alerts)
  }

  static let usages: [TokenUsage?] = [
    TokenUsage(promptTokens: 100, completionTokens: 50),
    TokenUsage(promptTokens: 600, completionTokens: 250, cachedTokens: 40),
    nil,
  ]

  @Test(arguments: usages)
  func successMatchesHandledResponse(usage: TokenUsage?) {
    let direct = Self.observe(estimate: 900) { enforcer, request, recorder in
      enforcer.handleSuccess(usage: usage, for: &request, observer: recorder)
    }
    let handled = Self.observe(estimate: 900) { enforcer, request, recorder in
      enforcer.handle(
        .response(UpstreamResponse(status: 200, usage: usage)), for: &request,
        observer: recorder)
    }
    #expect(direct == handled)
  }

  @Test func successFiresAlertsOnce() {
    let observed = Self.observe(estimate: 900) { enforcer, request, recorder in
      enforcer.handleSuccess(
        usage: TokenUsage(promptTokens: 600, completionTokens: 250), for: &request,
        observer: recorder)
    }
    #expect(observed.alerts.map(\.thresholdPartsPerMillion) == [800_000])
    #expect(observed.usage.totalTokens == 850)
  }

  @Test func successWithoutUsageChargesEstimate() {
    let observed = Self.observe(estimate: 300) { enforcer, request, recorder in
      enforcer.handleSuccess(usage: nil, for: &request, observer: recorder)
    }
    #expect(observed.decision == .done(.estimated(totalTokens: 300)))
    #expect(observed.usage.totalTokens == 300)
    #expect(observed.usage.isEstimated)
  }

  @Test func successReleasesReservation() {
    let observed = Self.observe(estimate: 300) { enforcer, request, recorder in
      enforcer.handleSuccess(
        usage: TokenUsage(promptTokens: 10, completionTokens: 5), for: &request,
        observer: recorder)
    }
    #expect(!observed.request.holdsReservation)
  }
}
