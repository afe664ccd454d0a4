import Foundation
import Testing

@testable import QuotaSim

/// Tests of the policy's `retriesExhaustedAction`, the action when a request's retries on a
/// deployment are used up and the deployment refuses it again.
@Suite struct RetriesExhaustedActionTests {
  private static func driver(action: RetriesExhaustedAction, status: Int) -> ScriptedDriver {
    var policy = LimiterPolicy()
    policy.maxRetries = 2
    policy.retriesExhaustedAction = action
    return ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(status, ["retry-after-ms": "100"]) : success(totalTokens: 500)
    }
  }

  @Test func fallBackMovesOnAfterLastRetry() {
    let driver = Self.driver(action: .fallBack, status: 429)
    let origin = driver.clock.now

    let (outcome, request) = driver.run()

    #expect(driver.callOffsets("A", from: origin) == [0, 0.1, 0.2])
    #expect(driver.callOffsets("B", from: origin) == [0.2])
    #expect(outcome == .completed(TokenUsage(completionTokens: 500, totalTokens: 500)))
    #expect(request.fallbacks == 1)
  }

  @Test func failEndsRateLimitedRequest() {
    let driver = Self.driver(action: .fail, status: 429)
    let origin = driver.clock.now

    let (outcome, request) = driver.run()

    #expect(driver.callOffsets("A", from: origin) == [0, 0.1, 0.2])
    #expect(driver.callCount("B") == 0)
    #expect(outcome == .failed(.retriesExhausted(deployment: "A")))
    #expect(request.retries == 2)
    #expect(request.fallbacks == 0)
    #expect(!request.holdsReservation)
    #expect(driver.tracker.status(of: DeploymentID(0)).reservedTokens == 0)
  }

  @Test func failEndsTransientFailure() {
    let driver = Self.driver(action: .fail, status: 503)

    let (outcome, _) = driver.run()

    #expect(driver.callCount("A") == 3)
    #expect(driver.callCount("B") == 0)
    #expect(outcome == .failed(.httpStatus(503, deployment: "A")))
  }

  @Test func failLeavesOverCapDelayFallback() {
    var policy = LimiterPolicy()
    policy.maxRetries = 2
    policy.retriesExhaustedAction = .fail
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(429, ["retry-after-ms": "120000"]) : success(totalTokens: 500)
    }

    let (outcome, _) = driver.run()

    #expect(driver.callCount("A") == 1)
    #expect(driver.callCount("B") == 1)
    #expect(outcome == .completed(TokenUsage(completionTokens: 500, totalTokens: 500)))
  }

  /// A retryable failure that `fail` ends the request with, and the reason it ends with.
  struct FailCase: Sendable, CustomTestStringConvertible {
    var name: String
    var outcome: AttemptOutcome
    var reason: FailureReason
    var testDescription: String { name }
  }

  static let quotaBody = #"{"error":{"code":"quota_exceeded","message":"quota used up"}}"#
  static let insufficientQuotaBody =
    #"{"error":{"code":"insufficient_quota","message":"quota used up"}}"#

  static let failCases: [FailCase] = [
    FailCase(
      name: "429", outcome: response(429, ["retry-after-ms": "100"]),
      reason: .retriesExhausted(deployment: "A")),
    FailCase(name: "408", outcome: response(408), reason: .httpStatus(408, deployment: "A")),
    FailCase(name: "500", outcome: response(500), reason: .httpStatus(500, deployment: "A")),
    FailCase(
      name: "504", outcome: response(504, ["retry-after": "1"]),
      reason: .httpStatus(504, deployment: "A")),
    FailCase(
      name: "connection failure", outcome: .connectionFailed("connection refused"),
      reason: .upstreamUnavailable(deployment: "A")),
    FailCase(
      name: "timeout", outcome: .timedOut, reason: .upstreamUnavailable(deployment: "A")),
    FailCase(
      name: "quota 403 retried", outcome: response(403, body: quotaBody),
      reason: .quotaExhausted(deployment: "A")),
    FailCase(
      name: "insufficient_quota 429 retried", outcome: response(429, body: insufficientQuotaBody),
      reason: .quotaExhausted(deployment: "A")),
  ]

  @Test(arguments: failCases)
  func failEndsWithLastFailureReason(_ failCase: FailCase) {
    var policy = LimiterPolicy()
    policy.maxRetries = 1
    policy.retriesExhaustedAction = .fail
    policy.quotaExhaustionAction = .retry
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? failCase.outcome : success(totalTokens: 500)
    }

    let (outcome, request) = driver.run()

    #expect(outcome == .failed(failCase.reason))
    #expect(driver.callCount("A") == 2)
    #expect(driver.callCount("B") == 0)
    #expect(request.retries == 1)
    #expect(!request.holdsReservation)
    #expect(driver.tracker.status(of: DeploymentID(0)).reservedTokens == 0)
    #expect(driver.tracker.status(of: DeploymentID(1)).reservedTokens == 0)
  }

  @Test func failWithZeroRetriesEndsAfterFirstCall() {
    var policy = LimiterPolicy()
    policy.maxRetries = 0
    policy.retriesExhaustedAction = .fail
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(429, ["retry-after-ms": "100"]) : success(totalTokens: 500)
    }

    let (outcome, request) = driver.run()

    #expect(outcome == .failed(.retriesExhausted(deployment: "A")))
    #expect(driver.callCount("A") == 1)
    #expect(driver.callCount("B") == 0)
    #expect(request.retries == 0)
    #expect(driver.tracker.status(of: DeploymentID(0)).reservedTokens == 0)
  }

  @Test func failLeavesWaitLimitFallback() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    policy.maxTotalWait = .seconds(5)
    policy.retriesExhaustedAction = .fail
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(429, ["retry-after": "3"]) : success(totalTokens: 500)
    }

    let (outcome, request) = driver.run()

    #expect(driver.callCount("A") == 2)
    #expect(driver.callCount("B") == 1)
    #expect(outcome == .completed(TokenUsage(completionTokens: 500, totalTokens: 500)))
    #expect(request.retries == 1)
  }
}
