import Foundation
import Testing

@testable import QuotaSim

/// `quotasim check`: shipped models against their committed baselines, mistaken policy
/// settings made through a model file, recording baselines, and the exit statuses.
@Suite struct CheckCommandTests {
  static let root = CLIRunner.packageRoot()
  static let baselines = root.appendingPathComponent("baselines").path

  static func check(_ arguments: [String]) -> CommandResult {
    QuotaSimCommandLine.tool.run(["check"] + arguments)
  }

  static func model(_ name: String) -> String {
    root.appendingPathComponent("models/\(name).json").path
  }

  /// Returns the figure names of the table rows in a check's output.
  static func changedFigures(_ output: String) -> [String] {
    output.split(separator: "\n").dropFirst(3).compactMap { line in
      line.split(separator: " ").first.map(String.init)
    }
  }

  @Test func everyShippedModelHasBaseline() throws {
    let folder = Self.root.appendingPathComponent("models")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    var checked = 0
    for file in files where file.hasSuffix(".json") {
      let url = folder.appendingPathComponent(file)
      guard ConfigDocumentKind.detect(try ConfigFile.parse(contentsOf: url)) == .scenario else {
        continue
      }
      let name = try Scenario.load(contentsOf: url).scenario.name
      let baseline = try Baseline.load(
        contentsOf: Baseline.url(forModel: name, in: URL(fileURLWithPath: Self.baselines)))
      #expect(baseline.model == name)
      #expect(baseline.months == nil)
      checked += 1
    }
    #expect(checked == 5)
  }

  @Test func unchangedModelExitsZero() {
    let result = Self.check([Self.model("reference-month"), "--baseline", Self.baselines])
    #expect(result.status == .success)
    #expect(
      result.standardOutput
        == "reference-month: unchanged, 41 figures of seed 1 (\(Self.baselines)/reference-month.json)\n"
    )
  }

  @Test func catalogAmongModelsIsSkippedWithNote() {
    let catalog = Self.model("catalog")
    let result = Self.check([Self.model("reference-month"), catalog, "--baseline", Self.baselines])
    #expect(result.status == .success)
    #expect(
      result.standardOutput
        == "reference-month: unchanged, 41 figures of seed 1 (\(Self.baselines)/reference-month.json)\n"
    )
    #expect(
      result.standardError
        == "Note: skipped \(catalog), a deployment catalog without workloads; check runs "
        + "scenarios.\n")
  }

  @Test func catalogAloneIsUsageError() {
    let result = Self.check([Self.model("catalog"), "--baseline", Self.baselines])
    #expect(result.status == .usage)
    #expect(
      result.standardError.hasPrefix(
        "Error: no scenario among the files given; check runs scenario files.\n"))
  }

  /// Files that parse as JSON but are not valid catalogs, with the start of the error after
  /// the file's path: check must report them instead of skipping them as catalogs.
  static let invalidCatalogTexts: [(text: String, error: String)] = [
    (
      "[1, 2]",
      ": top level: must be an object (found [1, 2]). Write the scenario as a JSON object "
        + "with \"start\", a horizon, \"deployments\" and \"workloads\".\n"
    ),
    ("{}", ": top level: missing required key"),
  ]

  @Test(arguments: invalidCatalogTexts)
  func invalidCatalogIsReportedNotSkipped(text: String, error: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(text, to: "not-a-catalog.json")

    let result = Self.check([
      Self.model("reference-month"), file.path, "--baseline", Self.baselines,
    ])
    #expect(result.status == .usage)
    #expect(result.standardOutput == "")
    #expect(result.standardError.hasPrefix("Error: \(file.path)\(error)"))
    #expect(!result.standardError.contains("Note: skipped"))
  }

  /// A policy setting a user could make by mistake, the shipped model it is made in (by
  /// replacing the text `original` with `mistaken`), and figures it must change.
  struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var model: String
    var original: String
    var mistaken: String
    var verdict: String
    var figures: [String]

    var testDescription: String { name }
  }

  static let mistakes = [
    Mistake(
      name: "throttle at 96 %", model: "fallback-chain",
      original: #""throttleThreshold": 0.95"#, mistaken: #""throttleThreshold": 0.96"#,
      verdict: "fallback-chain: 22 of 90 figures changed, seed 1",
      figures: [
        "deployments.prod.periods[2026-01].attempts",
        "deployments.prod.periods[2026-01].localThrottles",
        "deployments.prod.periods[2026-01].throttleStart",
      ]),
    Mistake(
      name: "retry-after-ms ignored", model: "nightly-scans",
      original: #""policy": {"#, mistaken: #""policy": {"retryDelayRule": "secondsHeaderOnly", "#,
      verdict: "nightly-scans: 21 of 69 figures changed, seed 1",
      figures: [
        "deployments.prod.periods[2026-01].localThrottles",
        "deployments.dev.periods[2026-01].attempts",
        "deployments.dev.periods[2026-01].rateLimited", "latency.p99Seconds",
      ]),
    Mistake(
      name: "403 retried", model: "fallback-chain",
      original: #""policy": {"#, mistaken: #""policy": {"quotaExhaustionAction": "retry", "#,
      verdict: "fallback-chain: 4 of 90 figures changed, seed 1",
      figures: [
        "deployments.prod.periods[2026-01].localThrottles",
        "deployments.secondary.periods[2026-01].attempts",
        "deployments.secondary.periods[2026-01].quotaRefused",
        "deployments.secondary.periods[2026-01].skips",
      ]),
  ]

  @Test(arguments: mistakes)
  func mistakeChangesFigures(mistake: Mistake) throws {
    let text = try String(contentsOfFile: Self.model(mistake.model), encoding: .utf8)
    let changed = text.replacingOccurrences(of: mistake.original, with: mistake.mistaken)
    #expect(changed != text)
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(changed, to: mistake.model + ".json")

    let result = Self.check([file.path, "--baseline", Self.baselines])
    #expect(result.status == .failure)
    #expect(
      result.standardOutput.hasPrefix(
        "\(mistake.verdict) (\(Self.baselines)/\(mistake.model).json)\n"))
    let figures = Self.changedFigures(result.standardOutput)
    for figure in mistake.figures {
      #expect(figures.contains(figure), "\(figure) is not among \(figures)")
    }
  }

  @Test func recordCheckAndUpdateRoundTrip() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = Self.model("reference-month")
    let baselines = folder.url.appendingPathComponent("baselines").path

    let created = Self.check([model, "--baseline", baselines, "--update"])
    #expect(created.status == .success)
    #expect(
      created.standardOutput
        == "reference-month: created \(baselines)/reference-month.json with 41 figures of seed 1\n")
    #expect(Self.check([model, "--baseline", baselines]).status == .success)

    let text = try String(contentsOfFile: model, encoding: .utf8)
      .replacingOccurrences(
        of: #""alertThresholds": [0.80, 0.90]"#, with: #""alertThresholds": [0.70]"#)
    let edited = try folder.write(text, to: "reference-month.json")
    let changed = Self.check([edited.path, "--baseline", baselines])
    #expect(changed.status == .failure)
    #expect(
      Self.changedFigures(changed.standardOutput) == [
        "deployments.gpt-4o-prod.periods[2025-10].alerts[0].at",
        "deployments.gpt-4o-prod.periods[2025-10].alerts[0].thresholdPercent",
      ])

    let updated = Self.check([edited.path, "--baseline", baselines, "--update"])
    #expect(updated.status == .success)
    #expect(
      updated.standardOutput.hasPrefix(
        "reference-month: updated \(baselines)/reference-month.json, 2 of 41 figures changed, "
          + "seed 1\n"))
    #expect(Self.check([edited.path, "--baseline", baselines]).status == .success)
  }

  @Test func recordedMonthsAndSeedAreRerun() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = Self.model("reference-month")
    let recorded = Self.check(
      [model, "--baseline", folder.url.path, "--update", "--months", "1", "--seed", "7"])
    #expect(recorded.status == .success)
    let baseline = try Baseline.load(
      contentsOf: folder.url.appendingPathComponent("reference-month.json"))
    #expect(baseline.months == 1)
    #expect(baseline.runs.map(\.seed) == [7])

    let checked = Self.check([model, "--baseline", folder.url.path])
    #expect(checked.status == .success)
    #expect(checked.standardOutput.hasPrefix("reference-month: unchanged, 41 figures of seed 7"))
  }

  @Test func missingBaselineIsUsageError() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let model = Self.model("reference-month")
    let result = Self.check([model, "--baseline", folder.url.path])
    #expect(result.status == .usage)
    #expect(
      result.standardError == """
        Error: no baseline for model 'reference-month' at '\(folder.url.path)/reference-month.json'; record one with 'quotasim check \(model) --baseline \(folder.url.path) --update'.
        Usage: quotasim check --baseline DIR [options] MODEL...
        See 'quotasim --help'.

        """)
  }

  @Test func seedWithoutUpdateIsUsageError() {
    let result = Self.check([Self.model("reference-month"), "--baseline", "b", "--seed", "2"])
    #expect(result.status == .usage)
    #expect(
      result.standardError.hasPrefix(
        "Error: option '--seed' applies only with '--update'; a check reruns the seeds and "
          + "months its baseline recorded.\n"))
  }

  @Test func missingBaselineOptionIsUsageError() {
    let result = Self.check([Self.model("reference-month")])
    #expect(result.status == .usage)
    #expect(result.standardError.hasPrefix("Error: missing option '--baseline DIR'.\n"))
  }

  @Test func damagedBaselineIsUsageError() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(
      #"{"format": 1, "model": "reference-month", "runs": [{"seed": 1}]}"#,
      to: "reference-month.json")
    let result = Self.check([Self.model("reference-month"), "--baseline", folder.url.path])
    #expect(result.status == .usage)
    #expect(
      result.standardError.hasPrefix(
        "Error: \(folder.url.path)/reference-month.json: runs[0]: missing required key "
          + "'replication'. Record the baseline again with 'quotasim check MODEL --baseline DIR "
          + "--update'.\n"))
  }

  @Test func sameModelTwiceIsUsageError() {
    let model = Self.model("reference-month")
    let result = Self.check([model, model, "--baseline", Self.baselines])
    #expect(result.status == .usage)
    #expect(result.standardError.contains("are both named 'reference-month'"))
  }

  @Test func invalidModelIsUsageError() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("{", to: "broken.json")
    let result = Self.check([file.path, "--baseline", Self.baselines])
    #expect(result.status == .usage)
    #expect(result.standardError.hasPrefix("Error: \(file.path):1:2: invalid JSON:"))
  }
}
