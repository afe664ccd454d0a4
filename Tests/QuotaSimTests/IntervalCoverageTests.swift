import Foundation
import Testing

@testable import QuotaSim

/// Checks that the 95 % intervals cover a known mean about 95 % of the time.
@Suite struct IntervalCoverageTests {
  /// One hour of Poisson arrivals at 30 requests an hour: the count of arrivals has mean 30.
  static func scenario(seed: UInt64) throws -> Scenario {
    let start = Instant.epoch.advanced(byMicroseconds: 1_767_225_600_000_000)
    return Scenario(
      name: "coverage", start: start, end: start.advanced(by: .seconds(3_600)), seed: seed,
      catalog: try DeploymentCatalog(deployments: [
        Deployment(name: "prod", tokensPerMinute: 1_000_000)
      ]),
      workloads: [
        WorkloadConfig(
          name: "chat", deployment: "prod",
          arrivals: .poisson(PoissonArrivals(ratePerSecond: 30.0 / 3_600)),
          promptTokens: .fixed(10), completionTokens: .fixed(10))
      ])
  }

  @Test func poissonCountIntervalCoversTrueMean() throws {
    // 400 independent trials, each with its own seed, of 10 replications each. A 95 %
    // interval should cover the true mean in about 380 trials; a binomial count of 400
    // trials at 0.95 stays within 372…388 (93–97 %) with probability 0.94.
    let trials = 400
    let replications = 10
    let scenarios = try (0..<trials).map { try Self.scenario(seed: UInt64(1_000 + $0)) }
    let runner = StudyRunner(scenarios: scenarios, replications: replications, jobs: 2)
    let results = try runner.run(Array(0..<(trials * replications)))
    var covered = 0
    for trial in 0..<trials {
      let slice = results[(trial * replications)..<((trial + 1) * replications)]
      let estimate = ReplicationSummary(slice.map(\.result)).figures["requestsSimulated"]
      if let lower = estimate?.lower, let upper = estimate?.upper, lower <= 30, 30 <= upper {
        covered += 1
      }
    }
    #expect(
      (372...388).contains(covered), "covered \(covered) of \(trials) trials, seeds 1000…1399")
  }
}
