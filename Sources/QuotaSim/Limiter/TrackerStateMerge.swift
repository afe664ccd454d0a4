/// What a save takes from one deployment's in-memory state, under the tracker's lock.
///
/// Usage is taken as deltas (``unsavedUsage`` and ``pendingSaves``), which the save adds to
/// the file's totals. Cumulative counters are taken with the ``baseline`` they had when the
/// tracker last agreed with the file, so that the save adds only this tracker's increase.
struct DeploymentSaveSnapshot: Sendable {
  /// The deployment's name, the key of its entry.
  var name: String
  /// The catalog's quota, written as `quotaAtLastSave`.
  var quota: Int64?
  /// The tracker's current period.
  var period: QuotaPeriod
  /// Usage of the current period recorded since the last save.
  var unsavedUsage: TokenUsage
  /// Usage of closed periods recorded before their boundary and not saved yet, oldest first.
  var pendingSaves: [PendingSave]
  /// The alerts fired in the current period.
  var alerts: [QuotaAlert]
  /// When the throttle first refused a request in the current period.
  var throttleStartedAt: Instant?
  /// The exhaustion declared by the server, if any.
  var exhaustedUntil: Instant?
  /// The block set by an over-cap retry delay, if any.
  var blockedUntil: Instant?
  /// The cumulative counters now.
  var counters: SavedCounters
  /// The file's entry for this deployment when the tracker last loaded or saved it.
  var baseline: SavedDeploymentState?

  /// Whether the tracker has usage or states that the file lacks, so that a flush must write.
  var hasUnsavedChanges: Bool {
    if unsavedUsage != .zero || !pendingSaves.isEmpty { return true }
    if counters != SavedCounters(baseline) { return true }
    if exhaustedUntil.isLater(than: baseline?.exhaustedUntil) { return true }
    if blockedUntil.isLater(than: baseline?.blockedUntil) { return true }
    guard let baseline, baseline.period == period.key else {
      return !alerts.isEmpty || throttleStartedAt != nil
    }
    let savedThresholds = Set(baseline.alertsSent.map(\.thresholdPartsPerMillion))
    if alerts.contains(where: { !savedThresholds.contains($0.thresholdPartsPerMillion) }) {
      return true
    }
    return throttleStartedAt != nil && baseline.throttleStartedAt == nil
  }
}

/// The cumulative per-deployment values that a save merges by adding this tracker's increase.
struct SavedCounters: Sendable, Equatable {
  var exhaustionEvents: Int64 = 0
  var estimatedTokens: Int64 = 0
  var actualTokensOfEstimates: Int64 = 0
  var accessDenied = false

  init(
    exhaustionEvents: Int64 = 0, estimatedTokens: Int64 = 0, actualTokensOfEstimates: Int64 = 0,
    accessDenied: Bool = false
  ) {
    self.exhaustionEvents = exhaustionEvents
    self.estimatedTokens = estimatedTokens
    self.actualTokensOfEstimates = actualTokensOfEstimates
    self.accessDenied = accessDenied
  }

  /// Creates the counters a file entry holds, or zeros without an entry.
  init(_ entry: SavedDeploymentState?) {
    guard let entry else {
      self.init()
      return
    }
    self.init(
      exhaustionEvents: entry.exhaustionEvents, estimatedTokens: entry.estimatedTokens,
      actualTokensOfEstimates: entry.actualTokensOfEstimates, accessDenied: entry.accessDenied)
  }
}

extension SavedDeploymentState {
  /// Adds one tracker's unsaved changes to this entry, as read from the file under the lock.
  ///
  /// Each usage delta goes to its own period. When the periods match, it is added to the
  /// entry's totals. When the entry's period is older, the entry's usage moves to ``history``
  /// and the delta starts the new period. When the entry's period is newer, the delta goes
  /// only to ``history``.
  ///
  /// Alerts of the same period are united by threshold, keeping the earliest instant, and
  /// throttle starts keep the earliest too. Exhaustion and blocks keep the latest instant and
  /// are dropped once past. Counters add this tracker's increase. Access denied takes this
  /// tracker's value only if it changed since the last save.
  mutating func merge(
    _ snapshot: DeploymentSaveSnapshot, calendar: QuotaPeriodCalendar, now: Instant
  ) {
    for pending in snapshot.pendingSaves {
      add(pending.usage, in: pending.period, calendar: calendar)
    }
    add(snapshot.unsavedUsage, in: snapshot.period.key, calendar: calendar)

    if period == snapshot.period.key {
      mergeAlerts(snapshot.alerts)
      throttleStartedAt = earliest(throttleStartedAt, snapshot.throttleStartedAt)
    }

    exhaustedUntil = latest(exhaustedUntil, snapshot.exhaustedUntil).flatMap { $0 > now ? $0 : nil }
    blockedUntil = latest(blockedUntil, snapshot.blockedUntil).flatMap { $0 > now ? $0 : nil }
    let base = SavedCounters(snapshot.baseline)
    let mine = snapshot.counters
    exhaustionEvents = max(
      0, exhaustionEvents.addingClamped(mine.exhaustionEvents - base.exhaustionEvents))
    estimatedTokens = max(
      0, estimatedTokens.addingClamped(mine.estimatedTokens - base.estimatedTokens))
    actualTokensOfEstimates = max(
      0,
      actualTokensOfEstimates.addingClamped(
        mine.actualTokensOfEstimates - base.actualTokensOfEstimates))
    if mine.accessDenied != base.accessDenied { accessDenied = mine.accessDenied }
    quotaAtLastSave = snapshot.quota
  }

  /// Adds `delta` to the usage of the period named `key`; see ``merge(_:calendar:now:)``.
  mutating func add(_ delta: TokenUsage, in key: String, calendar: QuotaPeriodCalendar) {
    if key == period {
      usage.add(delta)
    } else if calendar.isPeriod(period, before: key) {
      closePeriod(calendar: calendar)
      period = key
      usage = delta
    } else if delta.totalTokens > 0 {
      history.addTokens(delta.totalTokens, toPeriod: key, calendar: calendar)
    }
  }

  /// Moves the current period's usage to the history and clears what belongs to the period.
  private mutating func closePeriod(calendar: QuotaPeriodCalendar) {
    if usage.totalTokens > 0 {
      history.addTokens(usage.totalTokens, toPeriod: period, calendar: calendar)
    }
    usage = .zero
    alertsSent = []
    throttleStartedAt = nil
  }

  private mutating func mergeAlerts(_ alerts: [QuotaAlert]) {
    for alert in alerts {
      let saved = SavedAlert(
        thresholdPartsPerMillion: alert.thresholdPartsPerMillion, at: alert.at,
        usedTokens: alert.usedTokens)
      if let index = alertsSent.firstIndex(where: {
        $0.thresholdPartsPerMillion == alert.thresholdPartsPerMillion
      }) {
        if saved.at < alertsSent[index].at { alertsSent[index] = saved }
      } else {
        alertsSent.append(saved)
      }
    }
    alertsSent.sort { $0.thresholdPartsPerMillion < $1.thresholdPartsPerMillion }
  }
}

extension [PeriodUsage] {
  /// Returns the total tokens of the period named `key`, or 0 when it has no entry.
  func tokens(ofPeriod key: String) -> Int64 {
    first { $0.period == key }?.totalTokens ?? 0
  }

  /// Adds `tokens` to the entry of the period named `key`, inserting it in period order
  /// when missing, and drops the oldest entries beyond ``QuotaTracker/historyLimit``.
  mutating func addTokens(_ tokens: Int64, toPeriod key: String, calendar: QuotaPeriodCalendar) {
    if let index = firstIndex(where: { $0.period == key }) {
      self[index].totalTokens = self[index].totalTokens.addingClamped(tokens)
    } else {
      let position = firstIndex { calendar.isPeriod(key, before: $0.period) } ?? endIndex
      insert(PeriodUsage(period: key, totalTokens: tokens), at: position)
    }
    if count > QuotaTracker.historyLimit { removeFirst(count - QuotaTracker.historyLimit) }
  }
}

/// Returns the earlier of two optional instants, or the one that is present.
func earliest(_ first: Instant?, _ second: Instant?) -> Instant? {
  guard let first else { return second }
  guard let second else { return first }
  return min(first, second)
}

/// Returns the later of two optional instants, or the one that is present.
func latest(_ first: Instant?, _ second: Instant?) -> Instant? {
  guard let first else { return second }
  guard let second else { return first }
  return max(first, second)
}

extension Optional where Wrapped == Instant {
  /// Whether this instant is present and later than `other`, or `other` is absent.
  fileprivate func isLater(than other: Instant?) -> Bool {
    guard let self else { return false }
    guard let other else { return true }
    return self > other
  }
}

extension DeploymentQuotaState {
  /// The cumulative counters as a save merges them.
  var counters: SavedCounters {
    SavedCounters(
      exhaustionEvents: Int64(exhaustionEvents), estimatedTokens: estimatedTokens,
      actualTokensOfEstimates: actualTokensOfEstimates, accessDenied: accessDenied)
  }

  /// Subtracts the deltas that `snapshot` took and a save wrote, keeping what was recorded
  /// after the snapshot.
  ///
  /// Saves of one tracker never overlap and only a rollover appends to ``pendingSaves``, so
  /// the snapshot's pending saves are still the first entries. If the period rolled over
  /// after the snapshot, the snapshot's unsaved usage has moved into the pending save of its
  /// period and is subtracted there.
  mutating func removeSavedDeltas(_ snapshot: DeploymentSaveSnapshot) {
    pendingSaves.removeFirst(min(snapshot.pendingSaves.count, pendingSaves.count))
    if period == snapshot.period {
      unsavedUsage.subtract(snapshot.unsavedUsage)
    } else if let index = pendingSaves.firstIndex(where: { $0.period == snapshot.period.key }) {
      pendingSaves[index].usage.subtract(snapshot.unsavedUsage)
      if pendingSaves[index].usage == .zero { pendingSaves.remove(at: index) }
    }
  }
}

extension TokenUsage {
  /// Subtracts `other` count by count. The result stays flagged estimated only while it
  /// still contains tokens.
  mutating func subtract(_ other: TokenUsage) {
    promptTokens = max(0, promptTokens - other.promptTokens)
    completionTokens = max(0, completionTokens - other.completionTokens)
    totalTokens = max(0, totalTokens - other.totalTokens)
    cachedTokens = max(0, cachedTokens - other.cachedTokens)
    reasoningTokens = max(0, reasoningTokens - other.reasoningTokens)
    let isEmpty =
      promptTokens == 0 && completionTokens == 0 && totalTokens == 0 && cachedTokens == 0
      && reasoningTokens == 0
    if isEmpty { isEstimated = false }
  }
}
