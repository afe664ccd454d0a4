import Foundation
import Testing

@testable import QuotaSim

/// Runs scenarios at the edges of what a model may say: tiny and century-long horizons, no
/// traffic and a million requests a second, quotas of 1 and `Int64.max`, a TPM below one
/// request's estimate, deployments that are all unavailable, and traces of one row or out of
/// order. Each must give a result or a clear error, never a hang or a crash. The error cases
/// (a horizon of 0, a quota of 0, a million requests a second for a day) are rows of
/// ``BadInputTableTests``.
@Suite struct ExtremeInputTests {
  private static let start = #""start": "2026-01-01T00:00:00Z""#
  private static let fixedSizes =
    #""promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}"#

  /// Returns a scenario with one deployment `prod` (450,000 TPM unless `deployment` adds
  /// members) and one workload `chat` with `workload`'s members and fixed sizes.
  static func scenario(horizon: String, deployment: String = "", workload: String) -> String {
    #"""
    {\#(start), \#(horizon),
     "deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000\#(deployment)}],
     "workloads": [{"name": "chat", "deployment": "prod", \#(workload), \#(fixedSizes)}]}
    """#
  }

  /// Decodes `text` as `scenario.json` in a new folder that also holds `files`, and runs it.
  static func run(_ text: String, files: [String: String] = [:]) throws -> RunResult {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    for (name, content) in files { try folder.write(content, to: name) }
    let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")
    let loaded = try Scenario.decode(
      document, file: "scenario.json", baseDirectory: folder.url)
    return try SimulationRun(scenario: loaded.scenario).run()
  }

  // MARK: - Horizons

  @Test func horizonOfOneMicrosecondRuns() throws {
    let result = try Self.run(
      Self.scenario(
        horizon: #""horizonDays": 1e-12"#, workload: #""kind": "poisson", "ratePerSecond": 1"#))

    #expect(result.end == Instant(microsecondsSinceEpoch: 1_767_225_600_000_001))
    #expect(result.requests.simulated == 0)
  }

  @Test func centuryRunReportsProgressAndEveryMonth() throws {
    let text = Self.scenario(
      horizon: #""horizonMonths": 1200"#, workload: #""kind": "poisson", "ratePerDay": 1"#)
    let document = try ConfigFile.parse(Array(text.utf8), file: "century.json")
    let scenario = try Scenario.decode(
      document, file: "century.json", baseDirectory: URL(fileURLWithPath: "/")
    ).scenario
    var reports: [RunProgress] = []

    let result = try SimulationRun(scenario: scenario).run { reports.append($0) }

    #expect(result.end == Instant(iso8601: "2126-01-01T00:00:00Z"))
    #expect(result.requests.simulated == 36_591)
    #expect(result.deployments[0].periods.count == 1_200)
    #expect(reports.count == 36_524)
    #expect(reports.last?.fractionDone == 1)
    #expect(reports.last?.requestsSimulated == 36_591)
    #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.now < $1.now })
  }

  @Test func progressLeavesResultUnchanged() throws {
    let text = Self.scenario(
      horizon: #""horizonDays": 3.5"#, workload: #""kind": "poisson", "ratePerMinute": 10"#)
    let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")
    let scenario = try Scenario.decode(
      document, file: "scenario.json", baseDirectory: URL(fileURLWithPath: "/")
    ).scenario
    var reportCount = 0

    let plain = try SimulationRun(scenario: scenario).run()
    let reported = try SimulationRun(scenario: scenario).run { _ in reportCount += 1 }

    #expect(reported == plain)
    #expect(reportCount == 100)
  }

  @Test func progressPrinterWritesEachReport() {
    let lines = MemoryLogSink()
    let printer = RunProgressPrinter(
      report: { lines.log(.info, $0, metadata: [:]) }, minimumInterval: .zero)

    printer.receive(
      RunProgress(
        now: Instant(iso8601: "2026-03-14T00:00:00Z")!, fractionDone: 0.42,
        requestsSimulated: 1_234_567))

    #expect(
      lines.entries.map(\.message) == [
        "Simulated to 2026-03-14T00:00:00Z (42 % of the span), 1,234,567 requests so far."
      ])
  }

  /// Runs the binary for a century of six requests a day and checks that it finishes with
  /// one row per month and that its peak memory stays bounded. `RELIABILITY.md` has the
  /// figures of longer runs on a release build.
  @Test func centuryRunThroughBinaryStaysSmall() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(
      Self.scenario(
        horizon: #""horizonMonths": 1200"#, workload: #""kind": "poisson", "ratePerDay": 6"#),
      to: "century.json")

    let result = try CLIRunner.run(
      ["run", "century.json", "--format", "csv", "--output", folder.url.path], in: folder.url)
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)

    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(result.standardOutput.split(separator: "\n").count == 1_201)
    // Peak resident memory of the largest child so far, in kilobytes. A sanitizer's shadow
    // memory and quarantine make it meaningless, so sanitized builds skip the check.
    if !Self.isSanitized {
      #expect(usage.ru_maxrss < 400_000)
    }
  }

  /// Whether this process, and so the `quotasim` built with it, runs under Address or Thread
  /// Sanitizer, found by looking up the sanitizer's entry point.
  private static let isSanitized =
    dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

  // MARK: - Arrival rates

  @Test func rateZeroRunsWithoutRequests() throws {
    let result = try Self.run(
      Self.scenario(
        horizon: #""horizonMonths": 12"#, workload: #""kind": "poisson", "ratePerSecond": 0"#))

    #expect(result.requests.simulated == 0)
    #expect(result.deployments[0].periods.count == 12)
  }

  @Test func millionPerSecondRunsForATenthOfASecond() throws {
    let result = try Self.run(
      Self.scenario(
        horizon: #""end": "2026-01-01T00:00:00.1Z""#,
        workload: #""kind": "poisson", "ratePerSecond": 1000000"#))

    #expect(result.requests.simulated == 100_279)
    #expect(
      result.requests.served + result.requests.dropped + result.requests.inFlightAtEnd
        == 100_279)
  }

  // MARK: - Quotas and limits

  @Test func quotaOfOneTokenThrottlesAfterFirstRequest() throws {
    let result = try Self.run(
      Self.scenario(
        horizon: #""horizonDays": 1"#, deployment: #", "monthlyTokenQuota": 1"#,
        workload: #""kind": "poisson", "ratePerMinute": 1"#))

    #expect(result.requests.simulated == 1_445)
    #expect(result.requests.served == 1)
    #expect(result.requests.droppedByReason == ["no_deployment": 1_444])
  }

  @Test func quotaOfInt64MaxServesEverything() throws {
    let result = try Self.run(
      Self.scenario(
        horizon: #""horizonDays": 1"#,
        deployment: #", "monthlyTokenQuota": 9223372036854775807"#,
        workload: #""kind": "poisson", "ratePerMinute": 1"#))

    #expect(result.requests.simulated == 1_445)
    #expect(result.requests.served == 1_445)
    #expect(result.deployments[0].periods[0].totalTokens == 1_011_500)
    #expect(result.deployments[0].periods[0].quotaUsedPercent == 1.0966704974690877e-11)
  }

  @Test func estimateAboveTPMIsNeverAdmitted() throws {
    let text = #"""
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 1,
       "deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 100}],
       "workloads": [{"name": "chat", "deployment": "prod", "kind": "poisson",
         "ratePerMinute": 1, "promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}}]}
      """#

    let result = try Self.run(text)

    #expect(result.requests.simulated == 1_445)
    #expect(result.requests.served == 0)
    #expect(result.requests.droppedByReason == ["never_admissible": 1_445])
  }

  /// Two gateway deployments that back each other up, both exhausted from the start by
  /// background usage: every request gets 403 from both and ends, dropped or deferred and
  /// then dropped.
  @Test(arguments: [#""drop""#, #"{"defer": {"maxWaitSeconds": 600}}"#])
  func everyDeploymentExhaustedDropsEveryRequest(overflow: String) throws {
    let gateway =
      #""azure": {"profile": "gateway", "gatewayTokenQuota": 1000, "backgroundTokensPerDay": "1G"}"#
    let text = #"""
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 2,
       "deployments": [
         {"name": "A", "model": "gpt-4o", "tokensPerMinute": 450000, "fallbacks": ["B"], \#(gateway)},
         {"name": "B", "model": "gpt-4o", "tokensPerMinute": 450000, "fallbacks": ["A"], \#(gateway)}],
       "policy": {"overflow": \#(overflow)},
       "workloads": [{"name": "chat", "deployment": "A", "kind": "poisson", "ratePerMinute": 2,
         "promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}}]}
      """#

    let result = try Self.run(text)

    #expect(result.requests.simulated == 5_812)
    #expect(result.requests.served == 0)
    #expect(result.requests.dropped + result.requests.inFlightAtEnd == 5_812)
  }

  /// A 429 without retry headers and a backoff of 0 retries at once and is refused again at
  /// the same instant, so only the bound of 100 retries ends each request.
  @Test func immediateRetriesAgainstFullWindowEnd() throws {
    let text = #"""
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 0.05,
       "deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 1000,
         "azure": {"retryHeaders": "none"}}],
       "policy": {"maxRetries": 100, "backoffBaseSeconds": 0, "backoffMaxSeconds": 0},
       "workloads": [{"name": "chat", "deployment": "prod", "kind": "poisson",
         "ratePerMinute": 10, "maxTokens": 200,
         "promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}}]}
      """#

    let result = try Self.run(text)

    #expect(result.requests.simulated == 716)
    #expect(result.requests.droppedByReason == ["retries_exhausted": 649])
    // Each dropped request made 101 attempts: 649 × 101 = 65,549, plus the served ones.
    #expect(result.deployments[0].periods[0].attempts == 65_616)
  }

  // MARK: - Traces

  @Test func traceOfOneRowReplaysOnce() throws {
    let text = #"""
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 1,
       "deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000}],
       "workloads": [{"name": "replay", "deployment": "prod", "kind": "trace",
         "traceFile": "trace.csv"}]}
      """#

    let result = try Self.run(
      text, files: ["trace.csv": "timestamp,prompt_tokens,completion_tokens\n5,100,20\n"])

    #expect(result.requests.simulated == 1)
    #expect(result.requests.served == 1)
    #expect(result.deployments[0].periods[0].totalTokens == 120)
  }

  @Test func traceOutOfOrderIsSortedWithNote() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(
      "timestamp,prompt_tokens,completion_tokens\n5,100,20\n1,10,2\n3,1,1\n", to: "trace.csv")
    let text = #"""
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 1,
       "deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000}],
       "workloads": [{"name": "replay", "deployment": "prod", "kind": "trace",
         "traceFile": "trace.csv"}]}
      """#
    let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")

    let loaded = try Scenario.decode(document, file: "scenario.json", baseDirectory: folder.url)
    let result = try SimulationRun(scenario: loaded.scenario).run()

    #expect(
      loaded.notes == [
        "\(folder.url.path)/trace.csv: the timestamps are not in order (line 3 is earlier than "
          + "the row before it, and 1 row in all). The 3 rows were sorted by timestamp, keeping "
          + "the file's order for equal timestamps."
      ])
    #expect(result.requests.simulated == 3)
    #expect(result.deployments[0].periods[0].totalTokens == 134)
  }
}
