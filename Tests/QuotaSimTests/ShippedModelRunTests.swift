import Foundation
import Testing

@testable import QuotaSim

/// Runs every shipped model, each cut to its first two days so a debug build stays quick.
@Suite struct ShippedModelRunTests {
  static let models: [String] = {
    let folder = CLIRunner.packageRoot().appendingPathComponent("models")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") && $0 != "catalog.json" }.sorted()
  }()

  @Test func fiveScenarioModelsShipped() {
    #expect(Self.models.count == 5)
  }

  @Test(arguments: models)
  func modelRunsAndAccountsForEveryRequest(name: String) throws {
    let url = CLIRunner.packageRoot().appendingPathComponent("models").appendingPathComponent(name)
    var scenario = try Scenario.load(contentsOf: url).scenario
    scenario.end = min(scenario.end, scenario.start.advanced(by: .seconds(2 * 86_400)))
    let result = try SimulationRun(scenario: scenario).run()
    let requests = result.requests
    #expect(requests.simulated > 0)
    #expect(requests.served + requests.dropped + requests.inFlightAtEnd == requests.simulated)
    let offered = result.deployments.flatMap(\.periods).reduce(Int64(0)) { $0 + $1.offered }
    #expect(offered == requests.simulated)
  }
}

/// The `quotasim run` command through the real binary.
@Suite struct RunCommandTests {
  static let model = """
    {
      "name": "tiny",
      "start": "2026-01-01T00:00:00Z",
      "horizonDays": 0.5,
      "deployments": [
        {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 2000, "monthlyTokenQuota": 200000,
         "fallbacks": ["dev"]},
        {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 5000, "monthlyTokenQuota": 500000},
      ],
      "workloads": [
        {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerMinute": 3,
         "promptTokens": {"logNormal": {"mu": 5, "sigma": 0.5}},
         "completionTokens": {"logNormal": {"mu": 4, "sigma": 0.5}}, "maxTokens": 300},
      ],
    }
    """

  @Test func sameModelAndSeedPrintIdenticalJSON() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = try folder.write(Self.model, to: "tiny.json").path
    let output = folder.url.appendingPathComponent("out").path
    let first = try CLIRunner.run(["run", model, "--format", "json", "--output", output])
    let second = try CLIRunner.run(["run", model, "--format", "json", "--output", output])
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput.contains("\"rateLimited\""))
    let saved = try String(contentsOfFile: output + "/tiny/run.json", encoding: .utf8)
    #expect(saved == first.standardOutput)
    let csv = try String(contentsOfFile: output + "/tiny/run.csv", encoding: .utf8)
    #expect(csv.hasPrefix(RunReport.csvColumns.joined(separator: ",") + "\n"))
  }

  @Test func otherSeedChangesResult() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = try folder.write(Self.model, to: "tiny.json").path
    let output = folder.url.appendingPathComponent("out").path
    let first = try CLIRunner.run(["run", model, "--format", "json", "--output", output])
    let second = try CLIRunner.run([
      "run", model, "--format", "json", "--seed", "2", "--output", output,
    ])
    #expect(first.standardOutput != second.standardOutput)
    #expect(second.standardOutput.contains("\"seed\" : 2"))
  }

  @Test func tableNamesEveryDeployment() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = try folder.write(Self.model, to: "tiny.json").path
    let result = try CLIRunner.run(["run", model, "--output", folder.url.path])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Deployment prod (gpt-4o), month periods"))
    #expect(result.standardOutput.contains("Deployment dev (gpt-4o), month periods"))
  }

  @Test func unknownFormatRejected() throws {
    let result = try CLIRunner.run(["run", "models/reference-month.json", "--format", "xml"])
    #expect(result.status == 64)
    #expect(
      result.standardError
        == "Error: option '--format' needs one of table, json, csv, markdown, but found 'xml'.\n"
        + "Usage: quotasim run [options] MODEL\nSee 'quotasim --help'.\n")
  }

  @Test func missingModelFileExits64() throws {
    let result = try CLIRunner.run(["run", "no-such-model.json"])
    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("Error: "))
    #expect(result.standardError.contains("no-such-model.json"))
  }
}

/// Replays of the public Azure conversation trace through the whole simulator.
@Suite struct TraceReplayRunTests {
  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationTraceReplaysExactly() throws {
    let url = try #require(AzureTraces.conversation)
    let loaded = try TraceFile.load(contentsOf: url)
    let start = try #require(loaded.origin)
    let scenario = Scenario(
      name: "conversation", start: start, end: start.advanced(by: .seconds(7_200)),
      catalog: try DeploymentCatalog(deployments: [
        Deployment(name: "big", tokensPerMinute: 100_000_000, requestsPerMinute: 1_000_000)
      ]),
      workloads: [
        WorkloadConfig(
          name: "conv", deployment: "big", arrivals: .trace(TraceReplay(rows: loaded.rows)),
          promptTokens: .fixed(0), completionTokens: .fixed(0), maxTokens: nil)
      ])
    let result = try SimulationRun(scenario: scenario).run()
    let period = try #require(result.deployments.first?.periods.first)
    #expect(result.requests.simulated == 19_366)
    #expect(result.requests.served == 19_366)
    #expect(period.promptTokens == 22_361_870)
    #expect(period.completionTokens == 4_088_665)
  }
}
