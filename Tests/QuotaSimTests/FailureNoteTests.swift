import Testing

@testable import QuotaSim

/// A request state stores its last failure as a note and gives back the same reason.
@Suite struct FailureNoteTests {
  static let enforcer: ThrottleEnforcer = {
    let tracker = QuotaTracker(
      catalog: catalog(["A", "B"]), clock: ManualClock("2026-01-01T00:00:00Z"))
    return ThrottleEnforcer(tracker: tracker)
  }()

  static let reasons: [FailureReason] = [
    .noDeploymentAvailable, .neverAdmissible(deployment: "A"),
    .retriesExhausted(deployment: "B"), .upstreamUnavailable(deployment: "A"),
    .httpStatus(503, deployment: "B"), .clientError(status: 400, code: nil, deployment: "A"),
    .clientError(status: 400, code: "content_filter", deployment: "B"),
    .clientError(status: 422, code: "", deployment: "A"), .quotaExhausted(deployment: "B"),
    .accessDenied(deployment: "A"), .waitLimitExceeded, .cancelled,
  ]

  @Test(arguments: reasons)
  func noteRoundTripsReason(reason: FailureReason) {
    let enforcer = Self.enforcer
    #expect(enforcer.reason(for: enforcer.note(for: reason)) == reason)
  }

  @Test(arguments: reasons)
  func likelyDeploymentGivesSameNote(reason: FailureReason) {
    let enforcer = Self.enforcer
    #expect(
      enforcer.note(for: reason, likely: DeploymentID(1)) == enforcer.note(for: reason))
  }

  @Test func sameCodeGetsSameNumber() {
    let tracker = Self.enforcer.tracker
    let first = tracker.number(ofFailureCode: "content_filter")
    let second = tracker.number(ofFailureCode: "content_filter")
    #expect(first == second)
    #expect(tracker.failureCode(number: first) == "content_filter")
  }

  @Test func countsClampAtInt32Maximum() {
    var state = Self.enforcer.makeRequest(id: 1, estimate: 10, primary: DeploymentID(0))
    state.attempts = Int(Int32.max) + 5
    #expect(state.attempts == Int(Int32.max))
  }

  @Test func stateFitsInOneHundredTwentyEightBytes() {
    #expect(MemoryLayout<RequestState>.size <= 128)
  }
}
