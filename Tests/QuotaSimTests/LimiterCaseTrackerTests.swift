import Foundation
import Testing

@testable import QuotaSim

/// Month-reset, concurrency, reservation and estimation cases from real client bug reports.
@Suite struct LimiterCaseTrackerTests {
  @Test func calendarMonthNotRollingThirtyDays() throws {
    let clock = ManualClock("2025-01-10T15:43:00Z")
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000_000), clock: clock)
    let a = DeploymentID(0)
    tracker.record(TokenUsage(totalTokens: 10_000), for: a)
    clock.set(to: "2025-01-31T23:59:59Z")
    tracker.record(TokenUsage(totalTokens: 890_000), for: a)
    #expect(tracker.usage(of: a).totalTokens == 900_000)

    clock.set(to: "2025-02-01T00:00:00Z")
    tracker.record(TokenUsage(totalTokens: 1_000), for: a)
    #expect(tracker.currentPeriod(of: a).key == "2025-02")
    #expect(tracker.usage(of: a).totalTokens == 1_000)

    clock.set(to: "2025-02-09T15:43:00Z")
    #expect(tracker.currentPeriod(of: a).key == "2025-02")
    #expect(tracker.usage(of: a).totalTokens == 1_000)
    #expect(tracker.status(of: a).history == [PeriodUsage(period: "2025-01", totalTokens: 900_000)])
  }

  @Test func concurrentIncrementsLoseNothing() {
    for _ in 0..<1_000 {
      let tracker = QuotaTracker(catalog: catalog(quota: 1_000_000), clock: ManualClock())
      DispatchQueue.concurrentPerform(iterations: 20) { _ in
        tracker.record(TokenUsage(totalTokens: 100), for: DeploymentID(0))
      }
      guard tracker.usage(of: DeploymentID(0)).totalTokens == 2_000 else {
        Issue.record("lost an increment: \(tracker.usage(of: DeploymentID(0)).totalTokens)")
        return
      }
    }
  }

  @Test func reservationsReleasedOnSuccessAndFailure() throws {
    let tracker = QuotaTracker(catalog: catalog(quota: 100_000), clock: ManualClock())
    let a = DeploymentID(0)
    var reservations: [Reservation] = []
    for _ in 0..<10 {
      guard case .admitted(let reservation) = tracker.reserve(1_000, on: a) else {
        Issue.record("request refused")
        return
      }
      reservations.append(reservation)
    }
    #expect(tracker.status(of: a).reservedTokens == 10_000)
    for reservation in reservations.prefix(8) {
      tracker.complete(reservation, usage: TokenUsage(totalTokens: 400))
    }
    for reservation in reservations.suffix(2) { tracker.release(reservation) }

    let status = tracker.status(of: a)
    #expect(status.reservedTokens == 0)
    #expect(status.usage.totalTokens == 3_200)
    #expect(status.alerts.isEmpty)
    #expect(tracker.refusal(on: a, estimate: 1_000) == nil)
  }

  @Test func failedAttemptsThroughEnforcerReleaseReservations() {
    var policy = LimiterPolicy()
    policy.maxRetries = 0
    let driver = ScriptedDriver(catalog: catalog(quota: 100_000), policy: policy) { _, call, _ in
      call < 8 ? success(totalTokens: 400) : response(500)
    }
    for id in 1...10 { _ = driver.run(estimate: 1_000, id: UInt64(id)) }
    let status = driver.tracker.status(of: DeploymentID(0))
    #expect(status.reservedTokens == 0)
    #expect(status.usage.totalTokens == 3_200)
  }

  @Test func missingUsageChargedAsFlaggedEstimate() {
    let tracker = QuotaTracker(catalog: catalog(quota: 100_000), clock: ManualClock())
    guard case .admitted(let reservation) = tracker.reserve(1_234, on: DeploymentID(0)) else {
      Issue.record("request refused")
      return
    }
    tracker.complete(reservation, usage: nil)
    let usage = tracker.usage(of: DeploymentID(0))
    #expect(usage.totalTokens == 1_234)
    #expect(usage.isEstimated)
  }

  @Test func defaultOutputEstimateLargerThanQuotaStillAdmits() throws {
    let small = try DeploymentCatalog(deployments: [
      Deployment(name: "T", tokenQuota: 1_000, defaultOutputEstimate: 1_024)
    ])
    let tracker = QuotaTracker(catalog: small, clock: ManualClock())
    let estimate = TokenEstimator().estimate(promptCharacters: 48, for: small.deployments[0])
    #expect(estimate == 1_036)
    guard case .admitted(let reservation) = tracker.reserve(estimate, on: DeploymentID(0)) else {
      Issue.record("the first request of the period was refused")
      return
    }
    tracker.complete(reservation, usage: TokenUsage(promptTokens: 12, completionTokens: 2))
    #expect(tracker.usage(of: DeploymentID(0)).totalTokens == 14)
  }

  @Test func throttleAdmitsStrictlyBelowThreshold() {
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000), clock: ManualClock())
    let a = DeploymentID(0)
    tracker.record(TokenUsage(totalTokens: 949), for: a)
    #expect(tracker.refusal(on: a) == nil)
    tracker.record(TokenUsage(totalTokens: 1), for: a)
    #expect(tracker.refusal(on: a) == .throttled)
  }

  @Test func estimateRuleRefusesWhenEstimatePassesThreshold() {
    var policy = LimiterPolicy()
    policy.throttleRule = .estimateWithinThreshold
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000), policy: policy, clock: ManualClock())
    let a = DeploymentID(0)
    tracker.record(TokenUsage(totalTokens: 900), for: a)
    #expect(tracker.refusal(on: a, estimate: 50) == nil)
    #expect(tracker.refusal(on: a, estimate: 51) == .throttled)
  }

  @Test func alertsFireOnceInAscendingOrder() {
    let clock = ManualClock("2025-10-01T00:00:00Z")
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000), clock: clock)
    let a = DeploymentID(0)
    let first = tracker.record(TokenUsage(totalTokens: 950), for: a)
    let second = tracker.record(TokenUsage(totalTokens: 10), for: a)
    #expect(first.map(\.thresholdPercent) == [80.0, 90.0])
    #expect(second.isEmpty)
    #expect(
      first.first?.message
        == "A passed 80.0% of its 2025-10 quota: 950 of 1,000 tokens used, 50 left.")

    clock.set(to: "2025-11-01T00:00:00Z")
    #expect(tracker.record(TokenUsage(totalTokens: 800), for: a).map(\.thresholdPercent) == [80.0])
  }

  @Test func alertAtExactThreshold() {
    let tracker = QuotaTracker(catalog: catalog(quota: 1_000), clock: ManualClock())
    #expect(tracker.record(TokenUsage(totalTokens: 799), for: DeploymentID(0)).isEmpty)
    #expect(tracker.record(TokenUsage(totalTokens: 1), for: DeploymentID(0)).count == 1)
  }

  @Test func hugeQuotaComparesExactly() {
    let tracker = QuotaTracker(catalog: catalog(quota: .max), clock: ManualClock())
    tracker.record(TokenUsage(totalTokens: .max), for: DeploymentID(0))
    #expect(tracker.refusal(on: DeploymentID(0)) == .throttled)
    #expect(tracker.usedPercent(of: DeploymentID(0)) == 100)
  }
}
