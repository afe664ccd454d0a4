import Foundation
import Testing

@testable import QuotaSim

/// Runs several `quotasim record` processes on one state file, and kills writers mid-run, to
/// check that the shared file loses no saved count and is never left half-written.
@Suite struct StateProcessTests {
  /// The instant every process in these tests acts at.
  static let instant = "2025-03-10T09:00:00Z"

  @Test func fourProcessesLoseNoCount() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    let writers = try (0..<4).map { _ in
      try SpawnedCLI(
        StateProcessFixture.record(count: 5_000, at: Self.instant), in: folder.url)
    }
    for writer in writers { writer.waitUntilExit() }

    for (index, writer) in writers.enumerated() {
      #expect(writer.terminationStatus == 0, "writer \(index): \(writer.standardError)")
      #expect(writer.standardOutput.hasPrefix("Recorded 5,000 records of 1 token each on A.\n"))
    }
    let statePath = folder.url.appendingPathComponent("state.json").path
    #expect(StateFileFixture.savedUsedTokens(statePath) == 20_000)
    let status = try CLIRunner.run(
      ["status", "--catalog", "catalog.json", "--state", "state.json", "--at", Self.instant],
      in: folder.url)
    #expect(status.status == 0)
    #expect(status.standardOutput.contains("A usedTokens 20,000\n"))
  }

  @Test func killedWriterKeepsEverySavedRecord() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let seed: UInt64 = 20_250_310
    var random = SplitMix64(seed: seed)
    let statePath = folder.url.appendingPathComponent("state.json").path
    let trials = 200
    var passed = 0
    var usageBefore: Int64 = 0
    var mostTemporaryFiles = 0

    for trial in 0..<trials {
      let writer = try SpawnedCLI(
        StateProcessFixture.record(count: 1_000_000, at: Self.instant) + ["--progress"],
        in: folder.url)
      writer.waitForOutput(limitSeconds: 30)
      usleep(UInt32(random.next() % 20_000))
      writer.send(SIGKILL)
      writer.waitUntilExit()

      let context = "trial \(trial), seed \(seed)"
      let printed = StateProcessFixture.lastPrintedUsage(writer.standardOutput) ?? usageBefore
      let loaded: Int64
      do {
        loaded = try StateProcessFixture.loadedUsage(statePath, at: Self.instant)
      } catch {
        Issue.record("\(context): the state file does not load: \(error)")
        continue
      }
      #expect(writer.wasKilledBySignal, "\(context)")
      #expect(printed >= usageBefore, "\(context)")
      #expect(loaded >= printed, "\(context): loaded \(loaded), last printed \(printed)")
      #expect(loaded <= printed + 1, "\(context): loaded \(loaded), last printed \(printed)")
      if writer.wasKilledBySignal, loaded >= printed, loaded <= printed + 1 { passed += 1 }
      usageBefore = loaded
      // A writer removes the temporary files that killed writers left, so at most the last
      // one's stays.
      let temporaryFiles = StateFileFixture.listing(folder.url.path).filter {
        $0.hasPrefix(".state.json.tmp-")
      }
      mostTemporaryFiles = max(mostTemporaryFiles, temporaryFiles.count)
    }
    let final = try CLIRunner.run(
      StateProcessFixture.record(count: 1, at: Self.instant), in: folder.url)

    #expect(passed == trials)
    #expect(mostTemporaryFiles <= 1)
    #expect(final.status == 0)
    #expect(try StateProcessFixture.loadedUsage(statePath, at: Self.instant) == usageBefore + 1)
    #expect(
      StateFileFixture.listing(folder.url.path) == [
        "catalog.json", "state.json", "state.json.lock",
      ])
  }
}

/// The catalog, command lines and readers that the process tests share.
enum StateProcessFixture {
  /// A catalog with `A` (1,000,000 tokens a month) and `B` (no quota).
  static let catalog = """
    {"deployments": [
      {"name": "A", "model": "gpt-4o", "tokensPerMinute": 100000,
       "monthlyTokenQuota": 1000000, "fallbacks": ["B"]},
      {"name": "B", "model": "gpt-4o", "tokensPerMinute": 100000}
    ]}
    """

  /// Creates a temporary folder that contains `catalog.json`.
  static func folder() throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    try folder.write(catalog, to: "catalog.json")
    return folder
  }

  /// Returns the arguments of a `record` of `count` one-token records on `A` into
  /// `state.json`.
  static func record(count: Int, at instant: String) -> [String] {
    [
      "record", "--catalog", "catalog.json", "--state", "state.json", "--deployment", "A",
      "--tokens", "1", "--count", "\(count)", "--at", instant,
    ]
  }

  /// Returns the used tokens of the last complete `--progress` line in `output`, such as
  /// 1,234 from `Saved 3 of 1,000,000 records; A used 1,234 tokens.`, or `nil` without one.
  static func lastPrintedUsage(_ output: String) -> Int64? {
    let completeLines = output.split(separator: "\n", omittingEmptySubsequences: false)
      .dropLast()
    guard let line = completeLines.last(where: { $0.hasPrefix("Saved ") }),
      let used = line.split(separator: " ").dropLast().last
    else { return nil }
    return Int64(used.filter { $0 != "," })
  }

  /// Returns the records saved so far according to the last complete `--progress` line in
  /// `output`, such as 3 from `Saved 3 of 1,000,000 records; A used 1,234 tokens.`, or `nil`
  /// without one.
  static func lastSavedRecordCount(_ output: String) -> Int64? {
    let completeLines = output.split(separator: "\n", omittingEmptySubsequences: false)
      .dropLast()
    guard let line = completeLines.last(where: { $0.hasPrefix("Saved ") }) else { return nil }
    let words = line.split(separator: " ")
    return words.count > 1 ? Int64(words[1].filter { $0 != "," }) : nil
  }

  /// Loads the state file at `path` with the fixture catalog and returns `A`'s used tokens.
  ///
  /// - Throws: the load's `TrackerStateError`, or the catalog's `ConfigError`.
  static func loadedUsage(_ path: String, at instant: String) throws -> Int64 {
    let loaded = try DeploymentCatalog.decode(
      try ConfigFile.parse(Array(catalog.utf8), file: "catalog.json"), file: "catalog.json")
    let tracker = try QuotaTracker.open(
      catalog: loaded.catalog, clock: ManualClock(instant),
      stateFile: TrackerStateFile(path: path), mode: .manual)
    return tracker.usage(of: DeploymentID(0)).totalTokens
  }
}
