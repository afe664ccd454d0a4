/// The tracker's state for one deployment.
struct DeploymentQuotaState: Sendable {
  var period: QuotaPeriod
  var usage = TokenUsage.zero
  var reservedTokens: Int64 = 0
  var alerts: [QuotaAlert] = []
  var throttleStartedAt: Instant?
  var exhaustedUntil: Instant?
  var exhaustionEvents = 0
  var blockedUntil: Instant?
  var accessDenied = false
  var estimatedTokens: Int64 = 0
  var actualTokensOfEstimates: Int64 = 0
  var history: [PeriodUsage] = []
  /// Usage recorded since the last save, which a save adds to the file's totals.
  var unsavedUsage = TokenUsage.zero
  /// Usage of closed periods that is not saved yet.
  var pendingSaves: [PendingSave] = []

  init(period: QuotaPeriod) {
    self.period = period
  }

  mutating func charge(_ charged: TokenUsage) {
    usage.add(charged)
    unsavedUsage.add(charged)
  }

  /// Charges the usage of a response whose request reserved `estimate` tokens.
  mutating func settle(_ estimate: Int64, charged: TokenUsage) {
    charge(charged)
    noteEstimate(estimate, actual: charged)
  }

  mutating func noteEstimate(_ estimate: Int64, actual: TokenUsage) {
    guard !actual.isEstimated else { return }
    estimatedTokens = estimatedTokens.addingClamped(estimate)
    actualTokensOfEstimates = actualTokensOfEstimates.addingClamped(actual.totalTokens)
  }
}

/// The usage of one closed period.
public struct PeriodUsage: Sendable, Equatable, Codable {
  /// The period key, such as `2025-01`.
  public var period: String
  /// The tokens used in it.
  public var totalTokens: Int64
}

/// A snapshot of one deployment's quota state.
public struct DeploymentQuotaStatus: Sendable, Equatable {
  /// The deployment's name.
  public var name: String
  /// The current period.
  public var period: QuotaPeriod
  /// Tokens used in the current period.
  public var usage: TokenUsage
  /// The period quota, or `nil` without one.
  public var quota: Int64?
  /// Tokens reserved by requests in flight.
  public var reservedTokens: Int64
  /// Used tokens as a percentage of the quota, or `nil` without a quota.
  public var usedPercent: Double?
  /// Alerts fired in the current period, in ascending threshold order.
  public var alerts: [QuotaAlert]
  /// When the throttle first refused a request this period.
  public var throttleStartedAt: Instant?
  /// Whether the throttle refuses new requests now.
  public var isThrottled: Bool
  /// Until when the server declared the quota exhausted, if that is still in the future.
  public var exhaustedUntil: Instant?
  /// How many times the server declared the quota exhausted.
  public var exhaustionEvents: Int
  /// Until when an over-cap retry delay blocks the deployment, if still in the future.
  public var blockedUntil: Instant?
  /// Whether the deployment denied access (a configuration problem).
  public var accessDenied: Bool
  /// Actual tokens ÷ estimated tokens over responses that reported usage, or `nil` before any.
  public var actualToEstimateRatio: Double?
  /// Closed periods, oldest first, at most ``QuotaTracker/historyLimit``.
  public var history: [PeriodUsage]

  init(deployment: Deployment, state: DeploymentQuotaState, now: Instant, throttled: Bool) {
    name = deployment.name
    period = state.period
    usage = state.usage
    quota = deployment.tokenQuota
    reservedTokens = state.reservedTokens
    if let quota = deployment.tokenQuota {
      usedPercent = Double(state.usage.totalTokens) / Double(quota) * 100
    }
    alerts = state.alerts
    throttleStartedAt = state.throttleStartedAt
    isThrottled = throttled
    exhaustedUntil = state.exhaustedUntil.flatMap { $0 > now ? $0 : nil }
    exhaustionEvents = state.exhaustionEvents
    blockedUntil = state.blockedUntil.flatMap { $0 > now ? $0 : nil }
    accessDenied = state.accessDenied
    if state.estimatedTokens > 0 {
      actualToEstimateRatio =
        Double(state.actualTokensOfEstimates) / Double(state.estimatedTokens)
    }
    history = state.history
  }
}

extension QuotaTracker {
  /// Starts a new period for `deployment` when `now` lies outside the current one.
  ///
  /// Must be called under `lock`.
  @inline(__always)
  func rollOver(_ deployment: DeploymentID, at now: Instant) {
    if states[deployment.index].period.contains(now) { return }
    startPeriod(of: deployment, containing: now)
  }

  /// Replaces the state of `deployment` with a new period's, keeping what outlives a period.
  ///
  /// Must be called under `lock`.
  private func startPeriod(of deployment: DeploymentID, containing now: Instant) {
    let old = states[deployment.index]
    var new = DeploymentQuotaState(period: calendars[deployment.index].period(containing: now))
    new.reservedTokens = old.reservedTokens
    new.exhaustedUntil = old.exhaustedUntil.flatMap { $0 > now ? $0 : nil }
    new.exhaustionEvents = old.exhaustionEvents
    new.blockedUntil = old.blockedUntil.flatMap { $0 > now ? $0 : nil }
    new.accessDenied = old.accessDenied
    new.estimatedTokens = old.estimatedTokens
    new.actualTokensOfEstimates = old.actualTokensOfEstimates
    new.history = old.history
    if old.usage.totalTokens > 0 {
      new.history.append(PeriodUsage(period: old.period.key, totalTokens: old.usage.totalTokens))
      // NOTE: older periods are dropped beyond the limit, so a tracker that lives through
      // thousands of hourly periods keeps bounded memory.
      if new.history.count > Self.historyLimit { new.history.removeFirst() }
    }
    // Usage recorded but not yet saved stays attributed to its period; the store writes it
    // under the old key.
    new.unsavedUsage = .zero
    new.pendingSaves = old.pendingSaves
    if old.unsavedUsage != .zero {
      new.pendingSaves.append(PendingSave(period: old.period.key, usage: old.unsavedUsage))
    }
    states[deployment.index] = new
  }

  /// Returns why `deployment` refuses a request now, or `nil`.
  ///
  /// Must be called under `lock`, after ``rollOver(_:at:)``.
  @inline(__always)
  func refusal(
    of deployment: DeploymentID, estimate: Int64, at now: Instant, recordThrottle: Bool = true
  ) -> Admission? {
    let index = deployment.index
    if states[index].accessDenied { return .accessDenied }
    if let until = states[index].exhaustedUntil, until > now { return .exhausted(until: until) }
    if let until = states[index].blockedUntil, until > now { return .blocked(until: until) }
    guard quotas[index] != nil else { return nil }
    let used = states[index].usage.totalTokens
    let committed: Int64
    switch policy.throttleRule {
    case .reservedBelowThreshold:
      committed = used.addingClamped(states[index].reservedTokens)
    case .estimateWithinThreshold:
      committed = used.addingClamped(max(0, estimate))
    }
    if levels[index].throttleAdmits(committed) { return nil }
    if recordThrottle, states[index].throttleStartedAt == nil {
      states[index].throttleStartedAt = now
      log?.log(
        .warning, "Proactive throttle started.",
        metadata: [
          "deployment": catalog[deployment].name, "period": states[index].period.key,
          "usedTokens": "\(used)", "reservedTokens": "\(states[index].reservedTokens)",
        ])
    }
    return .throttled
  }

  /// Fires the alerts whose thresholds the current usage reached, once per period each.
  ///
  /// Must be called under `lock`.
  @inline(__always)
  func fireAlerts(_ deployment: DeploymentID, at now: Instant) -> [QuotaAlert] {
    let used = states[deployment.index].usage.totalTokens
    guard !alertThresholds.isEmpty, levels[deployment.index].alertFires(0, at: used) else {
      return []
    }
    return fireReachedAlerts(deployment, used: used, at: now)
  }

  /// Fires the alerts whose thresholds `used` reached and that did not fire this period yet.
  ///
  /// Must be called under `lock`.
  private func fireReachedAlerts(_ deployment: DeploymentID, used: Int64, at now: Instant)
    -> [QuotaAlert]
  {
    guard let quota = quotas[deployment.index] else { return [] }
    let levels = levels[deployment.index]
    var fired: [QuotaAlert] = []
    for (position, threshold) in alertThresholds.enumerated()
    where levels.alertFires(position, at: used) {
      let already = states[deployment.index].alerts.contains {
        $0.thresholdPartsPerMillion == threshold
      }
      if already { continue }
      let alert = QuotaAlert(
        deployment: catalog[deployment].name, thresholdPartsPerMillion: threshold,
        period: states[deployment.index].period.key, at: now, usedTokens: used, quota: quota)
      states[deployment.index].alerts.append(alert)
      fired.append(alert)
      log?.log(
        .notice, "Quota alert.",
        metadata: [
          "deployment": alert.deployment, "period": alert.period,
          "thresholdPercent": formatPercent(alert.thresholdPercent), "message": alert.message,
        ])
    }
    return fired
  }

  /// Removes `reservation` from the reserved total. Must be called under `lock`.
  @inline(__always)
  func close(_ reservation: Reservation) {
    #if DEBUG
      precondition(
        openReservationIDs.remove(reservation.id) != nil,
        "reservation \(reservation.id) on '\(catalog[reservation.deployment].name)' was already settled"
      )
    #endif
    let index = reservation.deployment.index
    states[index].reservedTokens = max(0, states[index].reservedTokens - reservation.tokens)
  }
}

/// Usage of a closed period that is not saved yet.
struct PendingSave: Sendable, Equatable {
  var period: String
  var usage: TokenUsage
}

/// Converts a fraction such as 0.95 to parts per million, rounded to the nearest.
func partsPerMillion(_ fraction: Double) -> Int64 {
  Int64((fraction * 1_000_000).rounded())
}
