import Testing

@testable import QuotaSim

@Suite struct SimulatedEndpointGatewayTests {
  private let secondsPerDay: Int64 = 86_400
  /// 2026-02-01T00:00:00Z, 31 days after the start.
  private let february = endpointInstant(seconds: 31 * 86_400)
  /// 2026-03-01T00:00:00Z.
  private let march = endpointInstant(seconds: 59 * 86_400)

  /// Returns a 100k TPM gpt-4o endpoint behind a gateway with `quota`.
  private func gatewayEndpoint(_ quota: GatewayQuota, start: Instant = endpointTestStart)
    -> SimulatedEndpoint
  {
    let deployment = Deployment(name: "dev", model: "gpt-4o", tokensPerMinute: 100_000)
    let config = EndpointConfig(profile: .gateway(quota))
    return SimulatedEndpoint(deployment: deployment, config: config, start: start)
  }

  /// Returns an endpoint whose 1,000-token monthly quota was used up by responses of 999 and
  /// 5 tokens in the first minute of January.
  private func exhaustedEndpoint() -> (SimulatedEndpoint, [EndpointAnswer]) {
    let endpoint = gatewayEndpoint(GatewayQuota(tokens: 1_000))
    var answers: [EndpointAnswer] = []
    answers.append(endpoint.admit(estimate: 900, at: endpointInstant(seconds: 10)))
    endpoint.recordUsage(totalTokens: 999, at: endpointInstant(seconds: 11))
    answers.append(endpoint.admit(estimate: 900, at: endpointInstant(seconds: 20)))
    endpoint.recordUsage(totalTokens: 5, at: endpointInstant(seconds: 21))
    return (endpoint, answers)
  }

  @Test func gatewayAdmitsBelowQuota() {
    let (_, answers) = exhaustedEndpoint()
    #expect(answers == [.admitted, .admitted])
  }

  @Test func gatewayCountsActualTokens() {
    let (endpoint, _) = exhaustedEndpoint()
    #expect(endpoint.gatewayUsedTokens(at: endpointInstant(seconds: 30)) == 1_004)
  }

  @Test func gatewayAnswersQuotaExceededUntilMonthEnd() {
    let (endpoint, _) = exhaustedEndpoint()
    let answer = endpoint.admit(estimate: 900, at: february.advanced(byMicroseconds: -1_000_000))
    #expect(answer == .quotaExceeded(retryAfterSeconds: 1, periodEnd: february))
  }

  @Test func gatewayRoundsRetryAfterSecondsUp() {
    let (endpoint, _) = exhaustedEndpoint()
    let answer = endpoint.admit(estimate: 900, at: february.advanced(byMicroseconds: -1_500_000))
    #expect(answer == .quotaExceeded(retryAfterSeconds: 2, periodEnd: february))
  }

  @Test func gatewayAdmitsAgainAtMonthBoundary() {
    let (endpoint, _) = exhaustedEndpoint()
    _ = endpoint.admit(estimate: 900, at: february.advanced(byMicroseconds: -1))
    let answer = endpoint.admit(estimate: 900, at: february)
    #expect(answer == .admitted)
    #expect(endpoint.gatewayUsedTokens(at: february) == 0)
    #expect(endpoint.gatewayPeriod?.key == "2026-02")
  }

  @Test func gatewayChecksQuotaBeforeRateLimits() {
    let (endpoint, _) = exhaustedEndpoint()
    let answer = endpoint.admit(estimate: 100_001, at: endpointInstant(seconds: 30))
    #expect(
      answer == .quotaExceeded(retryAfterSeconds: 31 * secondsPerDay - 30, periodEnd: february))
  }

  @Test func gatewayCountsUsageInPeriodOfResponse() {
    let endpoint = gatewayEndpoint(GatewayQuota(tokens: 1_000))
    _ = endpoint.admit(estimate: 900, at: february.advanced(byMicroseconds: -1))
    endpoint.recordUsage(totalTokens: 1_000, at: february)
    let answer = endpoint.admit(estimate: 900, at: february)
    #expect(answer == .quotaExceeded(retryAfterSeconds: 28 * secondsPerDay, periodEnd: march))
  }

  @Test func backgroundUsageExhaustsQuotaOnPredictedDay() {
    // 1,000,000 tokens at 100,000 a day run out after exactly 10 days: 2026-01-11T00:00:00Z.
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: 1_000_000, backgroundTokensPerDay: 100_000))
    let exhaustion = endpointInstant(seconds: 10 * secondsPerDay)
    let before = endpoint.admit(estimate: 1, at: exhaustion.advanced(byMicroseconds: -1))
    let after = endpoint.admit(estimate: 1, at: exhaustion)
    #expect(before == .admitted)
    #expect(after == .quotaExceeded(retryAfterSeconds: 21 * secondsPerDay, periodEnd: february))
  }

  @Test func backgroundUsageAddsToActualUsage() {
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: 1_000_000, backgroundTokensPerDay: 100_000))
    endpoint.recordUsage(totalTokens: 500_000, at: endpointInstant(seconds: 1))
    let exhaustion = endpointInstant(seconds: 5 * secondsPerDay)
    let before = endpoint.admit(estimate: 1, at: exhaustion.advanced(byMicroseconds: -1))
    let after = endpoint.admit(estimate: 1, at: exhaustion)
    #expect(before == .admitted)
    #expect(after == .quotaExceeded(retryAfterSeconds: 26 * secondsPerDay, periodEnd: february))
  }

  /// Tokens per day, microseconds since the start of the year, and the background tokens.
  private static let backgroundCases: [(Int64, Int64, Int64)] = [
    (7, 43_200_000_000, 3),
    (7, 86_400_000_000, 7),
    (3, 31_535_999_999_999, 1_094),
    (1_000_000_007, 31_449_600_000_001, 364_000_002_548),
  ]

  @Test(arguments: backgroundCases)
  func backgroundUsageIsExactOverAYear(
    tokensPerDay: Int64, elapsedMicroseconds: Int64, expected: Int64
  ) {
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: .max, period: .year, backgroundTokensPerDay: tokensPerDay))
    let used = endpoint.gatewayUsedTokens(at: endpointInstant(microseconds: elapsedMicroseconds))
    #expect(used == expected)
  }

  @Test func backgroundUsageResetsAtYearBoundary() {
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: .max, period: .year, backgroundTokensPerDay: 3))
    let nextYear = endpointInstant(seconds: 365 * secondsPerDay)
    #expect(endpoint.gatewayUsedTokens(at: nextYear) == 0)
    #expect(endpoint.gatewayUsedTokens(at: nextYear.advanced(by: .seconds(86_400))) == 3)
  }

  @Test func backgroundUsageCountsFromPeriodStart() {
    let midMonth = endpointInstant(seconds: 14 * secondsPerDay)
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: .max, backgroundTokensPerDay: 1_000), start: midMonth)
    #expect(endpoint.gatewayUsedTokens(at: midMonth) == 14_000)
  }

  @Test func backgroundUsageClampsHugeRates() {
    let endpoint = gatewayEndpoint(
      GatewayQuota(tokens: .max, period: .year, backgroundTokensPerDay: .max))
    let used = endpoint.gatewayUsedTokens(at: endpointInstant(seconds: 364 * secondsPerDay))
    #expect(used == .max)
  }
}
