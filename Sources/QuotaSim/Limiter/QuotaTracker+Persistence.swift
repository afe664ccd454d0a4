/// When a tracker with a state file writes its usage to the file.
public enum StateSaveMode: Sendable, Equatable {
  /// Every `record`, `complete`, `markExhausted`, `block`, `markAccessDenied` and
  /// `clearAccessDenied` saves before it returns, so a process that is killed loses nothing
  /// it recorded, unless that save failed (see ``QuotaTracker/lastWriteThroughError``). Each
  /// of those calls then costs a locked file read, two `fsync` calls and a rename.
  case writeThrough
  /// Only ``QuotaTracker/save()`` and ``QuotaTracker/flush()`` write; the owner calls
  /// `flush()` on every exit path, including errors and signals it handles.
  case manual
}

/// The action taken when opening a tracker finds its state file's content unusable.
public enum DamagedStateFileAction: Sendable, Equatable {
  /// Stop with the error; the file is left as it is.
  case fail
  /// Rename the file to `<name>.corrupt-<UTC time>` and start with no usage (the CLI's
  /// `--reset-state`). Only damage qualifies (empty, truncated, trailing data, malformed or
  /// newer version); a file that cannot be read still fails.
  case resetState
}

/// The state file of a tracker and what the tracker last agreed with it.
///
/// `saveLock` serializes this tracker's saves; it is taken before the file lock and before
/// the tracker's lock, never while holding either. `baselines` and `lastWriteThroughError`
/// are read and written only under the tracker's lock.
final class TrackerPersistence: @unchecked Sendable {
  // @unchecked: `baselines` and `lastWriteThroughError` are guarded by the owning tracker's
  // `lock`; `file` and `mode` are immutable.
  let file: TrackerStateFile
  let mode: StateSaveMode
  let saveLock = Lock()
  /// Per deployment, in catalog order: the file's entry as last loaded or written.
  var baselines: [SavedDeploymentState?]
  var lastWriteThroughError: TrackerStateError?

  init(file: TrackerStateFile, mode: StateSaveMode, deploymentCount: Int) {
    self.file = file
    self.mode = mode
    self.baselines = Array(repeating: nil, count: deploymentCount)
  }
}

/// Opening a tracker on a state file, and saving to it.
extension QuotaTracker {
  /// Opens a tracker whose usage is loaded from, and saved to, `stateFile`.
  ///
  /// A missing file means no usage yet. The file's usage counts for the current period when
  /// its period is the current one; usage of an earlier period goes to the history. Limits
  /// always come from `catalog`: a `quotaAtLastSave` that differs from the catalog's quota
  /// is logged once and changes nothing. Entries of deployments the catalog does not define
  /// are logged once and kept unchanged in the file by every later save.
  ///
  /// - Parameters:
  ///   - catalog: the deployments; each deployment's quota, period and zone apply.
  ///   - policy: the alert thresholds, throttle threshold and throttle rule.
  ///   - clock: the source of "now"; it also names a damaged file that is set aside.
  ///   - log: where load notices, alerts and write-through failures are logged.
  ///   - stateFile: the file to load and save.
  ///   - mode: whether each change saves at once or only `save()` and `flush()` write.
  ///   - ifDamaged: whether a damaged file stops the call or is set aside.
  /// - Returns: the tracker, holding the loaded usage.
  /// - Throws: ``TrackerStateError`` when the file cannot be read, when its content is
  ///   damaged and `ifDamaged` is `.fail`, or when setting it aside fails.
  public static func open(
    catalog: DeploymentCatalog, policy: LimiterPolicy = LimiterPolicy(), clock: any LimiterClock,
    log: (any LogSink)? = nil, stateFile: TrackerStateFile, mode: StateSaveMode,
    ifDamaged: DamagedStateFileAction = .fail
  ) throws(TrackerStateError) -> QuotaTracker {
    let knownNames = Set(catalog.deployments.map(\.name))
    let document = try loadDocument(
      stateFile, knownNames: knownNames, clock: clock, log: log, ifDamaged: ifDamaged)
    let persistence = TrackerPersistence(
      file: stateFile, mode: mode, deploymentCount: catalog.deployments.count)
    let tracker = QuotaTracker(
      catalog: catalog, policy: policy, clock: clock, log: log, persistence: persistence)
    tracker.load(document)
    return tracker
  }

  /// The state file this tracker saves to, or `nil` when its usage lives only in memory.
  public var stateFile: TrackerStateFile? { persistence?.file }

  /// When this tracker saves, or `nil` without a state file.
  public var saveMode: StateSaveMode? { persistence?.mode }

  /// The error of the last write-through save, or `nil` when it succeeded.
  ///
  /// The calls that save in ``StateSaveMode/writeThrough`` mode cannot throw, so they keep
  /// the error here and log it.
  public var lastWriteThroughError: TrackerStateError? {
    lock.withLock { persistence?.lastWriteThroughError }
  }

  /// Adds the usage recorded since the last save to the state file and adopts the file's
  /// merged totals, which include other processes' usage. Does nothing without a state file.
  ///
  /// Thread safety and locking protocol: a save never holds the tracker's lock during file
  /// I/O, so `record` and `reserve` on other threads continue while it runs, and their usage
  /// stays unsaved in memory for the next save. The steps are:
  ///
  /// 1. Take the tracker's save lock, so that two saves of one tracker never overlap.
  /// 2. Take the exclusive `flock` on ``TrackerStateFile/lockPath``, so that saves by other
  ///    trackers and other processes wait.
  /// 3. Read and decode the file as it is now.
  /// 4. Under the tracker's lock, briefly: roll every deployment over to the current period
  ///    and copy its unsaved deltas (usage of the current period, and usage of closed
  ///    periods recorded before their boundary) and its states.
  /// 5. Merge the copies into the file's entries, encode, and replace the file (temporary
  ///    file, `fsync`, `rename`, `fsync` of the folder).
  /// 6. Under the tracker's lock, briefly: subtract the copied deltas from the live ones,
  ///    which keeps whatever other threads recorded during steps 3–5, and adopt the merged
  ///    totals, which include other processes' usage.
  ///
  /// If a step before the rename fails, nothing in memory changes, so the next save writes
  /// the same usage again. The locks are always taken in the order save lock, file lock,
  /// tracker lock, and the tracker's lock is never held while waiting for another.
  ///
  /// - Complexity: O(deployments + file size), plus two `fsync` calls.
  /// - Throws: ``TrackerStateError``: `.saveFailed` with the failed step and `errno` text,
  ///   a damage case when the file on disk became unusable (it is not overwritten), or
  ///   `.notDurable` when only the final folder sync failed (the usage counts as saved).
  ///   On every error except `.notDurable` the unsaved usage stays in memory.
  public func save() throws(TrackerStateError) {
    guard let persistence else { return }
    let result = persistence.saveLock.withLock {
      Result { () throws(TrackerStateError) in try saveHoldingSaveLock(persistence) }
    }
    try result.get()
  }

  /// Saves when this tracker has usage or states that the file lacks. Call it on every exit
  /// path of a program in ``StateSaveMode/manual`` mode.
  ///
  /// - Throws: ``TrackerStateError``, as ``save()`` does.
  public func flush() throws(TrackerStateError) {
    guard let persistence else { return }
    let now = clock.now
    let dirty = lock.withLock {
      snapshots(at: now, persistence).contains(where: \.hasUnsavedChanges)
    }
    if dirty { try save() }
  }

  /// Saves after a change when the mode is ``StateSaveMode/writeThrough``; a failure is kept
  /// in ``lastWriteThroughError`` and logged once until a save succeeds again.
  ///
  /// Must be called without holding `lock`.
  func saveIfWriteThrough() {
    guard let persistence, persistence.mode == .writeThrough else { return }
    do {
      try save()
    } catch {
      let isFirstFailure = lock.withLock {
        defer { persistence.lastWriteThroughError = error }
        return persistence.lastWriteThroughError == nil
      }
      if isFirstFailure {
        log?.log(
          .error, "Saving the state file failed; the unsaved usage is kept in memory.",
          metadata: ["file": persistence.file.path, "error": error.description])
      }
    }
  }

  private func saveHoldingSaveLock(_ persistence: TrackerPersistence) throws(TrackerStateError) {
    let file = persistence.file
    let knownNames = Set(catalog.deployments.map(\.name))
    try file.withExclusiveLock { () throws(TrackerStateError) in
      var document = TrackerStateDocument()
      if let data = try file.read() {
        document = try .decode(data, path: file.path, knownNames: knownNames)
      }

      let now = clock.now
      let snapshotsTaken = lock.withLock { snapshots(at: now, persistence) }

      for (index, snapshot) in snapshotsTaken.enumerated() {
        let existing = document.deployments[snapshot.name]
        guard existing != nil || snapshot.hasUnsavedChanges else { continue }
        var entry = existing ?? SavedDeploymentState(period: snapshot.period.key)
        entry.merge(snapshot, calendar: calendars[index], now: now)
        document.deployments[snapshot.name] = entry
      }
      let syncFailure = try file.replace(with: try document.encoded(path: file.path))

      let recovered = lock.withLock {
        adopt(document, savedFrom: snapshotsTaken, persistence)
        defer { persistence.lastWriteThroughError = nil }
        return persistence.lastWriteThroughError != nil
      }
      if recovered {
        log?.log(
          .notice, "Saving the state file succeeded again.", metadata: ["file": file.path])
      }
      if let syncFailure { throw .notDurable(path: file.path, reason: syncFailure) }
    }
  }

  /// Rolls every deployment over to `now` and copies what a save writes.
  ///
  /// Must be called under `lock`.
  private func snapshots(at now: Instant, _ persistence: TrackerPersistence)
    -> [DeploymentSaveSnapshot]
  {
    catalog.ids.map { id in
      rollOver(id, at: now)
      let state = states[id.index]
      return DeploymentSaveSnapshot(
        name: catalog[id].name, quota: catalog[id].tokenQuota, period: state.period,
        unsavedUsage: state.unsavedUsage, pendingSaves: state.pendingSaves, alerts: state.alerts,
        throttleStartedAt: state.throttleStartedAt, exhaustedUntil: state.exhaustedUntil,
        blockedUntil: state.blockedUntil, counters: state.counters,
        baseline: persistence.baselines[id.index])
    }
  }

  /// Removes the saved deltas from memory and adopts the merged entries.
  ///
  /// Deltas are subtracted, not cleared, so usage recorded by other threads while the file
  /// was written stays unsaved. Must be called under `lock`.
  private func adopt(
    _ document: TrackerStateDocument, savedFrom snapshots: [DeploymentSaveSnapshot],
    _ persistence: TrackerPersistence
  ) {
    for (index, snapshot) in snapshots.enumerated() {
      var state = states[index]
      state.removeSavedDeltas(snapshot)
      if let entry = document.deployments[snapshot.name] {
        adopt(entry, into: &state, snapshot: snapshot, deployment: DeploymentID(index))
        persistence.baselines[index] = entry
      }
      states[index] = state
    }
  }

  private func adopt(
    _ entry: SavedDeploymentState, into state: inout DeploymentQuotaState,
    snapshot: DeploymentSaveSnapshot, deployment: DeploymentID
  ) {
    let calendar = calendars[deployment.index]
    if entry.period == state.period.key {
      // NOTE: adopted usage from other processes can cross an alert threshold here. The
      // alert then fires on this tracker's next `record` or `complete`, not during the save.
      var usage = entry.usage
      usage.add(state.unsavedUsage)
      state.usage = usage
      state.alerts = unite(state.alerts, alerts(of: entry, deployment: deployment))
      state.throttleStartedAt = earliest(state.throttleStartedAt, entry.throttleStartedAt)
    } else if calendar.isPeriod(state.period.key, before: entry.period) {
      // The file's entry is in a later period, so this period's saved usage is in the history.
      var usage = TokenUsage(totalTokens: entry.history.tokens(ofPeriod: state.period.key))
      usage.add(state.unsavedUsage)
      state.usage = usage
    }

    var history = entry.history
    if entry.period != state.period.key, calendar.isPeriod(entry.period, before: state.period.key),
      entry.usage.totalTokens > 0
    {
      history.addTokens(entry.usage.totalTokens, toPeriod: entry.period, calendar: calendar)
    }
    for pending in state.pendingSaves where pending.usage.totalTokens > 0 {
      history.addTokens(pending.usage.totalTokens, toPeriod: pending.period, calendar: calendar)
    }
    state.history = history.filter { $0.period != state.period.key }

    state.exhaustedUntil = latest(state.exhaustedUntil, entry.exhaustedUntil)
    state.blockedUntil = latest(state.blockedUntil, entry.blockedUntil)
    let current = state.counters
    let merged = SavedCounters(entry)
    let snapshotCounters = snapshot.counters
    state.exhaustionEvents = Int(
      clamping: merged.exhaustionEvents.addingClamped(
        current.exhaustionEvents - snapshotCounters.exhaustionEvents))
    state.estimatedTokens = merged.estimatedTokens.addingClamped(
      current.estimatedTokens - snapshotCounters.estimatedTokens)
    state.actualTokensOfEstimates = merged.actualTokensOfEstimates.addingClamped(
      current.actualTokensOfEstimates - snapshotCounters.actualTokensOfEstimates)
    if current.accessDenied == snapshotCounters.accessDenied {
      state.accessDenied = merged.accessDenied
    }
  }
}
