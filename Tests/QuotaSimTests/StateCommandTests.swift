import Foundation
import Testing

@testable import QuotaSim

/// Checks `quotasim record` and `quotasim status`: their output, help and errors, through
/// the built executable or the library's command table.
@Suite struct StateCommandTests {
  static let instant = "2025-03-10T09:00:00Z"

  /// Runs `quotasim` with `arguments` in `folder`.
  private func run(_ arguments: [String], in folder: TemporaryDirectory) throws -> CLIRunResult {
    try CLIRunner.run(arguments, in: folder.url)
  }

  private func status(at instant: String = instant) -> [String] {
    ["status", "--catalog", "catalog.json", "--state", "state.json", "--at", instant]
  }

  private func record(_ extra: [String]) -> [String] {
    ["record", "--catalog", "catalog.json", "--state", "state.json", "--at", Self.instant]
      + extra
  }

  // MARK: - record

  @Test func recordPrintsUsageAndAlerts() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    let first = try run(record(["--deployment", "A", "--tokens", "790000"]), in: folder)
    let second = try run(
      record([
        "--deployment", "A", "--prompt-tokens", "100000", "--completion-tokens", "20000",
      ]), in: folder)

    #expect(first.status == 0)
    #expect(
      first.standardOutput == """
        Recorded 1 record of 790,000 tokens on A.
        A used 790,000 of 1,000,000 tokens in period 2025-03 (79 %).

        """)
    #expect(first.standardError == "")
    #expect(second.status == 0)
    #expect(
      second.standardOutput == """
        Recorded 1 record of 120,000 tokens (100,000 prompt + 20,000 completion) on A.
        A used 910,000 of 1,000,000 tokens in period 2025-03 (91 %).
        Alert: A passed 80.0% of its 2025-03 quota: 910,000 of 1,000,000 tokens used, 90,000 left.
        Alert: A passed 90.0% of its 2025-03 quota: 910,000 of 1,000,000 tokens used, 90,000 left.

        """)
    #expect(second.standardError == "")
  }

  @Test func recordSumsUsageAcrossRuns() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    for tokens in ["1200", "800", "500"] {
      let result = try run(record(["--deployment", "A", "--tokens", tokens]), in: folder)
      #expect(result.status == 0)
    }

    let path = folder.url.appendingPathComponent("state.json").path
    #expect(StateFileFixture.savedUsedTokens(path) == 2_500)
    let result = try run(status(), in: folder)
    #expect(result.standardOutput.contains("A usedTokens 2,500\n"))
  }

  @Test func recordProgressListsEverySave() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let state = folder.url.appendingPathComponent("state.json").path
    let catalog = folder.url.appendingPathComponent("catalog.json").path

    let result = QuotaSimCommandLine.tool.run([
      "record", "--catalog", catalog, "--state", state, "--deployment", "B", "--tokens", "1",
      "--count", "3", "--progress", "--at", Self.instant,
    ])

    #expect(result.status == .success)
    #expect(
      result.standardOutput == """
        Saved 1 of 3 records; B used 1 tokens.
        Saved 2 of 3 records; B used 2 tokens.
        Saved 3 of 3 records; B used 3 tokens.
        Recorded 3 records of 1 token each on B.
        B used 3 tokens in period 2025-03 (no quota).

        """)
  }

  @Test func recordProgressStreamsBeforeResult() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let state = folder.url.appendingPathComponent("state.json").path
    let catalog = folder.url.appendingPathComponent("catalog.json").path
    let streamed = MemoryLogSink()
    let context = CommandContext(streamOutput: { text in
      streamed.log(.info, text, metadata: [:])
    })

    let result = QuotaSimCommandLine.tool.run(
      [
        "record", "--catalog", catalog, "--state", state, "--deployment", "A", "--tokens", "5",
        "--count", "2", "--progress", "--at", Self.instant,
      ], context: context)

    #expect(
      streamed.entries.map(\.message) == [
        "Saved 1 of 2 records; A used 5 tokens.\n", "Saved 2 of 2 records; A used 10 tokens.\n",
      ])
    #expect(
      result.standardOutput == """
        Recorded 2 records of 5 tokens each on A.
        A used 10 of 1,000,000 tokens in period 2025-03 (0 %).

        """)
  }

  static let usageErrors: [([String], String)] = [
    (
      ["--deployment", "a", "--tokens", "1"],
      "unknown deployment 'a'; the catalog defines: A, B. Did you mean 'A'?"
    ),
    (
      ["--deployment", "Zed", "--tokens", "1"],
      "unknown deployment 'Zed'; the catalog defines: A, B."
    ),
    (["--tokens", "1"], "missing option '--deployment NAME'."),
    (
      ["--deployment", "A"],
      "missing token count; give --tokens N, or --prompt-tokens N with --completion-tokens N."
    ),
    (
      ["--deployment", "A", "--prompt-tokens", "5"],
      "options '--prompt-tokens' and '--completion-tokens' go together; give --tokens N, or "
        + "--prompt-tokens N with --completion-tokens N."
    ),
    (
      ["--deployment", "A", "--tokens", "5", "--completion-tokens", "5"],
      "option '--tokens' cannot be combined with '--prompt-tokens' or '--completion-tokens'; "
        + "give --tokens N, or --prompt-tokens N with --completion-tokens N."
    ),
    (
      ["--deployment", "A", "--tokens", "+5"],
      "invalid value '+5' for '--tokens'; expected a whole number from 0 to 9223372036854775807."
    ),
    (
      ["--deployment", "A", "--tokens", "1", "--count", "0"],
      "invalid value '0' for '--count'; expected a whole number from 1 to 9223372036854775807."
    ),
    (
      ["--deployment", "A", "--tokens", "1", "--count", "1e3"],
      "invalid value '1e3' for '--count'; expected a whole number from 1 to 9223372036854775807."
    ),
  ]

  @Test(arguments: usageErrors)
  func recordRejectsWithMessage(extra: [String], message: String) throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let catalog = folder.url.appendingPathComponent("catalog.json").path
    let state = folder.url.appendingPathComponent("state.json").path

    let result = QuotaSimCommandLine.tool.run(
      ["record", "--catalog", catalog, "--state", state] + extra)

    #expect(result.status == .usage)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError == """
        Error: \(message)
        Usage: quotasim record --catalog FILE --state FILE --deployment NAME
          (--tokens N | --prompt-tokens N --completion-tokens N) [options]
        See 'quotasim --help'.

        """)
    #expect(!FileManager.default.fileExists(atPath: state))
  }

  @Test func recordWithBadCatalogListsItsProblems() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(#"{"deployments": [{"name": "A", "model": "gpt-4o"}]}"#, to: "catalog.json")

    let result = try run(record(["--deployment", "A", "--tokens", "1"]), in: folder)

    #expect(result.status == 64)
    #expect(result.standardError.hasPrefix("Error: catalog.json: deployments[0]"))
    #expect(result.standardError.contains("tokensPerMinute"))
    #expect(!FileManager.default.fileExists(atPath: folder.url.path + "/state.json"))
  }

  @Test func recordWithInvalidInstantIsUsageError() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    let result = try run(
      [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--deployment", "A",
        "--tokens", "1", "--at", "2025-03-10 09:00",
      ], in: folder)

    #expect(result.status == 64)
    #expect(
      result.standardError.hasPrefix(
        "Error: invalid instant '2025-03-10 09:00' for '--at'; expected ISO 8601 with a zone, "
          + "such as 2025-03-11T09:00:00Z.\n"))
  }

  @Test func recordIntoMissingFolderFails() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    let result = try run(
      [
        "record", "--catalog", "catalog.json", "--state", "missing/state.json", "--deployment",
        "A", "--tokens", "5", "--count", "3",
      ], in: folder)

    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError == "Error: Cannot save state file 'missing/state.json': opening the "
        + "lock file 'missing/state.json.lock' failed: No such file or directory (errno 2). "
        + "Saved 0 of 3 records before the failure; the rest were not recorded.\n")
    #expect(StateFileFixture.listing(folder.url.path) == ["catalog.json"])
  }

  // MARK: - Damaged state files

  /// A damaged state file: its name in the table and its bytes.
  struct DamagedContent: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var message: String
    var testDescription: String { name }
  }

  static let damagedFiles = [
    DamagedContent(
      name: "truncated",
      text: #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":8123"#,
      message: "State file 'state.json' is truncated: its JSON ends after 69 bytes, before the "
        + "document is complete."),
    DamagedContent(
      name: "trailing junk", text: "{\"version\":1,\"deployments\":{}}\n\"\n}\n",
      message: "State file 'state.json' has unexpected data after the JSON document, at byte 31."),
    DamagedContent(
      name: "empty", text: "",
      message: "State file 'state.json' is empty; a valid file holds at least "
        + "{\"version\":1,\"deployments\":{}}."),
  ]

  static let damageAdvice =
    " The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, "
    + "which keeps it as 'state.json.corrupt-<UTC time>'.\n"

  @Test(arguments: damagedFiles)
  func recordIntoDamagedFileFails(_ damaged: DamagedContent) throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let state = try folder.write(damaged.text, to: "state.json")

    let result = try run(record(["--deployment", "A", "--tokens", "5"]), in: folder)

    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(result.standardError == "Error: " + damaged.message + Self.damageAdvice)
    #expect(try Data(contentsOf: state) == Data(damaged.text.utf8))
    #expect(StateFileFixture.listing(folder.url.path) == ["catalog.json", "state.json"])
  }

  @Test(arguments: damagedFiles)
  func statusOfDamagedFileFails(_ damaged: DamagedContent) throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let state = try folder.write(damaged.text, to: "state.json")

    let result = try run(status(), in: folder)

    #expect(result.status == 1)
    #expect(result.standardOutput == "")
    #expect(result.standardError == "Error: " + damaged.message + Self.damageAdvice)
    #expect(try Data(contentsOf: state) == Data(damaged.text.utf8))
  }

  @Test(arguments: damagedFiles)
  func resetStateRenamesDamagedFile(_ damaged: DamagedContent) throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    try folder.write(damaged.text, to: "state.json")

    let result = try run(
      record(["--deployment", "A", "--tokens", "5", "--reset-state"]), in: folder)

    let keptAs = "state.json.corrupt-20250310T090000Z"
    #expect(result.status == 0)
    #expect(
      result.standardError == "Warning: state file 'state.json' is damaged, so it was renamed to "
        + "'\(keptAs)' and the tracker starts with no usage.\n")
    #expect(
      StateFileFixture.listing(folder.url.path) == [
        "catalog.json", "state.json", keptAs, "state.json.lock",
      ])
    let kept = try Data(contentsOf: folder.url.appendingPathComponent(keptAs))
    #expect(kept == Data(damaged.text.utf8))
    #expect(StateFileFixture.savedUsedTokens(folder.url.path + "/state.json") == 5)
  }

  // MARK: - status

  @Test func statusShowsBlockedUntilAfterSavedBlock() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let path = folder.url.appendingPathComponent("state.json").path
    let loaded = try DeploymentCatalog.load(
      contentsOf: folder.url.appendingPathComponent("catalog.json"))
    let clock = ManualClock("2025-03-10T09:00:00Z")
    let tracker = try QuotaTracker.open(
      catalog: loaded.catalog, policy: loaded.policy, clock: clock,
      stateFile: TrackerStateFile(path: path), mode: .manual)
    tracker.record(TokenUsage(totalTokens: 1_200), for: DeploymentID(0))
    tracker.block(DeploymentID(0), until: Instant(iso8601: "2025-03-11T09:00:00Z")!)
    try tracker.save()

    let during = try run(status(at: "2025-03-10T09:00:01Z"), in: folder)
    let after = try run(status(at: "2025-03-11T09:00:00Z"), in: folder)

    #expect(during.status == 0)
    #expect(during.standardError == "")
    #expect(
      during.standardOutput == """
        A period 2025-03 (2025-03-01T00:00:00Z to 2025-04-01T00:00:00Z)
        A usedTokens 1,200
        A quota 1,000,000 tokens per month
        A usedPercent 0.1 %
        A reservedTokens 0
        A alerts none
        A throttled no
        A blockedUntil 2025-03-11T09:00:00Z
        A accessDenied no
        A history none

        B period 2025-03 (2025-03-01T00:00:00Z to 2025-04-01T00:00:00Z)
        B usedTokens 0
        B quota none
        B usedPercent none
        B reservedTokens 0
        B alerts none
        B throttled no
        B accessDenied no
        B history none

        """)
    #expect(after.status == 0)
    #expect(!after.standardOutput.contains("blockedUntil"))
  }

  @Test func statusAppliesCatalogQuotaAndNotesSavedOne() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let saved = #"""
      {"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":600000,"quotaAtLastSave":500000}}}
      """#
    let state = try folder.write(saved, to: "state.json")

    let result = try run(status(), in: folder)

    #expect(result.status == 0)
    #expect(
      result.standardError == "Notice: Saved quota differs from the catalog; the catalog's "
        + "quota applies. (catalogQuota: 1000000, deployment: A, file: state.json, "
        + "savedQuota: 500000)\n")
    #expect(result.standardOutput.contains("A usedPercent 60 %\n"))
    #expect(result.standardOutput.contains("A alerts none\n"))
    #expect(result.standardOutput.contains("A throttled no\n"))
    #expect(try Data(contentsOf: state) == Data(saved.utf8))
  }

  @Test func statusListsAlertsThrottleAndHistory() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let saved = #"""
      {"version": 1, "deployments": {"A": {
        "period": "2025-03", "usedTokens": 960000, "promptTokens": 900000,
        "completionTokens": 60000, "throttleStartedAt": "2025-03-09T12:00:00Z",
        "alertsSent": [
          {"thresholdPartsPerMillion": 800000, "at": "2025-03-05T08:00:00Z", "usedTokens": 800000},
          {"thresholdPartsPerMillion": 900000, "at": "2025-03-07T10:30:00Z", "usedTokens": 900100}
        ],
        "exhaustedUntil": "2025-03-12T00:00:00Z", "accessDenied": false,
        "history": [{"period": "2025-01", "totalTokens": 400000},
                    {"period": "2025-02", "totalTokens": 1000000}]}}}
      """#
    try folder.write(saved, to: "state.json")

    let result = try run(status(), in: folder)

    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput.hasPrefix(
        """
        A period 2025-03 (2025-03-01T00:00:00Z to 2025-04-01T00:00:00Z)
        A usedTokens 960,000 (900,000 prompt + 60,000 completion)
        A quota 1,000,000 tokens per month
        A usedPercent 96 %
        A reservedTokens 0
        A alerts 80 % at 2025-03-05T08:00:00Z, 90 % at 2025-03-07T10:30:00Z
        A throttled no
        A throttleStartedAt 2025-03-09T12:00:00Z
        A exhaustedUntil 2025-03-12T00:00:00Z
        A accessDenied no
        A history 2025-01 400,000 tokens
        A history 2025-02 1,000,000 tokens

        B period 2025-03
        """))
  }

  @Test func statusShowsThrottleAboveThreshold() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    try folder.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":950000}}}"#,
      to: "state.json")

    let result = try run(status(), in: folder)

    #expect(result.standardOutput.contains("A throttled yes\n"))
  }

  @Test func statusOfMissingFileShowsNoUsage() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }

    let result = try run(status(), in: folder)

    #expect(result.status == 0)
    #expect(
      result.standardError
        == "Notice: state file 'state.json' does not exist yet, so no usage is recorded.\n")
    #expect(result.standardOutput.contains("A usedTokens 0\n"))
    #expect(StateFileFixture.listing(folder.url.path) == ["catalog.json"])
  }

  @Test func statusWithoutStateIsUsageError() {
    let result = QuotaSimCommandLine.tool.run(["status", "--catalog", "catalog.json"])

    #expect(result.status == .usage)
    #expect(
      result.standardError == """
        Error: missing option '--state FILE'.
        Usage: quotasim status --catalog FILE --state FILE [options]
        See 'quotasim --help'.

        """)
  }

  // MARK: - Help

  @Test func helpRecordPrintsExactText() throws {
    let result = try CLIRunner.run(["help", "record"])

    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(result.standardOutput == Self.recordHelp)
  }

  @Test func helpStatusPrintsExactText() throws {
    let result = try CLIRunner.run(["help", "status"])

    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(result.standardOutput == Self.statusHelp)
  }

  static let recordHelp = """
    Charge token usage to a deployment in a tracker state file that several
    processes may share.

    Usage: quotasim record --catalog FILE --state FILE --deployment NAME
      (--tokens N | --prompt-tokens N --completion-tokens N) [options]

    Options:
      --catalog FILE         Path of the deployment catalog (JSON, comments and
                             trailing commas allowed); quotas, alert thresholds and
                             the throttle threshold come from it. Required.
      --state FILE           Path of the tracker state file (JSON) with the saved
                             usage; writers lock FILE.lock next to it. Required.
      --deployment NAME      Name of the deployment to charge, as the catalog
                             defines it. Required.
      --tokens N             Total tokens of one record, as Azure's
                             usage.total_tokens reports them. Give this, or
                             --prompt-tokens and --completion-tokens.
      --prompt-tokens N      Prompt tokens of one record; needs --completion-tokens,
                             and the total is their sum.
      --completion-tokens N  Completion tokens of one record; needs --prompt-tokens.
      --count N              Number of records to charge, each saved before the
                             next. Default: 1.
      --reset-state          If the state file is damaged (empty, truncated,
                             malformed or of a newer version), rename it to
                             FILE.corrupt-<UTC time> and start with no usage.
      --progress             After each saved record, print a line with the records
                             saved so far and the deployment's used tokens.
      --at ISO8601           The current instant for the command, with a zone, such
                             as 2025-03-11T09:00:00Z; it selects the quota period
                             and is the time of any alert fired. Default: the system
                             clock.
      -h, --help             Show this help.

    Each record is written through to the state file before the next one starts: the
    writer locks FILE.lock, adds its usage to the totals in the file, writes a
    temporary file, syncs it and renames it over FILE. Several processes may record
    into one file at once and no count is lost, and a process that is killed loses
    only the record it was saving.

    Prints the deployment's usage and percentage of its quota after the last record,
    then the text of every alert the records fired. The exit status is 0 on success,
    64 for an invalid command line or catalog, and 1 when the state file is damaged
    or cannot be read or written; a damaged file is left unchanged unless
    --reset-state is given.

    """

  static let statusHelp = """
    Show each deployment's usage, alerts, throttle, blocks and closed periods from a
    tracker state file.

    Usage: quotasim status --catalog FILE --state FILE [options]

    Options:
      --catalog FILE  Path of the deployment catalog (JSON, comments and trailing
                      commas allowed); quotas, alert thresholds and the throttle
                      threshold come from it. Required.
      --state FILE    Path of the tracker state file (JSON) with the saved usage;
                      writers lock FILE.lock next to it. Required.
      --at ISO8601    The current instant for the command, with a zone, such as
                      2025-03-11T09:00:00Z; it selects the quota period and which
                      blocks and exhaustions have ended. Default: the system clock.
      -h, --help      Show this help.

    Each line reads '<deployment> <field> <value>', such as 'A blockedUntil
    2025-03-11T09:00:00Z', so scripts can select lines with grep. The fields are
    period, usedTokens, quota, usedPercent, reservedTokens (always 0, because
    reservations live only in a running client), alerts, throttled,
    throttleStartedAt, blockedUntil, exhaustedUntil, accessDenied and history (one
    line per closed period); throttleStartedAt, blockedUntil and exhaustedUntil
    appear only when set.

    Limits come from the catalog, never from the state file; a quota that differs
    from the one saved in the file is reported on standard error. The file is only
    read, never changed or locked. The exit status is 0 on success, 64 for an
    invalid command line or catalog, and 1 when the state file is damaged or cannot
    be read.

    """
}
