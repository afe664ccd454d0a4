import Foundation
import Testing

@testable import QuotaSim

/// The policy settings that reproduce client mistakes: retry delays read from fewer headers,
/// and quota exhaustion retried instead of falling back. The defaults must not change.
@Suite struct PolicyMistakeTests {
  static let quota403 = #"{"error":{"code":"quota_exceeded","message":"monthly quota exhausted"}}"#

  /// Returns the offsets in seconds of every call to A for a 429 with `headers`, then a 200.
  static func retryOffsets(_ headers: [String: String], rule: RetryDelayRule) -> [Double] {
    var policy = LimiterPolicy()
    policy.retryDelayRule = rule
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, call, _ in
      call == 0 ? response(429, headers) : success(totalTokens: 10)
    }
    let origin = driver.clock.now
    _ = driver.run()
    return driver.callOffsets("A", from: origin)
  }

  @Test(arguments: [
    (RetryDelayRule.serverHints, 1.5), (.secondsHeaderOnly, 2.0), (.computedBackoffOnly, 1.0),
  ])
  func bothHeadersUnderEachRule(rule: RetryDelayRule, seconds: Double) {
    let offsets = Self.retryOffsets(["retry-after-ms": "1500", "retry-after": "2"], rule: rule)
    #expect(offsets == [0, seconds])
  }

  @Test(arguments: [
    (RetryDelayRule.serverHints, 0.75), (.secondsHeaderOnly, 1.0), (.computedBackoffOnly, 1.0),
  ])
  func millisecondsAloneUnderEachRule(rule: RetryDelayRule, seconds: Double) {
    #expect(Self.retryOffsets(["x-ms-retry-after-ms": "750"], rule: rule) == [0, seconds])
  }

  @Test func computedBackoffIgnoresSecondsHeader() {
    #expect(Self.retryOffsets(["retry-after": "6"], rule: .computedBackoffOnly) == [0, 1])
  }

  @Test func secondsRuleReadsHTTPDate() {
    var policy = LimiterPolicy()
    policy.retryDelayRule = .secondsHeaderOnly
    let driver = ScriptedDriver(catalog: catalog(), policy: policy, start: "2026-08-13T15:37:00Z") {
      _, call, _ in
      call == 0
        ? response(429, ["retry-after": "Thu, 13 Aug 2026 15:37:13 GMT", "retry-after-ms": "5"])
        : success(totalTokens: 1)
    }
    let origin = driver.clock.now
    _ = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 13])
  }

  @Test func transientStatusFollowsRule() {
    var policy = LimiterPolicy()
    policy.retryDelayRule = .computedBackoffOnly
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, call, _ in
      call == 0 ? response(503, ["retry-after-ms": "250"]) : success(totalTokens: 1)
    }
    let origin = driver.clock.now
    _ = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 1])
  }

  @Test func defaultPolicyKeepsServerHintsAndFallBack() {
    let policy = LimiterPolicy()
    #expect(policy.retryDelayRule == .serverHints)
    #expect(policy.quotaExhaustionAction == .fallBack)
  }

  @Test func quota403RetriedWhenConfigured() {
    var policy = LimiterPolicy()
    policy.quotaExhaustionAction = .retry
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A" ? response(403, body: Self.quota403) : success(totalTokens: 700)
    }
    let origin = driver.clock.now
    let (outcome, request) = driver.run()
    let status = driver.tracker.status(of: DeploymentID(0))
    #expect(driver.callOffsets("A", from: origin) == [0, 1, 3, 7])
    #expect(driver.callOffsets("B", from: origin) == [7])
    #expect(outcome == .completed(TokenUsage(completionTokens: 700, totalTokens: 700)))
    #expect(request.retries == 3)
    #expect(status.exhaustedUntil == nil)
    #expect(status.exhaustionEvents == 0)
  }

  @Test func insufficientQuotaRetriedWhenConfigured() {
    var policy = LimiterPolicy()
    policy.quotaExhaustionAction = .retry
    policy.maxRetries = 1
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, _, _ in
      response(
        429, ["retry-after-ms": "500"],
        body: #"{"error":{"code":"insufficient_quota","message":"out of credit"}}"#)
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 0.5])
    #expect(outcome == .failed(.quotaExhausted(deployment: "A")))
  }

  @Test func retriedQuotaWithLongHintBlocks() {
    var policy = LimiterPolicy()
    policy.quotaExhaustionAction = .retry
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A"
        ? response(403, ["Retry-After": "86400"], body: Self.quota403) : success(totalTokens: 5)
    }
    let origin = driver.clock.now
    _ = driver.run()
    let status = driver.tracker.status(of: DeploymentID(0))
    #expect(driver.callOffsets("A", from: origin) == [0])
    #expect(status.blockedUntil == origin.advanced(by: .seconds(86_400)))
    #expect(status.exhaustedUntil == nil)
  }

  @Test func accessDeniedUnaffectedByRetryAction() {
    var policy = LimiterPolicy()
    policy.quotaExhaustionAction = .retry
    let driver = ScriptedDriver(
      catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]]), policy: policy
    ) { name, _, _ in
      name == "A"
        ? response(403, body: #"{"error":{"code":"PermissionDenied","message":"denied"}}"#)
        : success(totalTokens: 1)
    }
    _ = driver.run()
    #expect(driver.callCount("A") == 1)
    #expect(driver.tracker.status(of: DeploymentID(0)).accessDenied)
  }

  @Test func policyKeysDecode() throws {
    let value = try JSONParser().parse(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"retryDelayRule": "computedBackoffOnly", "quotaExhaustionAction": "retry"}}"#
    )
    let loaded = try DeploymentCatalog.decode(value, file: "catalog.json")
    #expect(loaded.policy.retryDelayRule == .computedBackoffOnly)
    #expect(loaded.policy.quotaExhaustionAction == .retry)
  }

  @Test func misspelledRuleIsReported() throws {
    let value = try JSONParser().parse(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"retryDelayRule": "serverHint", "quotaExhaustionAction": "retyr"}}"#
    )
    var lines: [String] = []
    do throws(ConfigError) {
      _ = try DeploymentCatalog.decode(value, file: "catalog.json")
    } catch {
      lines = error.issues.map(\.description)
    }
    #expect(
      lines == [
        #"catalog.json: policy.retryDelayRule: must be one of 'serverHints', 'secondsHeaderOnly', 'computedBackoffOnly' (found "serverHint"). Did you mean 'serverHints'?"#,
        #"catalog.json: policy.quotaExhaustionAction: must be 'fallBack' or 'retry' (found "retyr"). Did you mean 'retry'?"#,
      ])
  }

  @Test func summaryShowsSettingsAwayFromDefault() throws {
    let value = try JSONParser().parse(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"retryDelayRule": "secondsHeaderOnly", "quotaExhaustionAction": "retry"}}"#
    )
    let summary = try DeploymentCatalog.decode(value, file: "catalog.json").summary()
    #expect(summary.contains("  retry delays      secondsHeaderOnly (not serverHints)\n"))
    #expect(summary.contains("  quota exhaustion  retry (not fallBack)\n"))
  }
}
