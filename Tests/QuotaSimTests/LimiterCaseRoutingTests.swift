import Foundation
import Testing

@testable import QuotaSim

/// Quota-exhaustion, fallback and retry-storm cases from real client bug reports.
@Suite struct LimiterCaseRoutingTests {
  static let insufficientQuotaBody =
    #"{"error":{"code":"insufficient_quota","type":"insufficient_quota","message":"You exceeded your current quota."}}"#

  @Test func insufficientQuota429FallsBackWithoutRetry() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(429, body: Self.insufficientQuotaBody) : success(totalTokens: 500)
    }
    let origin = driver.clock.now
    let (outcome, request) = driver.run()
    #expect(
      driver.calls == [
        CallRecord(at: origin, deployment: "A"), CallRecord(at: origin, deployment: "B"),
      ])
    #expect(outcome == .completed(TokenUsage(completionTokens: 500, totalTokens: 500)))
    #expect(driver.tracker.usage(of: DeploymentID(0)).totalTokens == 0)
    #expect(driver.tracker.usage(of: DeploymentID(1)).totalTokens == 500)
    #expect(request.retries == 0)
    #expect(request.fallbacks == 1)
    #expect(driver.tracker.status(of: DeploymentID(0)).exhaustedUntil != nil)
  }

  @Test func freeTextQuotaWordsStayTransient() {
    let driver = ScriptedDriver(catalog: catalog()) { _, call, _ in
      call == 0
        ? response(
          429,
          body:
            #"{"status":429,"error":"INSUFFICIENT QUOTA","message":"concurrent request limit reached"}"#
        )
        : success(totalTokens: 80)
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 1])
    #expect(outcome == .completed(TokenUsage(completionTokens: 80, totalTokens: 80)))
    #expect(driver.tracker.status(of: DeploymentID(0)).exhaustedUntil == nil)
  }

  @Test func quota403FallsBackAndLaterRequestsSkip() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A"
        ? response(
          403, body: #"{"error":{"code":"quota_exceeded","message":"monthly quota exhausted"}}"#)
        : success(totalTokens: 700)
    }
    let origin = driver.clock.now
    let (_, first) = driver.run(id: 1)
    driver.clock.advance(by: .seconds(60))
    let (second, secondRequest) = driver.run(id: 2)
    #expect(
      driver.calls == [
        CallRecord(at: origin, deployment: "A"), CallRecord(at: origin, deployment: "B"),
        CallRecord(at: origin.advanced(by: .seconds(60)), deployment: "B"),
      ])
    #expect(second == .completed(TokenUsage(completionTokens: 700, totalTokens: 700)))
    #expect(first.retries + secondRequest.retries == 0)
    #expect(first.fallbacks + secondRequest.fallbacks == 2)
    #expect(driver.tracker.status(of: DeploymentID(0)).exhaustionEvents == 1)
    #expect(
      driver.tracker.status(of: DeploymentID(0)).exhaustedUntil == .at("2025-04-01T00:00:00Z"))
  }

  @Test func quota403ExhaustsButAccessDenied403OnlyFlags() {
    let quotaDriver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, _, _ in
      name == "A"
        ? response(403, body: #"{"error":{"code":"quota_exceeded","message":"..."}}"#)
        : success(totalTokens: 1)
    }
    _ = quotaDriver.run()
    let quotaStatus = quotaDriver.tracker.status(of: DeploymentID(0))
    #expect(quotaDriver.callCount("A") == 1)
    #expect(quotaDriver.callCount("B") == 1)
    #expect(quotaStatus.exhaustedUntil != nil)
    #expect(quotaStatus.accessDenied == false)

    let deniedDriver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, _, _ in
      name == "A"
        ? response(403, body: #"{"error":{"code":"PermissionDenied","message":"..."}}"#)
        : success(totalTokens: 1)
    }
    _ = deniedDriver.run()
    let deniedStatus = deniedDriver.tracker.status(of: DeploymentID(0))
    #expect(deniedDriver.callCount("A") == 1)
    #expect(deniedDriver.callCount("B") == 1)
    #expect(deniedStatus.accessDenied)
    #expect(deniedStatus.exhaustedUntil == nil)
    #expect(deniedStatus.exhaustionEvents == 0)
    #expect(deniedStatus.blockedUntil == nil)
  }

  @Test func contentFilterIsFinalAndTouchesNoState() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]], quota: 1_000_000), policy: policy
    ) { _, _, _ in
      response(400, body: #"{"error":{"code":"content_filter","status":400,"message":"filtered"}}"#)
    }
    let (outcome, _) = driver.run()
    let status = driver.tracker.status(of: DeploymentID(0))
    #expect(outcome == .failed(.clientError(status: 400, code: "content_filter", deployment: "A")))
    #expect(driver.callCount("A") == 1)
    #expect(driver.callCount("B") == 0)
    #expect(status.usage.totalTokens == 0)
    #expect(status.reservedTokens == 0)
    #expect(status.blockedUntil == nil)
    #expect(status.exhaustedUntil == nil)
    #expect(status.throttleStartedAt == nil)
  }

  @Test func contentFilterFallsBackWhenEnabled() {
    var policy = LimiterPolicy()
    policy.clientErrorAction = .fallBack
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A"
        ? response(400, body: #"{"error":{"code":"content_filter"}}"#) : success(totalTokens: 3)
    }
    let (outcome, _) = driver.run()
    #expect(outcome == .completed(TokenUsage(completionTokens: 3, totalTokens: 3)))
  }

  @Test func cyclicFallbackVisitsEachDeploymentOnce() throws {
    let cyclic = try DeploymentCatalog(
      deployments: [
        Deployment(name: "A", fallbacks: ["B"]), Deployment(name: "B", fallbacks: ["C"]),
        Deployment(name: "C", fallbacks: ["A"]),
      ], defaultFallback: ["A"])
    #expect(cyclic.cycles == [["A", "B", "C", "A"]])

    var policy = LimiterPolicy()
    policy.maxRetries = 0
    let driver = ScriptedDriver(catalog: cyclic, policy: policy) { _, _, _ in response(500) }
    let (outcome, _) = driver.run()
    #expect(driver.calls.map(\.deployment) == ["A", "B", "C"])
    #expect(outcome == .failed(.httpStatus(500, deployment: "C")))
  }

  @Test func fallbackHopKeepsRetryCountsPerDeployment() {
    var policy = LimiterPolicy()
    policy.maxRetries = 2
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(429, ["retry-after-ms": "100"]) : response(500)
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(driver.calls.count == 6)
    #expect(driver.callOffsets("A", from: origin) == [0, 0.1, 0.2])
    #expect(driver.callOffsets("B", from: origin) == [0.2, 1.2, 3.2])
    #expect(outcome == .failed(.httpStatus(500, deployment: "B")))
  }

  @Test func oneRetryMeansTwoRequests() {
    var policy = LimiterPolicy()
    policy.maxRetries = 1
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, _, _ in
      response(429, ["retry-after-ms": "10"])
    }
    let (outcome, _) = driver.run()
    #expect(driver.callCount("A") == 2)
    #expect(outcome == .failed(.retriesExhausted(deployment: "A")))
  }

  @Test func unreachableUpstreamFailsAfterBoundedRetries() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, _, _ in
      .connectionFailed("connection refused")
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 1, 3, 7])
    #expect(outcome == .failed(.upstreamUnavailable(deployment: "A")))
  }

  @Test(arguments: [false, true])
  func monthOfFailingRequestsAllAccountedFor(connectionRefused: Bool) {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(catalog: catalog(), policy: policy, start: "2025-01-01T00:00:00Z") {
      _, _, _ in connectionRefused ? .connectionFailed("connection refused") : response(429)
    }
    var failed = 0
    let origin = Instant.at("2025-01-01T00:00:00Z")
    for hour in 0..<744 {
      driver.clock.set(to: origin.advanced(by: .seconds(hour * 3_600)))
      if case .failed = driver.run(id: UInt64(hour)).outcome { failed += 1 }
    }
    #expect(failed == 744)
    #expect(driver.callCount("A") == 744 * 4)
  }
}
