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
}
