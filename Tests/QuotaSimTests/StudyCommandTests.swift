import Foundation
import Testing

@testable import QuotaSim

/// Usage errors of `run --replications`, `sweep`, `plan` and `merge`, compared exactly.
@Suite struct StudyCommandTests {
  private let tool = QuotaSimCommandLine.tool

  static let sweepUsage = "Usage: quotasim sweep [options] MODEL\nSee 'quotasim --help'.\n"
  static let runUsage = "Usage: quotasim run [options] MODEL\nSee 'quotasim --help'.\n"
  static let planUsage =
    "Usage: quotasim plan --deployment NAME [options] MODEL\nSee 'quotasim --help'.\n"

  static let sweepErrors: [([String], String)] = [
    (
      ["--set", "policy.throttleThreshold"],
      "option '--set' has an invalid value 'policy.throttleThreshold' is not PATH=VALUES. "
        + "Write a path, '=' and values, such as 'policy.throttleThreshold=0.85,0.9'."
    ),
    (
      ["--set", "policy.throttleThreshold=0.9:0.8:0.01"],
      "option '--set' has an invalid value 'policy.throttleThreshold=0.9:0.8:0.01': the range "
        + "'0.9:0.8:0.01' goes down from 0.9 to 0.8. Write the smaller value first, such as "
        + "0.80:0.99:0.01."
    ),
    (
      ["--set", "policy.throttleThreshold=0.8,0.9", "--set", "policy.throttleThreshold=0.95"],
      "option '--set' sets 'policy.throttleThreshold' twice; give each path once with all its "
        + "values."
    ),
    (
      ["--set", "deployments.prdo.tokensPerMinute=1k"],
      "option '--set' has an invalid path: the path 'deployments.prdo.tokensPerMinute' names no "
        + "deployment 'prdo' in 'deployments'. Did you mean 'prod'?"
    ),
    (
      ["--deployment", "prdo"],
      "option '--deployment' names no deployment of the model: 'prdo'. Did you mean 'prod'?"
    ),
    (
      ["--shard", "4/3"],
      "option '--shard' needs K/N with whole numbers 1 ≤ K ≤ N ≤ 100000, such as 2/3, but found "
        + "'4/3'."
    ),
    (
      ["--replications", "0"],
      "option '--replications' needs a whole number from 1 to 1048576, but found '0'."
    ),
    (
      ["--seed", "5", "--set", "seed=1,2"],
      "option '--seed' replaces the seed at every sweep point, so the sweep axis 'seed' would "
        + "have no effect; remove --seed or the axis."
    ),
    (
      ["--months", "1", "--set", "horizonDays=1,2"],
      "option '--months' replaces the horizon at every sweep point, so the sweep axis "
        + "'horizonDays' would have no effect; remove --months or the axis."
    ),
    (["--jobs", "0"], "option '--jobs' needs a whole number from 1 to 1024, but found '0'."),
    (
      ["--format", "xml"],
      "option '--format' needs one of table, json, csv, markdown, but found 'xml'."
    ),
  ]

  @Test(arguments: sweepErrors)
  func sweepUsageError(options: [String], message: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    #expect(
      tool.run(["sweep", model.path] + options)
        == CommandResult(standardError: "Error: \(message)\n" + Self.sweepUsage, status: .usage))
  }

  @Test func sweepPointWithInvalidValueNamesSettingAndPath() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    #expect(
      tool.run(["sweep", model.path, "--set", "workloads.chat.maxTokens=100,0"])
        == CommandResult(
          standardError: "Error: the sweep point policy.throttleThreshold=0.8, "
            + "workloads.chat.maxTokens=0 gives an invalid model.\n"
            + "Error: \(model.path): workloads[0].maxTokens: must be a positive whole number of "
            + "tokens (found 0). Set maxTokens to at least 1, or remove it to leave max_tokens "
            + "unset.\n" + Self.sweepUsage,
          status: .usage))
  }

  static let runErrors: [([String], String)] = [
    (["--shard", "1/2"], "option '--shard' needs '--replications'."),
    (["--jobs", "2"], "option '--jobs' needs '--replications'."),
    (["--trace-limit", "10"], "option '--trace-limit' needs '--trace FILE'."),
    (
      ["--replications", "2", "--trace", "decisions.jsonl"],
      "option '--trace' applies to a single run; leave out '--replications'."
    ),
    (
      ["--replications", "2", "--timing"],
      "option '--timing' applies to a single run; leave out '--replications'."
    ),
    (
      ["--replications", "2", "--shard", "0/2"],
      "option '--shard' needs K/N with whole numbers 1 ≤ K ≤ N ≤ 100000, such as 2/3, but found "
        + "'0/2'."
    ),
  ]

  @Test(arguments: runErrors)
  func runUsageError(options: [String], message: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    #expect(
      tool.run(["run", model.path] + options)
        == CommandResult(standardError: "Error: \(message)\n" + Self.runUsage, status: .usage))
  }

  static let planErrors: [([String], String)] = [
    ([], "missing option '--deployment NAME'."),
    (
      ["--deployment", "prdo"],
      "option '--deployment' names no deployment of the model: 'prdo'. Did you mean 'prod'?"
    ),
    (
      ["--deployment", "prod", "--quantity", "tpm"],
      "option '--quantity' needs monthlyTokenQuota or tokensPerMinute, but found 'tpm'."
    ),
    (
      ["--deployment", "prod", "--quantity", "tokensPerMinute", "--step", "5k"],
      "option '--step' applies to monthlyTokenQuota only; TPM is bought in steps of 1,000."
    ),
    (
      ["--deployment", "prod", "--max-drop-rate", "5%"],
      "option '--max-drop-rate' needs a fraction from 0 to 1, such as 0.05, but found '5%'."
    ),
    (
      ["--deployment", "prod", "--step", "1.5"],
      "option '--step' needs a positive whole number of tokens, with an optional suffix k, M or "
        + "G such as 5M, but found '1.5'."
    ),
    (
      ["--deployment", "prod", "--replications", "1"],
      "option '--replications' needs at least 2 for a plan, because the targets are checked "
        + "against confidence intervals, but found '1'."
    ),
    (
      ["--deployment", "prod", "--step", "1M", "--ceiling", "500k"],
      "option '--ceiling' needs at least one step of 1,000,000, but found '500,000'."
    ),
  ]

  @Test(arguments: planErrors)
  func planUsageError(options: [String], message: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    #expect(
      tool.run(["plan", model.path] + options)
        == CommandResult(standardError: "Error: \(message)\n" + Self.planUsage, status: .usage))
  }

  @Test func mergeWithoutFilesIsUsageError() {
    #expect(
      tool.run(["merge"])
        == CommandResult(
          standardError: "Error: missing argument FILE.\n"
            + "Usage: quotasim merge [options] FILE...\nSee 'quotasim --help'.\n",
          status: .usage))
  }

  @Test func progressLineFormatsDurations() {
    #expect(ProgressLine.format(.seconds(42)) == "42 s")
    #expect(ProgressLine.format(.seconds(185)) == "3 min 05 s")
    #expect(ProgressLine.format(.seconds(7_620)) == "2 h 07 min")
  }

  @Test func progressLineReportsDoneAndTotal() {
    let lines = LineCollector()
    let context = CommandContext(updateStatus: { lines.append($0) })
    let progress = ProgressLine(label: "sweep", total: 2, context: context, quiet: false)
    progress.advance()
    progress.advance()
    progress.finish()
    let seen = lines.lines
    #expect(seen.first == "sweep: 0/2 runs")
    #expect(seen.dropLast().last??.hasPrefix("sweep: 2/2 runs, ") == true)
    #expect(seen.last == .some(nil))
  }

  @Test func quietProgressLineDrawsNothing() {
    let lines = LineCollector()
    let progress = ProgressLine(
      label: "sweep", total: 1, context: CommandContext(updateStatus: { lines.append($0) }),
      quiet: true)
    progress.advance()
    progress.finish()
    #expect(lines.lines.isEmpty)
  }
}

/// Collects status lines from any thread.
final class LineCollector: @unchecked Sendable {
  // @unchecked: `collected` is read and written only while holding `lock`.
  private let lock = Lock()
  private var collected: [String?] = []

  func append(_ line: String?) {
    lock.withLock { collected.append(line) }
  }

  var lines: [String?] { lock.withLock { collected } }
}
