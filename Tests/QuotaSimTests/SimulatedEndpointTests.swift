import Testing

@testable import QuotaSim

/// 2026-01-01T00:00:00Z, the start of every endpoint in these tests.
let endpointTestStart = Instant(microsecondsSinceEpoch: 1_767_225_600_000_000)

/// Returns the instant `microseconds` after ``endpointTestStart``.
func endpointInstant(microseconds: Int64) -> Instant {
  endpointTestStart.advanced(byMicroseconds: microseconds)
}

/// Returns the instant `seconds` after ``endpointTestStart``.
func endpointInstant(seconds: Int64) -> Instant {
  endpointInstant(microseconds: seconds * 1_000_000)
}

/// Returns a standard gpt-4o endpoint with `tokensPerMinute`; RPM follows at 6 per 1,000 TPM.
func gpt4oEndpoint(tokensPerMinute: Int64, config: EndpointConfig = EndpointConfig())
  -> SimulatedEndpoint
{
  let deployment = Deployment(name: "test", model: "gpt-4o", tokensPerMinute: tokensPerMinute)
  return SimulatedEndpoint(deployment: deployment, config: config, start: endpointTestStart)
}

@Suite struct SimulatedEndpointTests {
  @Test(arguments: [
    (Int64(60), Int64(10)), (1, 1), (0, 1), (6, 1), (7, 2), (2_700, 450), (600, 100),
  ])
  func limitsRequestsPerTenSecondsRoundUp(requestsPerMinute: Int64, expected: Int64) {
    let limits = EndpointLimits(tokensPerMinute: 1_000, requestsPerMinute: requestsPerMinute)
    #expect(limits.requestsPerTenSeconds == expected)
  }

  /// Each admitted request frees its 2,000 tokens 60 s after it arrived, and refused ones take
  /// nothing, so the five admissions repeat every minute.
  @Test func tenThousandTPMAdmitsFiveThenOnePerSecondAfterSixty() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000)
    var admittedSeconds: [Int64] = []
    for second in Int64(0)...130 {
      if endpoint.admit(estimate: 2_000, at: endpointInstant(seconds: second)) == .admitted {
        admittedSeconds.append(second)
      }
    }
    #expect(admittedSeconds == [0, 1, 2, 3, 4, 60, 61, 62, 63, 64, 120, 121, 122, 123, 124])
  }

  @Test func tenThousandTPMRetryAtFiveSecondsIsFiftyFive() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000)
    for second in Int64(0)...4 {
      _ = endpoint.admit(estimate: 2_000, at: endpointInstant(seconds: second))
    }
    let answer = endpoint.admit(estimate: 2_000, at: endpointInstant(seconds: 5))
    let expected = RateLimitRefusal(
      retryAfterMicroseconds: 55_000_000, blockingWindow: .tokens, remainingRequests: 5,
      remainingTokens: 0)
    #expect(answer == .rateLimited(expected))
  }

  @Test func oneThousandTPMAdmitsOneRequestPerTenSeconds() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    var admittedSeconds: [Int64] = []
    for second in Int64(0)..<35 {
      if endpoint.admit(estimate: 10, at: endpointInstant(seconds: second)) == .admitted {
        admittedSeconds.append(second)
      }
    }
    #expect(admittedSeconds == [0, 10, 20, 30])
  }

  @Test(arguments: [(Int64(1), Int64(9_000_000)), (3, 7_000_000), (9, 1_000_000)])
  func oneThousandTPMRetryWaitsForOldestRequest(second: Int64, expectedMicroseconds: Int64) {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    _ = endpoint.admit(estimate: 10, at: endpointInstant(seconds: 0))
    let answer = endpoint.admit(estimate: 10, at: endpointInstant(seconds: second))
    let expected = RateLimitRefusal(
      retryAfterMicroseconds: expectedMicroseconds, blockingWindow: .requests,
      remainingRequests: 0, remainingTokens: 990)
    #expect(answer == .rateLimited(expected))
  }

  @Test func maxTokensReservesExactlyTheEstimate() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000)
    let rule = AdmissionEstimateRule.promptPlusMaxTokens(defaultMaxTokens: 640)
    let estimate = rule.estimate(promptTokens: 0, maxTokens: 1_000, choices: 1)
    _ = endpoint.admit(estimate: estimate, at: endpointInstant(seconds: 0))
    #expect(endpoint.tokensInWindow == 1_000)
  }

  @Test func windowSumGrowsByEachEstimate() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000)
    _ = endpoint.admit(estimate: 1_000, at: endpointInstant(seconds: 0))
    _ = endpoint.admit(estimate: 1_000, at: endpointInstant(seconds: 1))
    #expect(endpoint.tokensInWindow == 2_000)
    #expect(endpoint.remainingTokens == 8_000)
    #expect(endpoint.remainingRequests == 8)
  }

  @Test func bothWindowsBlockingGiveTheLaterDelay() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    _ = endpoint.admit(estimate: 1_000, at: endpointInstant(seconds: 0))
    let answer = endpoint.admit(estimate: 1, at: endpointInstant(seconds: 3))
    let expected = RateLimitRefusal(
      retryAfterMicroseconds: 57_000_000, blockingWindow: .both, remainingRequests: 0,
      remainingTokens: 0)
    #expect(answer == .rateLimited(expected))
  }

  @Test func entryStopsCountingExactlyAtWindowEnd() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    _ = endpoint.admit(estimate: 1, at: endpointInstant(seconds: 0))
    let early = endpoint.admit(estimate: 1, at: endpointInstant(microseconds: 9_999_999))
    let onTime = endpoint.admit(estimate: 1, at: endpointInstant(seconds: 10))
    #expect(
      early
        == .rateLimited(
          RateLimitRefusal(
            retryAfterMicroseconds: 1, blockingWindow: .requests, remainingRequests: 0,
            remainingTokens: 999)))
    #expect(onTime == .admitted)
  }

  @Test func neverAdmissibleEstimateIsNotRecorded() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    let answer = endpoint.admit(estimate: 1_001, at: endpointInstant(seconds: 0))
    #expect(answer == .neverAdmissible)
    #expect(endpoint.requestsInWindow == 0)
    #expect(endpoint.tokensInWindow == 0)
  }

  @Test func negativeEstimateCountsAsZero() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    let answer = endpoint.admit(estimate: -5, at: endpointInstant(seconds: 0))
    #expect(answer == .admitted)
    #expect(endpoint.tokensInWindow == 0)
  }

  @Test(arguments: [(false, RateLimitWindow.tokens, Int64(9)), (true, .both, 0)])
  func tokenRefusalsUseRequestWindowOption(
    enabled: Bool, expectedWindow: RateLimitWindow, expectedRemainingRequests: Int64
  ) {
    let config = EndpointConfig(tokenRefusalsUseRequestWindow: enabled)
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000, config: config)
    _ = endpoint.admit(estimate: 10_000, at: endpointInstant(seconds: 0))
    for second in Int64(1)...9 {
      _ = endpoint.admit(estimate: 1, at: endpointInstant(seconds: second))
    }
    let answer = endpoint.admit(estimate: 1, at: endpointInstant(microseconds: 9_500_000))
    guard case .rateLimited(let refusal) = answer else {
      Issue.record("expected a 429, got \(answer)")
      return
    }
    #expect(refusal.blockingWindow == expectedWindow)
    #expect(refusal.remainingRequests == expectedRemainingRequests)
    #expect(refusal.retryAfterMicroseconds == 50_500_000)
  }

  @Test func neverAdmissibleTakesRequestSlotWhenOptionIsOn() {
    let config = EndpointConfig(tokenRefusalsUseRequestWindow: true)
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000, config: config)
    let answer = endpoint.admit(estimate: 1_001, at: endpointInstant(seconds: 0))
    #expect(answer == .neverAdmissible)
    #expect(endpoint.requestsInWindow == 1)
  }

  @Test(arguments: [
    (Int64(1), Int64(1), Int64(1)), (8_300_000, 8_300, 9), (8_300_001, 8_301, 9),
    (55_000_000, 55_000, 55),
  ])
  func refusalRoundsHeaderDelaysUp(
    microseconds: Int64, expectedMilliseconds: Int64, expectedSeconds: Int64
  ) {
    let refusal = RateLimitRefusal(
      retryAfterMicroseconds: microseconds, blockingWindow: .tokens, remainingRequests: 0,
      remainingTokens: 0)
    #expect(refusal.retryAfterMilliseconds == expectedMilliseconds)
    #expect(refusal.retryAfterSeconds == expectedSeconds)
  }

  @Test func standardProfileHasNoGateway() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 1_000)
    endpoint.recordUsage(totalTokens: 500, at: endpointInstant(seconds: 1))
    #expect(endpoint.gatewayUsedTokens(at: endpointInstant(seconds: 2)) == nil)
  }
}
