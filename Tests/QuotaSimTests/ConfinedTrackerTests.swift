import Testing

@testable import QuotaSim

/// A tracker confined to one thread takes no mutex and decides as a locked one does.
@Suite struct ConfinedTrackerTests {
  struct Failure: Error, Equatable {}

  @Test func confinedLockRunsBodyAndReturnsItsResult() {
    let lock = Lock.confinedToOneThread()
    #expect(lock.withLock { 41 + 1 } == 42)
  }

  @Test func confinedLockRethrows() {
    let lock = Lock.confinedToOneThread()
    #expect(throws: Failure.self) {
      try lock.withLock { throw Failure() }
    }
  }

  /// Reserves, completes and throttles on a tracker with a quota of 1,000 tokens and returns
  /// every decision and the final status.
  static func decisions(confined: Bool) -> ([Admission], DeploymentQuotaStatus) {
    let clock = ManualClock("2026-01-31T23:00:00Z")
    let tracker = QuotaTracker(
      catalog: catalog(quota: 1_000), policy: LimiterPolicy(), clock: clock, log: nil,
      persistence: nil, confinedToOneThread: confined)
    var admissions: [Admission] = []
    for tokens: Int64 in [300, 400, 500] {
      let admission = tracker.reserve(tokens, on: DeploymentID(0))
      admissions.append(admission)
      if case .admitted(let reservation) = admission {
        tracker.complete(reservation, usage: TokenUsage(promptTokens: tokens))
      }
    }
    clock.set(to: "2026-02-01T00:00:00Z")
    admissions.append(tracker.reserve(100, on: DeploymentID(0)))
    return (admissions, tracker.status(of: DeploymentID(0)))
  }

  @Test func confinedTrackerDecidesAsLockedOne() {
    let locked = Self.decisions(confined: false)
    let confined = Self.decisions(confined: true)
    #expect(confined.0 == locked.0)
    #expect(confined.1 == locked.1)
  }
}
