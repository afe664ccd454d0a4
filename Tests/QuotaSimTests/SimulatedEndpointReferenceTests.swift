import Testing

@testable import QuotaSim

/// Reference checks on a 450,000 TPM gpt-4o deployment: 2,700 RPM, so 450 requests per 10 s.
@Suite struct SimulatedEndpointReferenceTests {
  /// Admits 450 one-token requests, 1 ms apart from 0.3 s on.
  private func endpointWithFullRequestWindow() -> SimulatedEndpoint {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 450_000)
    for index in Int64(0)..<450 {
      _ = endpoint.admit(estimate: 1, at: endpointInstant(microseconds: 300_000 + index * 1_000))
    }
    return endpoint
  }

  /// Admits 100k-token requests at 0, 1, 2 and 3 s and a 50k one at 4 s: 450,000 exactly.
  private func endpointWithFullTokenWindow() -> (SimulatedEndpoint, [EndpointAnswer]) {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 450_000)
    var answers: [EndpointAnswer] = []
    for second in Int64(0)...3 {
      answers.append(endpoint.admit(estimate: 100_000, at: endpointInstant(seconds: second)))
    }
    answers.append(endpoint.admit(estimate: 50_000, at: endpointInstant(seconds: 4)))
    return (endpoint, answers)
  }

  @Test func requestWindowAdmitsFourHundredFifty() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 450_000)
    var admitted = 0
    for index in Int64(0)..<450 {
      let instant = endpointInstant(microseconds: 300_000 + index * 1_000)
      if endpoint.admit(estimate: 1, at: instant) == .admitted { admitted += 1 }
    }
    #expect(admitted == 450)
    #expect(endpoint.requestsInWindow == 450)
  }

  @Test func requestWindowRetryIsEightPointThreeSeconds() {
    let endpoint = endpointWithFullRequestWindow()
    let answer = endpoint.admit(estimate: 1, at: endpointInstant(seconds: 2))
    let expected = RateLimitRefusal(
      retryAfterMicroseconds: 8_300_000, blockingWindow: .requests, remainingRequests: 0,
      remainingTokens: 449_550)
    #expect(answer == .rateLimited(expected))
  }

  @Test func requestWindowAdmitsRetryAtHintedInstant() {
    let endpoint = endpointWithFullRequestWindow()
    _ = endpoint.admit(estimate: 1, at: endpointInstant(seconds: 2))
    let answer = endpoint.admit(estimate: 1, at: endpointInstant(microseconds: 10_300_000))
    #expect(answer == .admitted)
  }

  @Test func tokenWindowAdmitsExactFill() {
    let (endpoint, answers) = endpointWithFullTokenWindow()
    #expect(answers == Array(repeating: .admitted, count: 5))
    #expect(endpoint.tokensInWindow == 450_000)
  }

  @Test(arguments: [(Int64(1), Int64(55_000_000)), (250_000, 57_000_000)])
  func tokenWindowRetryWaitsForEnoughEntries(estimate: Int64, expectedMicroseconds: Int64) {
    let (endpoint, _) = endpointWithFullTokenWindow()
    let answer = endpoint.admit(estimate: estimate, at: endpointInstant(seconds: 5))
    let expected = RateLimitRefusal(
      retryAfterMicroseconds: expectedMicroseconds, blockingWindow: .tokens,
      remainingRequests: 445, remainingTokens: 0)
    #expect(answer == .rateLimited(expected))
  }

  @Test func tokenWindowRejectsEstimateAboveTPM() {
    let (endpoint, _) = endpointWithFullTokenWindow()
    let answer = endpoint.admit(estimate: 450_001, at: endpointInstant(seconds: 5))
    #expect(answer == .neverAdmissible)
  }

  @Test func tokenWindowAdmitsWhenFirstEntryLeaves() {
    let (endpoint, _) = endpointWithFullTokenWindow()
    let early = endpoint.admit(estimate: 100_000, at: endpointInstant(microseconds: 59_999_999))
    let onTime = endpoint.admit(estimate: 100_000, at: endpointInstant(seconds: 60))
    #expect(
      early
        == .rateLimited(
          RateLimitRefusal(
            retryAfterMicroseconds: 1, blockingWindow: .tokens, remainingRequests: 450,
            remainingTokens: 0)))
    #expect(onTime == .admitted)
  }

  @Test func tokenWindowAdmitsLargeRequestWhenThirdEntryLeaves() {
    let (endpoint, _) = endpointWithFullTokenWindow()
    let answer = endpoint.admit(estimate: 250_000, at: endpointInstant(seconds: 62))
    #expect(answer == .admitted)
    #expect(endpoint.tokensInWindow == 400_000)
  }
}
