import Foundation
import Testing

@testable import QuotaSim

/// End-to-end runs: the real tracker and enforcer against simulated endpoints on the
/// virtual clock.
@Suite struct SimulationRunTests {
  static let start = Instant.at("2026-01-01T00:00:00Z")

  /// A trace of `count` requests `intervalSeconds` apart with fixed sizes.
  static func evenTrace(count: Int, intervalSeconds: Int64, prompt: Int64, completion: Int64)
    -> TraceReplay
  {
    TraceReplay(
      rows: (0..<count).map {
        TraceRow(
          offsetMicroseconds: Int64($0) * intervalSeconds * 1_000_000, promptTokens: prompt,
          completionTokens: completion)
      })
  }

  static func scenario(
    deployments: [Deployment], endpoints: [EndpointConfig]? = nil,
    policy: LimiterPolicy = LimiterPolicy(),
    workloads: [WorkloadConfig], days: Int64, start: Instant = start
  ) throws -> Scenario {
    Scenario(
      name: "test", start: start, end: start.advanced(by: .seconds(days * 86_400)),
      catalog: try DeploymentCatalog(deployments: deployments), policy: policy,
      endpoints: endpoints, workloads: workloads)
  }

  @Test func tpmWindowAdmitsFiveThenRefusesUntilFirstEntryLeaves() throws {
    var policy = LimiterPolicy()
    policy.maxRetries = 0
    let trace = Self.evenTrace(count: 70, intervalSeconds: 1, prompt: 0, completion: 10)
    let scenario = try Self.scenario(
      deployments: [Deployment(name: "A", tokensPerMinute: 10_000)],
      endpoints: [EndpointConfig(admissionEstimate: .promptPlusMaxTokens(defaultMaxTokens: 640))],
      policy: policy,
      workloads: [
        WorkloadConfig(
          name: "w", deployment: "A", arrivals: .trace(trace), promptTokens: .fixed(0),
          completionTokens: .fixed(10), maxTokens: 2_000)
      ], days: 1)
    let result = try SimulationRun(scenario: scenario).run()
    let period = try #require(result.deployments.first?.periods.first)
    #expect(period.attempts == 70)
    #expect(period.served == 10)
    #expect(period.rateLimited == 60)
  }

  @Test func deterministicWorkloadExhaustsAtClosedFormInstant() throws {
    var policy = LimiterPolicy()
    policy.throttleThreshold = 1.0
    // 300 tokens a minute against a 900,000-token monthly quota: the 3,000th request of a
    // month fills it. It arrives 2,999 minutes into the month and is served after
    // 0.6 s + 200 ÷ 60 s.
    let minutes = 31 * 24 * 60 + 4 * 24 * 60
    let trace = Self.evenTrace(count: minutes, intervalSeconds: 60, prompt: 100, completion: 200)
    let scenario = try Self.scenario(
      deployments: [Deployment(name: "A", tokenQuota: 900_000, tokensPerMinute: 100_000)],
      policy: policy,
      workloads: [
        WorkloadConfig(
          name: "w", deployment: "A", arrivals: .trace(trace), promptTokens: .fixed(0),
          completionTokens: .fixed(0), maxTokens: 200)
      ], days: 35)
    let result = try SimulationRun(scenario: scenario).run()
    let periods = try #require(result.deployments.first?.periods)
    let serviceMicroseconds: Int64 = 600_000 + 3_333_333
    #expect(periods.map(\.period) == ["2026-01", "2026-02"])
    #expect(periods[0].totalTokens == 900_000)
    #expect(
      periods[0].trackerExhaustion
        == Self.start.advanced(byMicroseconds: 2_999 * 60_000_000 + serviceMicroseconds))
    #expect(periods[0].throttleStart == Self.start.advanced(by: .seconds(3_000 * 60)))
    let february = Instant.at("2026-02-01T00:00:00Z")
    #expect(periods[1].servedDirect == 3_000)
    #expect(
      periods[1].trackerExhaustion
        == february.advanced(byMicroseconds: 2_999 * 60_000_000 + serviceMicroseconds))
  }

  @Test func sameScenarioAndSeedGiveIdenticalJSON() throws {
    let scenario = try Self.scenario(
      deployments: [
        Deployment(
          name: "prod", tokenQuota: 50_000_000, tokensPerMinute: 30_000, fallbacks: ["dev"]),
        Deployment(name: "dev", tokenQuota: 10_000_000, tokensPerMinute: 20_000),
      ],
      workloads: [
        WorkloadConfig(
          name: "chat", deployment: "prod", arrivals: .poisson(PoissonArrivals(ratePerSecond: 0.5)),
          promptTokens: .logNormal(mu: 6, sigma: 0.5),
          completionTokens: .logNormal(mu: 5, sigma: 0.7),
          maxTokens: 800)
      ], days: 1)
    let first = RunReport.json(try SimulationRun(scenario: scenario).run())
    let second = RunReport.json(try SimulationRun(scenario: scenario).run())
    #expect(first == second)
    #expect(first.contains("\"rateLimited\""))
  }

  @Test func quotaExhaustionFallsBackAndGatewayAnswers403() throws {
    // The gateway's quota is shared with 5M tokens a day of other traffic that the client
    // cannot see, so the gateway refuses before the client's throttle would.
    let scenario = try Self.scenario(
      deployments: [
        Deployment(
          name: "prod", tokenQuota: 20_000_000, tokensPerMinute: 450_000, fallbacks: ["dev"]),
        Deployment(name: "dev", tokenQuota: 100_000_000, tokensPerMinute: 450_000),
      ],
      endpoints: [
        EndpointConfig(
          profile: .gateway(GatewayQuota(tokens: 20_000_000, backgroundTokensPerDay: 5_000_000))),
        EndpointConfig(),
      ],
      workloads: [
        WorkloadConfig(
          name: "chat", deployment: "prod", arrivals: .poisson(PoissonArrivals(ratePerSecond: 0.5)),
          promptTokens: .fixed(500), completionTokens: .fixed(200), maxTokens: 400)
      ], days: 3)
    let result = try SimulationRun(scenario: scenario).run()
    let prod = try #require(result.deployments.first?.periods.first)
    let dev = try #require(result.deployments.last?.periods.first)
    #expect(prod.quotaRefused >= 1)
    #expect(prod.first403 != nil)
    #expect(dev.servedByFallback > 0)
    #expect(result.requests.dropped == 0)
  }

  @Test func poissonMonthCountsWithinFourSigmaForTwentySeeds() throws {
    // 0.005 requests/s over January: 13,392 expected, standard deviation about 116.
    let rate = 0.005
    var scenario = try Self.scenario(
      deployments: [Deployment(name: "A", tokensPerMinute: 1_000_000)],
      workloads: [
        WorkloadConfig(
          name: "w", deployment: "A", arrivals: .poisson(PoissonArrivals(ratePerSecond: rate)),
          promptTokens: .fixed(10), completionTokens: .fixed(10), maxTokens: 10)
      ], days: 31)
    let expected = rate * 31 * 86_400
    for seed in UInt64(1)...20 {
      scenario.seed = seed
      let result = try SimulationRun(scenario: scenario).run()
      let deviation = abs(Double(result.requests.simulated) - expected) / expected.squareRoot()
      #expect(
        deviation < 4, "seed \(seed): \(result.requests.simulated) arrivals, expected \(expected)")
    }
  }
}
