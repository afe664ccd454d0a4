import Foundation
import Testing

@testable import QuotaSim

/// Saves a tracker state file onto a full disk and into a read-only folder, and kills writers
/// while others write, to check that every failure is reported and no completed save is lost.
///
/// The disk and the folder are a small tmpfs, mounted for each test, so the faults are real
/// system-call failures even for root. Those tests are skipped where mounting is not allowed.
@Suite struct PersistenceFaultTests {
  static let instant = "2025-03-10T09:00:00Z"
  private static let a = StateFileFixture.a

  // MARK: - Full disk

  @Test(.enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
  func fullDiskKeepsSavedFileAndUnsavedUsage() throws {
    let disk = try TmpfsMount(sizeKilobytes: 64)
    let path = disk.path + "/state.json"
    let tracker = try StateFileFixture.open(path, clock: ManualClock(Self.instant))
    tracker.record(TokenUsage(promptTokens: 100), for: Self.a)
    try tracker.save()
    let savedBytes = StateFileFixture.bytes(path)

    disk.fill("filler")
    tracker.record(TokenUsage(promptTokens: 20), for: Self.a)
    let error = #expect(throws: TrackerStateError.self) { try tracker.save() }
    let bytesAfterFailure = StateFileFixture.bytes(path)
    let listingAfterFailure = StateFileFixture.listing(disk.path)
    unlink(disk.path + "/filler")
    try tracker.save()

    guard case .saveFailed(let failedPath, let step, let reason) = error else {
      Issue.record("expected a failed save, got \(String(describing: error))")
      return
    }
    #expect(failedPath == path)
    #expect(step.hasPrefix("writing '\(disk.path)/.state.json.tmp-"))
    #expect(reason == systemErrorText(ENOSPC))
    #expect(bytesAfterFailure == savedBytes)
    #expect(listingAfterFailure == ["filler", "state.json", "state.json.lock"])
    #expect(tracker.usage(of: Self.a).totalTokens == 120)
    #expect(StateFileFixture.savedUsedTokens(path) == 120)
  }

  @Test(.enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
  func fullDiskRecordFailsAndKeepsCompletedRecords() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let disk = try TmpfsMount(sizeKilobytes: 64)
    let state = disk.path + "/state.json"
    func record(count: Int) throws -> CLIRunResult {
      try CLIRunner.run(
        [
          "record", "--catalog", "catalog.json", "--state", state, "--deployment", "A",
          "--tokens", "5", "--count", "\(count)", "--at", Self.instant,
        ], in: folder.url)
    }

    let first = try record(count: 3)
    disk.fill("filler")
    let full = try record(count: 4)
    let usageWhileFull = StateFileFixture.savedUsedTokens(state)
    unlink(disk.path + "/filler")
    let last = try record(count: 1)

    #expect(first.status == 0)
    #expect(full.status == 1)
    #expect(full.standardOutput == "")
    #expect(
      full.standardError.hasPrefix(
        "Error: Cannot save state file '\(state)': writing '\(disk.path)/.state.json.tmp-"))
    #expect(
      full.standardError.hasSuffix(
        "' failed: No space left on device (errno 28). Saved 0 of 4 records before the "
          + "failure; the rest were not recorded.\n"))
    #expect(usageWhileFull == 15)
    #expect(last.status == 0)
    #expect(StateFileFixture.savedUsedTokens(state) == 20)
    #expect(StateFileFixture.listing(disk.path) == ["state.json", "state.json.lock"])
  }

  // MARK: - Read-only folder

  @Test(.enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
  func readOnlyFolderKeepsUsageUntilWritable() throws {
    let disk = try TmpfsMount(sizeKilobytes: 64)
    let path = disk.path + "/state.json"
    let tracker = try StateFileFixture.open(path, clock: ManualClock(Self.instant))
    tracker.record(TokenUsage(promptTokens: 100), for: Self.a)
    try tracker.save()
    let savedBytes = StateFileFixture.bytes(path)

    try disk.remount(readOnly: true)
    tracker.record(TokenUsage(promptTokens: 20), for: Self.a)
    let error = #expect(throws: TrackerStateError.self) { try tracker.save() }
    let reopened = try StateFileFixture.open(path, clock: ManualClock(Self.instant))
    let bytesWhileReadOnly = StateFileFixture.bytes(path)
    try disk.remount(readOnly: false)
    try tracker.save()

    #expect(
      error
        == .saveFailed(
          path: path, step: "opening the lock file '\(path).lock'",
          reason: systemErrorText(EROFS)))
    #expect(reopened.usage(of: Self.a).totalTokens == 100)
    #expect(bytesWhileReadOnly == savedBytes)
    #expect(tracker.usage(of: Self.a).totalTokens == 120)
    #expect(StateFileFixture.savedUsedTokens(path) == 120)
  }

  @Test(.enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
  func readOnlyFolderFailsRecordButNotStatus() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let disk = try TmpfsMount(sizeKilobytes: 64)
    let state = disk.path + "/state.json"
    let recordArguments = [
      "record", "--catalog", "catalog.json", "--state", state, "--deployment", "A", "--tokens",
      "7", "--count", "2", "--at", Self.instant,
    ]

    let first = try CLIRunner.run(recordArguments, in: folder.url)
    try disk.remount(readOnly: true)
    let refused = try CLIRunner.run(recordArguments, in: folder.url)
    let status = try CLIRunner.run(
      ["status", "--catalog", "catalog.json", "--state", state, "--at", Self.instant],
      in: folder.url)

    #expect(first.status == 0)
    #expect(refused.status == 1)
    #expect(refused.standardOutput == "")
    #expect(
      refused.standardError
        == "Error: Cannot save state file '\(state)': opening the lock file '\(state).lock' "
        + "failed: Read-only file system (errno 30). Saved 0 of 2 records before the failure; "
        + "the rest were not recorded.\n")
    #expect(status.status == 0)
    #expect(status.standardError == "")
    #expect(status.standardOutput.contains("A usedTokens 14\n"))
  }

  // MARK: - Concurrent and killed writers

  /// Four writers record 5,000 one-token records each while ten more writers are killed one
  /// after another at random points. The file must end with the 20,000 records plus what each
  /// killed writer had saved: at least the count it last printed, and at most one more (the
  /// record whose save it was inside).
  @Test func killedWritersAmongFourLoseNoCount() throws {
    let folder = try StateProcessFixture.folder()
    defer { folder.remove() }
    let seed: UInt64 = 20_251_204
    var random = SplitMix64(seed: seed)
    let statePath = folder.url.appendingPathComponent("state.json").path

    let writers = try (0..<4).map { _ in
      try SpawnedCLI(StateProcessFixture.record(count: 5_000, at: Self.instant), in: folder.url)
    }
    var printedByKilled: Int64 = 0
    var killed = 0
    for _ in 0..<10 {
      let victim = try SpawnedCLI(
        StateProcessFixture.record(count: 1_000_000, at: Self.instant) + ["--progress"],
        in: folder.url)
      victim.waitForOutput(limitSeconds: 30)
      usleep(UInt32(random.next() % 50_000))
      victim.send(SIGKILL)
      victim.waitUntilExit()
      if victim.wasKilledBySignal { killed += 1 }
      printedByKilled += StateProcessFixture.lastSavedRecordCount(victim.standardOutput) ?? 0
    }
    for writer in writers { writer.waitUntilExit() }
    let loaded = try StateProcessFixture.loadedUsage(statePath, at: Self.instant)

    #expect(killed == 10, "seed \(seed)")
    for (index, writer) in writers.enumerated() {
      #expect(writer.terminationStatus == 0, "writer \(index): \(writer.standardError)")
    }
    #expect(loaded >= 20_000 + printedByKilled, "seed \(seed), loaded \(loaded)")
    #expect(loaded <= 20_000 + printedByKilled + 10, "seed \(seed), loaded \(loaded)")
  }
}
