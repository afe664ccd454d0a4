import Foundation
import Testing

@testable import QuotaSim

@Suite struct TrackerStateFileTests {
  typealias Fixture = StateFileFixture

  // MARK: - Format and round trip

  @Test func savedFileHasSortedKeysAndExactValues() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00.000123Z")
    let tracker = try Fixture.open(path, clock: clock)

    tracker.record(
      TokenUsage(promptTokens: 800_000, completionTokens: 1_200, cachedTokens: 300),
      for: Fixture.a)
    try tracker.save()

    let expected = """
      {
        "deployments" : {
          "A" : {
            "accessDenied" : false,
            "actualTokensOfEstimates" : 0,
            "alertsSent" : [
              {
                "at" : "2025-03-11T09:00:00.000123Z",
                "thresholdPartsPerMillion" : 800000,
                "usedTokens" : 801200
              }
            ],
            "cachedTokens" : 300,
            "completionTokens" : 1200,
            "estimatedTokens" : 0,
            "exhaustionEvents" : 0,
            "history" : [

            ],
            "period" : "2025-03",
            "promptTokens" : 800000,
            "quotaAtLastSave" : 1000000,
            "reasoningTokens" : 0,
            "usageIncludesEstimates" : false,
            "usedTokens" : 801200
          }
        },
        "version" : 1
      }

      """
    #expect(String(decoding: Fixture.bytes(path) ?? [], as: UTF8.self) == expected)
  }

  @Test func roundTripRestoresEveryField() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-02-20T10:00:00.000001Z")
    let tracker = try Fixture.open(path, clock: clock)

    tracker.record(TokenUsage(promptTokens: 200, completionTokens: 100), for: Fixture.a)
    clock.set(to: "2025-03-11T09:00:00.250001Z")
    tracker.record(
      TokenUsage(
        promptTokens: 700_000, completionTokens: 110_000, cachedTokens: 5_000,
        reasoningTokens: 2_000), for: Fixture.a)
    clock.advance(by: .microseconds(7))
    tracker.record(TokenUsage(promptTokens: 100_000), for: Fixture.a)
    guard case .admitted(let unreported) = tracker.reserve(1_000, on: Fixture.a),
      case .admitted(let reported) = tracker.reserve(500, on: Fixture.a)
    else {
      Issue.record("A refused a request below the throttle threshold")
      return
    }
    tracker.complete(unreported, usage: nil)
    tracker.complete(reported, usage: TokenUsage(promptTokens: 300, completionTokens: 100))
    tracker.record(TokenUsage(promptTokens: 40_000), for: Fixture.a)
    #expect(tracker.reserve(10, on: Fixture.a) == .throttled)
    tracker.markExhausted(Fixture.a, until: Instant(iso8601: "2025-03-12T00:00:00.5Z"))
    tracker.block(Fixture.a, until: Instant(iso8601: "2025-03-11T10:00:00Z")!)
    tracker.record(TokenUsage(promptTokens: 10), for: Fixture.b)
    tracker.markAccessDenied(Fixture.b)
    try tracker.save()
    let firstBytes = Fixture.bytes(path)

    let reloaded = try Fixture.open(path, clock: clock)
    try reloaded.save()

    #expect(reloaded.statuses() == tracker.statuses())
    #expect(
      reloaded.status(of: Fixture.a).history == [PeriodUsage(period: "2025-02", totalTokens: 300)])
    #expect(reloaded.status(of: Fixture.a).usage.isEstimated)
    #expect(reloaded.status(of: Fixture.a).exhaustionEvents == 1)
    #expect(Fixture.bytes(path) == firstBytes)
  }

  @Test func missingFileMeansNoUsage() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let tracker = try Fixture.open(
      folder + "/state.json", clock: ManualClock("2025-03-11T09:00:00Z"))

    #expect(tracker.usage(of: Fixture.a) == .zero)
    #expect(Fixture.listing(folder) == [])
  }

  @Test func handWrittenEntryNeedsOnlyPeriodAndUsedTokens() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":8123}}}"#, to: path)

    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))

    #expect(tracker.usage(of: Fixture.a) == TokenUsage(totalTokens: 8_123))
  }

  // MARK: - Write-through and flush

  @Test func writeThroughSurvivesDroppedTracker() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")

    do {
      let tracker = try Fixture.open(path, clock: clock, mode: .writeThrough)
      tracker.record(TokenUsage(promptTokens: 1_200), for: Fixture.a)
      clock.advance(by: .seconds(1))
      tracker.record(TokenUsage(promptTokens: 800), for: Fixture.a)
      clock.advance(by: .seconds(1))
      tracker.record(TokenUsage(promptTokens: 500), for: Fixture.a)
    }
    let restarted = try Fixture.open(path, clock: clock)

    #expect(restarted.usage(of: Fixture.a).totalTokens == 2_500)
  }

  @Test func manualModeWritesOnlyOnSaveOrFlush() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))

    try tracker.flush()
    let afterEmptyFlush = Fixture.listing(folder)
    tracker.record(TokenUsage(promptTokens: 70), for: Fixture.a)
    let afterRecord = Fixture.listing(folder)
    try tracker.flush()

    #expect(afterEmptyFlush == [])
    #expect(afterRecord == [])
    #expect(Fixture.savedUsedTokens(path) == 70)
    #expect(Fixture.listing(folder) == ["state.json", "state.json.lock"])
  }

  // MARK: - Damaged files

  struct DamagedFile: Sendable, CustomTestStringConvertible {
    var name: String
    var contents: String
    var expected: @Sendable (String) -> TrackerStateError
    var testDescription: String { name }
  }

  static let damagedFiles: [DamagedFile] = [
    DamagedFile(
      name: "truncated",
      contents: #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":8123"#,
      expected: { .truncated(path: $0, byteCount: 69) }),
    DamagedFile(
      name: "trailing junk", contents: "{\"version\":1,\"deployments\":{}}\n\"\n}",
      expected: { .trailingData(path: $0, offset: 31) }),
    DamagedFile(name: "empty", contents: "", expected: { .empty(path: $0) }),
    DamagedFile(name: "white space only", contents: " \n\t", expected: { .empty(path: $0) }),
    DamagedFile(
      name: "newer version", contents: #"{"version":2,"deployments":{"A":{"usage":[]}}}"#,
      expected: { .newerVersion(path: $0, version: 2, supportedVersion: 1) }),
    DamagedFile(
      name: "not an object", contents: "[1, 2]",
      expected: { .malformed(path: $0, location: "(root)", problem: "expected a JSON object") }),
    DamagedFile(
      name: "missing version", contents: #"{"deployments":{}}"#,
      expected: { .malformed(path: $0, location: "version", problem: "missing key 'version'") }),
    DamagedFile(
      name: "negative count",
      contents: #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":-5}}}"#,
      expected: {
        .malformed(
          path: $0, location: "deployments.A.usedTokens",
          problem: "count -5 is negative; expected 0 or more")
      }),
  ]

  @Test(arguments: damagedFiles)
  func damagedFileFailsLoadAndStaysUnchanged(_ damaged: DamagedFile) throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(damaged.contents, to: path)

    let error = #expect(throws: TrackerStateError.self) {
      try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    }

    #expect(error == damaged.expected(path))
    #expect(error?.description.contains("'\(path)'") == true)
    #expect(error?.description.contains("--reset-state") == true)
    #expect(Fixture.bytes(path) == Array(damaged.contents.utf8))
    #expect(Fixture.listing(folder) == ["state.json"])
  }

  @Test func unknownKeyInEntryIsNamed() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedToken":5}}}"#, to: path)

    let error = #expect(throws: TrackerStateError.self) {
      try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    }

    guard case .malformed(_, let location, let problem) = error else {
      Issue.record("expected a malformed-file error, got \(String(describing: error))")
      return
    }
    #expect(location == "deployments.A.usedToken")
    #expect(problem.hasPrefix("unknown key 'usedToken'"))
  }

  @Test func saveRefusesFileDamagedAfterLoad() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    try tracker.save()
    let junk = "{\"version\":1,\"deployments\":{}}\njunk"
    Fixture.write(junk, to: path)

    tracker.record(TokenUsage(promptTokens: 5), for: Fixture.a)
    let error = #expect(throws: TrackerStateError.self) { try tracker.save() }
    let bytesAfterFailedSave = Fixture.bytes(path)
    try FileManager.default.removeItem(atPath: path)
    try tracker.save()

    #expect(error == .trailingData(path: path, offset: 31))
    #expect(bytesAfterFailedSave == Array(junk.utf8))
    #expect(Fixture.savedUsedTokens(path) == 5)
    #expect(tracker.usage(of: Fixture.a).totalTokens == 5)
  }

  @Test func resetStateRenamesDamagedFileAndStartsEmpty() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let truncated = #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":8123"#
    Fixture.write(truncated, to: path)
    let log = MemoryLogSink()

    let tracker = try Fixture.open(
      path, clock: ManualClock("2025-03-11T09:00:00.250Z"), log: log, ifDamaged: .resetState)
    let listingAfterReset = Fixture.listing(folder)
    tracker.record(TokenUsage(promptTokens: 10), for: Fixture.a)
    try tracker.save()

    #expect(tracker.usage(of: Fixture.a).totalTokens == 10)
    #expect(listingAfterReset == ["state.json.corrupt-20250311T090000Z", "state.json.lock"])
    #expect(Fixture.bytes(path + ".corrupt-20250311T090000Z") == Array(truncated.utf8))
    #expect(log.entries.map(\.message) == ["Damaged state file set aside; starting with no usage."])
    #expect(log.entries.first?.metadata["keptAs"] == path + ".corrupt-20250311T090000Z")
    #expect(Fixture.savedUsedTokens(path) == 10)
  }

  @Test func resetStateLoadsReadableFile() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":42}}}"#, to: path)

    let tracker = try Fixture.open(
      path, clock: ManualClock("2025-03-11T09:00:00Z"), ifDamaged: .resetState)

    #expect(tracker.usage(of: Fixture.a).totalTokens == 42)
    #expect(Fixture.listing(folder) == ["state.json"])
  }

  @Test func resetStateKeepsEarlierCorruptCopies() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")

    Fixture.write("", to: path)
    _ = try Fixture.open(path, clock: clock, ifDamaged: .resetState)
    Fixture.write("{", to: path)
    _ = try Fixture.open(path, clock: clock, ifDamaged: .resetState)

    #expect(
      Fixture.listing(folder) == [
        "state.json.corrupt-20250311T090000Z", "state.json.corrupt-20250311T090000Z-2",
        "state.json.lock",
      ])
  }

  // MARK: - Limits come from the catalog

  @Test func quotaAtLastSaveMismatchLogsOnce() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":600000,"quotaAtLastSave":500000}}}"#,
      to: path)
    let log = MemoryLogSink()

    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"), log: log)
    let status = tracker.status(of: Fixture.a)

    #expect(status.usedPercent == 60)
    #expect(status.alerts == [])
    #expect(status.isThrottled == false)
    #expect(tracker.reserve(1_000, on: Fixture.a) != .throttled)
    #expect(
      log.entries == [
        LogEntry(
          level: .notice,
          message: "Saved quota differs from the catalog; the catalog's quota applies.",
          metadata: [
            "deployment": "A", "savedQuota": "500000", "catalogQuota": "1000000", "file": path,
          ])
      ])
  }

  @Test func unknownDeploymentsAreKeptAndLoggedOnce() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let foreignEntry =
      #"{"owner":"scanner","period":"2025-03","usedTokens":9,"ratio":2.5,"tags":[null,true,"x"]}"#
    Fixture.write(
      #"{"version":1,"deployments":{"Z":"# + foreignEntry
        + #","Y":{},"A":{"period":"2025-03","usedTokens":1}}}"#,
      to: path)
    let log = MemoryLogSink()

    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"), log: log)
    tracker.record(TokenUsage(promptTokens: 4), for: Fixture.a)
    try tracker.save()
    let saved = try JSONDecoder().decode(
      StoredJSONValue.self, from: Data(Fixture.bytes(path) ?? []))
    guard case .object(let root) = saved, case .object(let deployments)? = root["deployments"]
    else {
      Issue.record("the saved file has no deployments object")
      return
    }

    #expect(
      log.entries.map(\.message) == [
        "State file holds deployments the catalog does not define; they are kept."
      ])
    #expect(log.entries.first?.metadata["deployments"] == "Y, Z")
    #expect(
      deployments["Z"]
        == (try JSONDecoder().decode(StoredJSONValue.self, from: Data(foreignEntry.utf8))))
    #expect(deployments["Y"] == .object([:]))
    #expect(Fixture.savedUsedTokens(path) == 5)
  }
}
