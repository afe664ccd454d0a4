import Foundation
import Testing

@testable import QuotaSim

@Suite struct TrackerStateMergeTests {
  typealias Fixture = StateFileFixture

  // MARK: - Trackers sharing one file

  @Test func twoTrackersAlternatingLoseNothing() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")
    let first = try Fixture.open(path, clock: clock)
    let second = try Fixture.open(path, clock: clock)

    var expectedTotal: Int64 = 0
    for round in 1...20 {
      let tokens = Int64(round * 10)
      first.record(TokenUsage(promptTokens: tokens), for: Fixture.a)
      second.record(TokenUsage(promptTokens: tokens + 1), for: Fixture.a)
      expectedTotal += 2 * tokens + 1
      if round.isMultiple(of: 2) {
        try second.save()
        try first.save()
      } else {
        try first.save()
        try second.save()
      }
    }
    let savedBySecondOnly = second.usage(of: Fixture.a).totalTokens
    try second.save()

    #expect(Fixture.savedUsedTokens(path) == expectedTotal)
    #expect(savedBySecondOnly == expectedTotal - 200)
    #expect(first.usage(of: Fixture.a).totalTokens == expectedTotal)
    #expect(second.usage(of: Fixture.a).totalTokens == expectedTotal)
  }

  @Test func alertFromOtherTrackerIsNotRepeated() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")
    let first = try Fixture.open(path, clock: clock)
    let second = try Fixture.open(path, clock: clock)

    let firstAlerts = first.record(TokenUsage(promptTokens: 850_000), for: Fixture.a)
    try first.save()
    try second.save()
    clock.advance(by: .seconds(60))
    let secondAlerts = second.record(TokenUsage(promptTokens: 1_000), for: Fixture.a)

    #expect(firstAlerts.map(\.thresholdPartsPerMillion) == [800_000])
    #expect(secondAlerts == [])
    #expect(second.status(of: Fixture.a).alerts == firstAlerts)
  }

  @Test func countersAddAcrossTrackers() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")
    let first = try Fixture.open(path, clock: clock)
    let second = try Fixture.open(path, clock: clock)

    first.markExhausted(Fixture.a, until: Instant(iso8601: "2025-03-11T10:00:00Z"))
    second.markExhausted(Fixture.a, until: Instant(iso8601: "2025-03-11T12:00:00Z"))
    try first.save()
    try second.save()
    try first.save()
    let reloaded = try Fixture.open(path, clock: clock)

    #expect(reloaded.status(of: Fixture.a).exhaustionEvents == 2)
    #expect(
      reloaded.status(of: Fixture.a).exhaustedUntil == Instant(iso8601: "2025-03-11T12:00:00Z"))
    #expect(first.status(of: Fixture.a).exhaustionEvents == 2)
  }

  @Test func clearedAccessDeniedStaysCleared() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")
    let first = try Fixture.open(path, clock: clock)
    let second = try Fixture.open(path, clock: clock)

    first.markAccessDenied(Fixture.b)
    try first.save()
    try second.save()
    let deniedInSecond = second.status(of: Fixture.b).accessDenied
    second.clearAccessDenied(Fixture.b)
    try second.save()
    try first.save()

    #expect(deniedInSecond)
    #expect(first.status(of: Fixture.b).accessDenied == false)
    #expect(try Fixture.open(path, clock: clock).status(of: Fixture.b).accessDenied == false)
  }

  // MARK: - Periods

  @Test func saveAcrossPeriodBoundaryKeepsMarchInHistory() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-31T23:59:59Z")
    let tracker = try Fixture.open(path, clock: clock)

    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    clock.set(to: "2025-04-01T00:00:00Z")
    tracker.record(TokenUsage(promptTokens: 50), for: Fixture.a)
    try tracker.save()
    let inApril = try Fixture.open(path, clock: clock).status(of: Fixture.a)
    let historyInMemory = tracker.status(of: Fixture.a).history
    clock.set(to: "2025-05-02T00:00:00Z")
    let inMay = try Fixture.open(path, clock: clock)

    #expect(Fixture.savedUsedTokens(path) == 50)
    #expect(historyInMemory == [PeriodUsage(period: "2025-03", totalTokens: 100)])
    #expect(inApril.period.key == "2025-04")
    #expect(inApril.usage.totalTokens == 50)
    #expect(inApril.history == [PeriodUsage(period: "2025-03", totalTokens: 100)])
    #expect(inMay.usage(of: Fixture.a) == .zero)
    #expect(
      inMay.status(of: Fixture.a).history == [
        PeriodUsage(period: "2025-03", totalTokens: 100),
        PeriodUsage(period: "2025-04", totalTokens: 50),
      ])
  }

  @Test func unsavedMarchUsageSavedInAprilGoesToHistory() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-31T12:00:00Z")
    let tracker = try Fixture.open(path, clock: clock)

    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    clock.set(to: "2025-04-01T00:00:01Z")
    try tracker.save()
    let reloaded = try Fixture.open(path, clock: clock)

    #expect(reloaded.usage(of: Fixture.a) == .zero)
    #expect(
      reloaded.status(of: Fixture.a).history == [PeriodUsage(period: "2025-03", totalTokens: 100)])
  }

  @Test func staleTrackerAddsOldPeriodToHistory() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let aprilClock = ManualClock("2025-04-02T00:00:00Z")
    let marchClock = ManualClock("2025-03-31T22:00:00Z")
    let april = try Fixture.open(path, clock: aprilClock)
    let march = try Fixture.open(path, clock: marchClock)
    let log = MemoryLogSink()

    march.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    try march.save()
    april.record(TokenUsage(promptTokens: 50), for: Fixture.a)
    try april.save()
    march.record(TokenUsage(promptTokens: 30), for: Fixture.a)
    try march.save()
    let lateOpen = try QuotaTracker.open(
      catalog: Fixture.catalog(), clock: marchClock, log: log,
      stateFile: TrackerStateFile(path: path), mode: .manual)

    #expect(Fixture.savedUsedTokens(path) == 50)
    #expect(april.usage(of: Fixture.a).totalTokens == 50)
    #expect(
      april.status(of: Fixture.a).history == [PeriodUsage(period: "2025-03", totalTokens: 100)])
    #expect(march.usage(of: Fixture.a).totalTokens == 130)
    #expect(
      try Fixture.open(path, clock: aprilClock).status(of: Fixture.a).history == [
        PeriodUsage(period: "2025-03", totalTokens: 130)
      ])
    // The March clock still counts March's 130 tokens, kept in the file's history.
    #expect(lateOpen.usage(of: Fixture.a) == TokenUsage(totalTokens: 130))
    #expect(log.entries.map(\.level) == [.warning])
    #expect(log.entries.first?.metadata["savedPeriod"] == "2025-04")
  }

  @Test func changedPeriodUnitKeepsSavedUsageAsClosed() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    Fixture.write(
      #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":700}}}"#, to: path)
    let daily = try DeploymentCatalog(deployments: [
      Deployment(name: "A", tokenQuota: 1_000, quotaPeriod: .day)
    ])
    let log = MemoryLogSink()

    let tracker = try QuotaTracker.open(
      catalog: daily, clock: ManualClock("2025-03-11T09:00:00Z"), log: log,
      stateFile: TrackerStateFile(path: path), mode: .manual)

    #expect(tracker.usage(of: Fixture.a) == .zero)
    #expect(
      tracker.status(of: Fixture.a).history == [PeriodUsage(period: "2025-03", totalTokens: 700)])
    #expect(log.entries.map(\.metadata["periodUnit"]) == ["day"])
  }

  @Test func deltasRecordedDuringSaveSurviveRollover() {
    let clock = ManualClock("2025-03-31T23:00:00Z")
    let tracker = QuotaTracker(catalog: Fixture.catalog(), clock: clock)
    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    let stateAtSnapshot = tracker.lock.withLock { tracker.states[0] }
    let snapshot = DeploymentSaveSnapshot(
      name: "A", quota: 1_000_000, period: stateAtSnapshot.period,
      unsavedUsage: stateAtSnapshot.unsavedUsage,
      pendingSaves: stateAtSnapshot.pendingSaves, alerts: [], counters: SavedCounters(),
      baseline: nil)

    tracker.record(TokenUsage(promptTokens: 20), for: Fixture.a)
    clock.set(to: "2025-04-01T00:00:00Z")
    tracker.record(TokenUsage(promptTokens: 3), for: Fixture.a)
    let state = tracker.lock.withLock {
      tracker.states[0].removeSavedDeltas(snapshot)
      return tracker.states[0]
    }

    #expect(
      state.pendingSaves == [PendingSave(period: "2025-03", usage: TokenUsage(promptTokens: 20))])
    #expect(state.unsavedUsage == TokenUsage(promptTokens: 3))
  }

  // MARK: - Failed saves

  @Test(.enabled(if: getuid() != 0, "root may write into a folder without write permission"))
  func readOnlyFolderKeepsUsageUntilWritable() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    try tracker.save()

    chmod(folder, 0o555)
    tracker.record(TokenUsage(promptTokens: 20), for: Fixture.a)
    let error = #expect(throws: TrackerStateError.self) { try tracker.save() }
    chmod(folder, 0o755)
    tracker.record(TokenUsage(promptTokens: 3), for: Fixture.a)
    try tracker.save()

    guard case .saveFailed(let failedPath, _, let reason) = error else {
      Issue.record("expected a failed save, got \(String(describing: error))")
      return
    }
    #expect(failedPath == path)
    #expect(reason.contains("errno \(EACCES)"))
    #expect(Fixture.savedUsedTokens(path) == 123)
    #expect(tracker.usage(of: Fixture.a).totalTokens == 123)
    #expect(Fixture.listing(folder) == ["state.json", "state.json.lock"])
  }

  @Test func unusableFolderKeepsUsageUntilFixed() throws {
    let root = Fixture.makeFolder()
    defer { Fixture.removeFolder(root) }
    let folder = root + "/state"
    let path = folder + "/state.json"
    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    Fixture.write("a file where the folder should be", to: folder)

    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    let error = #expect(throws: TrackerStateError.self) { try tracker.save() }
    let usageAfterFailure = tracker.usage(of: Fixture.a).totalTokens
    try FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    tracker.record(TokenUsage(promptTokens: 5), for: Fixture.a)
    try tracker.save()

    #expect(
      error
        == .saveFailed(
          path: path, step: "opening the lock file '\(path).lock'",
          reason: systemErrorText(ENOTDIR)))
    #expect(error?.description.contains("'\(path)'") == true)
    #expect(usageAfterFailure == 100)
    #expect(Fixture.savedUsedTokens(path) == 105)
    #expect(Fixture.listing(folder) == ["state.json", "state.json.lock"])
  }

  @Test func writeThroughFailureIsKeptAndLoggedOnce() throws {
    let root = Fixture.makeFolder()
    defer { Fixture.removeFolder(root) }
    let folder = root + "/state"
    let path = folder + "/state.json"
    let log = MemoryLogSink()
    let tracker = try Fixture.open(
      path, clock: ManualClock("2025-03-11T09:00:00Z"), mode: .writeThrough, log: log)
    Fixture.write("a file where the folder should be", to: folder)

    tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
    tracker.record(TokenUsage(promptTokens: 20), for: Fixture.a)
    let failure = tracker.lastWriteThroughError
    try FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    tracker.record(TokenUsage(promptTokens: 3), for: Fixture.a)

    #expect(failure?.path == path)
    #expect(tracker.lastWriteThroughError == nil)
    #expect(Fixture.savedUsedTokens(path) == 123)
    #expect(
      log.entries.map(\.message) == [
        "Saving the state file failed; the unsaved usage is kept in memory.",
        "Saving the state file succeeded again.",
      ])
  }
}
