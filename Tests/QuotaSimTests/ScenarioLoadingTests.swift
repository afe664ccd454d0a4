import Foundation
import Testing

@testable import QuotaSim

@Suite struct ScenarioLoadingTests {
  /// The scenario files in `models/`, found when the tests start.
  static let shippedScenarios: [String] = {
    let folder = CLIRunner.packageRoot().appendingPathComponent("models")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") && $0 != "catalog.json" }.sorted()
  }()

  /// Decodes `text` as a scenario file named `scenario.json`.
  static func decode(_ text: String, overrides: ScenarioOverrides = .init()) throws(ConfigError)
    -> LoadedScenario
  {
    let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")
    return try Scenario.decode(
      document, file: "scenario.json", baseDirectory: URL(fileURLWithPath: "/"),
      overrides: overrides)
  }

  @Test func fiveScenariosAreShipped() {
    #expect(
      Self.shippedScenarios == [
        "chat-growth.json", "fallback-chain.json", "max-tokens-waste.json", "nightly-scans.json",
        "reference-month.json",
      ])
  }

  @Test(arguments: shippedScenarios)
  func shippedScenarioDecodes(file: String) throws {
    let url = CLIRunner.packageRoot().appendingPathComponent("models").appendingPathComponent(file)
    let loaded = try Scenario.load(contentsOf: url)
    #expect(loaded.scenario.name + ".json" == file)
    #expect(loaded.scenario.endpoints.count == loaded.scenario.catalog.deployments.count)
    #expect(!loaded.scenario.workloads.isEmpty)
  }

  @Test(arguments: shippedScenarios)
  func shippedScenarioValidates(file: String) {
    let path = CLIRunner.packageRoot().appendingPathComponent("models/\(file)").path
    let result = ValidateCommand.run(file: path)
    #expect(result.status == .success)
    #expect(result.standardError == "")
  }

  @Test func referenceMonthDecodesToItsValues() throws {
    let url = CLIRunner.packageRoot().appendingPathComponent("models/reference-month.json")
    let scenario = try Scenario.load(contentsOf: url).scenario

    #expect(scenario.start == Instant(iso8601: "2025-10-01T00:00:00Z"))
    #expect(scenario.end == Instant(iso8601: "2025-10-31T00:00:00Z"))
    #expect(scenario.catalog.deployments.map(\.name) == ["gpt-4o-prod"])
    #expect(scenario.catalog.deployments[0].tokenQuota == 1_080_000)
    #expect(scenario.endpoints == [EndpointConfig(admissionEstimate: .forModel("gpt-4o"))])
    #expect(
      scenario.workloads == [
        WorkloadConfig(
          name: "daily-requests", deployment: "gpt-4o-prod",
          arrivals: .batch(BatchScan(startTimesOfDay: [32_400], prompts: 100, workers: 1)),
          promptTokens: .fixed(100), completionTokens: .fixed(200), maxTokens: 400)
      ])
  }

  @Test func defaultsFillUnwrittenFields() throws {
    let loaded = try Self.decode(BadScenarioTests.scenario())
    let scenario = loaded.scenario

    #expect(scenario.name == "scenario")
    #expect(scenario.seed == 1)
    #expect(scenario.timeZoneIdentifier == "UTC")
    #expect(scenario.end == Instant(iso8601: "2026-02-01T00:00:00Z"))
    #expect(scenario.policy == LimiterPolicy())
    #expect(loaded.horizon == .months(1))
    #expect(loaded.notes == [])
    #expect(
      scenario.workloads[0].arrivals == .poisson(PoissonArrivals(ratePerSecond: 0.5)))
    #expect(scenario.workloads[0].maxTokens == nil)
    #expect(scenario.workloads[0].choices == 1)
  }

  @Test(arguments: [
    ("ratePerSecond", 2.0, 2.0), ("ratePerMinute", 30, 0.5), ("ratePerHour", 3_600, 1),
    ("ratePerDay", 43_200, 0.5),
  ])
  func rateConvertsToPerSecond(key: String, rate: Double, perSecond: Double) throws {
    let workload = BadScenarioTests.workload(#""kind": "poisson", "\#(key)": \#(rate)"#)
    let loaded = try Self.decode(BadScenarioTests.scenario(workloads: workload))
    #expect(
      loaded.scenario.workloads[0].arrivals == .poisson(PoissonArrivals(ratePerSecond: perSecond)))
  }

  @Test func batchTimesAndDaysConvert() throws {
    let workload = BadScenarioTests.workload(
      #""kind": "batch", "scanTimes": ["14:30", "02:00:15"], "scanDays": ["sun", "mon"], "#
        + #""promptsPerScan": 20000, "workers": 16, "n": 3, "maxTokens": "1.5k""#)
    let loaded = try Self.decode(BadScenarioTests.scenario(workloads: workload))
    let config = loaded.scenario.workloads[0]
    #expect(
      config.arrivals
        == .batch(
          BatchScan(
            startTimesOfDay: [7_215, 52_200], daysOfWeek: [1, 7], prompts: 20_000, workers: 16)))
    #expect(config.choices == 3)
    #expect(config.maxTokens == 1_500)
  }

  @Test func distributionsDecode() throws {
    let sizes =
      #""promptTokens": {"empirical": [[0, 100, 3], [100, 500, 1.5]]}, "#
      + #""completionTokens": {"gamma": {"shape": 2, "scale": 250}}"#
    let loaded = try Self.decode(
      BadScenarioTests.scenario(workloads: BadScenarioTests.workload(sizes: sizes)))
    let config = loaded.scenario.workloads[0]
    #expect(
      config.promptTokens
        == .empirical([
          HistogramBin(lower: 0, upper: 100, weight: 3),
          HistogramBin(lower: 100, upper: 500, weight: 1.5),
        ]))
    #expect(config.completionTokens == .gamma(shape: 2, scale: 250))
  }

  @Test func roundingDecodesPerSize() throws {
    let sizes =
      #""promptTokens": {"logNormal": {"mu": 6, "sigma": 0.5}, "rounding": "up"}, "#
      + #""completionTokens": {"gamma": {"shape": 2, "scale": 250}, "rounding": "down"}"#
    let loaded = try Self.decode(
      BadScenarioTests.scenario(workloads: BadScenarioTests.workload(sizes: sizes)))
    let config = loaded.scenario.workloads[0]
    #expect(config.promptTokens == .logNormal(mu: 6, sigma: 0.5))
    #expect(config.promptRounding == .up)
    #expect(config.completionRounding == .down)
  }

  @Test func roundingDefaultsToNearest() throws {
    let loaded = try Self.decode(BadScenarioTests.scenario())
    let config = loaded.scenario.workloads[0]
    #expect(config.promptRounding == .nearest)
    #expect(config.completionRounding == .nearest)
  }

  @Test func gatewayTakesClientQuotaAndPeriod() throws {
    let deployment =
      #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "weeklyTokenQuota": "5M", "#
      + #""azure": {"profile": "gateway", "backgroundTokensPerDay": "3M", "retryHeaders": "none"}}"#
    let loaded = try Self.decode(BadScenarioTests.scenario(deployments: deployment))
    let endpoint = loaded.scenario.endpoints[0]
    #expect(
      endpoint.profile
        == .gateway(
          GatewayQuota(tokens: 5_000_000, period: .week, backgroundTokensPerDay: 3_000_000))
    )
    #expect(endpoint.retryHeaders == .none)
    #expect(
      loaded.notes == [
        "deployment 'prod' shares its gateway quota with 3,000,000 background tokens a day that "
          + "the client does not count, so 403 responses can come before its alerts"
      ])
  }

  @Test func gatewayQuotaWithoutClientQuotaDefaultsToMonth() throws {
    let deployment =
      #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "#
      + #""azure": {"profile": "gateway", "gatewayTokenQuota": "200M"}}"#
    let loaded = try Self.decode(BadScenarioTests.scenario(deployments: deployment))
    #expect(loaded.scenario.endpoints[0].profile == .gateway(GatewayQuota(tokens: 200_000_000)))
  }

  @Test func admissionEstimateFollowsModel() throws {
    let deployment = #"{"name": "prod", "model": "gpt-35-turbo", "tokensPerMinute": 120000}"#
    let loaded = try Self.decode(BadScenarioTests.scenario(deployments: deployment))
    #expect(loaded.scenario.endpoints[0].admissionEstimate == .maxTokensOnly(defaultMaxTokens: 16))
  }

  @Test func admissionEstimateKeepsModelDefaultWhenOnlyRuleIsGiven() throws {
    let deployment =
      #"{"name": "prod", "model": "gpt-35-turbo", "tokensPerMinute": 120000, "#
      + #""azure": {"admissionEstimate": {"rule": "promptPlusMaxTokens"}}}"#
    let loaded = try Self.decode(BadScenarioTests.scenario(deployments: deployment))
    #expect(
      loaded.scenario.endpoints[0].admissionEstimate == .promptPlusMaxTokens(defaultMaxTokens: 16))
  }

  @Test func overridesReplaceSeedAndHorizon() throws {
    let text = BadScenarioTests.scenario(
      top: #""start": "2026-01-31T10:00:00Z", "horizonDays": 2, "seed": 5"#)
    let loaded = try Self.decode(text, overrides: ScenarioOverrides(seed: 9, months: 1))
    #expect(loaded.scenario.seed == 9)
    #expect(loaded.scenario.end == Instant(iso8601: "2026-02-28T10:00:00Z"))
    #expect(loaded.horizon == .months(1))
    #expect(
      loaded.notes == [
        "seed 9 from the command line replaces the file's seed 5",
        "horizon of 1 calendar month from the command line replaces the file's horizonDays 2",
      ])
  }

  @Test func profileWhoseMeanIsNotOneIsNoted() throws {
    let workload = BadScenarioTests.workload(
      #""kind": "poisson", "ratePerMinute": 30, "dayOfWeekProfile": [2, 2, 2, 2, 2, 1, 1]"#)
    let loaded = try Self.decode(BadScenarioTests.scenario(workloads: workload))
    #expect(
      loaded.notes == [
        "workload 'chat': dayOfWeekProfile averages 1.714, so the mean rate is 1.714 times the "
          + "rate written"
      ])
  }

  @Test func missingTraceFileNamedInError() {
    let workload = BadScenarioTests.workload(
      #""kind": "trace", "traceFile": "missing-trace.csv", "timeScale": 0.5, "loop": true"#,
      sizes: #""n": 1"#
    )
    do throws(ConfigError) {
      _ = try Self.decode(BadScenarioTests.scenario(workloads: workload))
      Issue.record("the missing trace loaded")
    } catch {
      #expect(error.issues.count == 1)
      #expect(error.issues.first?.path.description == "workloads[0].traceFile")
      #expect(error.issues.first?.description.contains("missing-trace.csv") == true)
    }
  }

  @Test func traceWorkloadLoadsRowsRelativeToModel() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "quotasim-trace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("timestamp,prompt_tokens,completion_tokens\n0,10,20\n1.5,30,40\n".utf8).write(
      to: folder.appendingPathComponent("trace.csv"))
    let workload = BadScenarioTests.workload(
      #""kind": "trace", "traceFile": "trace.csv", "timeScale": 0.5, "loop": true"#,
      sizes: #""n": 1"#
    )
    let text = BadScenarioTests.scenario(workloads: workload)
    let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")
    let loaded = try Scenario.decode(document, file: "scenario.json", baseDirectory: folder)
    guard case .trace(let replay) = loaded.scenario.workloads.first?.arrivals else {
      Issue.record("not a trace workload")
      return
    }
    #expect(
      replay.rows == [
        TraceRow(offsetMicroseconds: 0, promptTokens: 10, completionTokens: 20),
        TraceRow(offsetMicroseconds: 1_500_000, promptTokens: 30, completionTokens: 40),
      ])
    #expect(replay.timeScale == 0.5)
    #expect(replay.loops)
  }

  @Test(arguments: [
    ("2026-01-01T00:00:00Z", 1, "UTC", "2026-02-01T00:00:00Z"),
    ("2026-01-31T10:00:00Z", 1, "UTC", "2026-02-28T10:00:00Z"),
    ("2024-01-31T10:00:00Z", 1, "UTC", "2024-02-29T10:00:00Z"),
    ("2025-11-15T12:00:00Z", 3, "UTC", "2026-02-15T12:00:00Z"),
    ("2026-03-01T00:00:00.250Z", 12, "UTC", "2027-03-01T00:00:00.250Z"),
    ("2026-01-01T00:00:00Z", 6, "Europe/Berlin", "2026-06-30T23:00:00Z"),
    ("2025-12-31T23:00:00Z", 1, "Europe/Berlin", "2026-01-31T23:00:00Z"),
  ])
  func monthsAddByCalendar(start: String, months: Int, zone: String, end: String) throws {
    let startInstant = try #require(Instant(iso8601: start))
    #expect(
      Scenario.end(addingMonths: months, to: startInstant, timeZone: zone).iso8601 == end)
  }
}

@Suite struct ConfigDocumentKindTests {
  @Test(arguments: [
    (#"{"deployments": []}"#, ConfigDocumentKind.catalog),
    (#"[1, 2]"#, .catalog),
    (#"{"workloads": []}"#, .scenario),
    (#"{"start": "2026-01-01T00:00:00Z", "deployments": []}"#, .scenario),
    (#"{"horizonDays": 3}"#, .scenario),
    (#"{"end": "2026-02-01T00:00:00Z"}"#, .scenario),
  ])
  func kindFollowsTopLevelKeys(text: String, kind: ConfigDocumentKind) throws {
    #expect(ConfigDocumentKind.detect(try JSONParser().parse(text)) == kind)
  }
}
