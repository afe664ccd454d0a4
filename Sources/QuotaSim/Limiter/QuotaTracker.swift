/// Tracks token usage per deployment and quota period, and admits requests under the
/// proactive throttle.
///
/// The tracker is the one place that records how much of each deployment's period quota is
/// used or reserved. Every operation is atomic under one lock, so many threads can record and
/// reserve at once without losing a count, and the throttle check and the reservation of a
/// request's estimate happen in the same critical section. Periods roll over on the first
/// operation after a boundary, whatever the usage was; idle periods leave no trace.
///
/// Limits (quotas, thresholds) come from the catalog and the policy, never from saved state.
/// A tracker made by ``open(catalog:policy:clock:log:stateFile:mode:ifDamaged:)`` also loads
/// its usage from a state file and saves to it; saves never hold the tracker's lock during
/// file I/O (the locking protocol is documented with ``save()``).
public final class QuotaTracker: @unchecked Sendable {
  // @unchecked: `states`, `nextReservationID`, `openReservationIDs` and the failure-code table
  // are read and written only under `lock`; everything else is immutable after init.

  /// The deployments and their quotas.
  public let catalog: DeploymentCatalog
  /// The alert and throttle thresholds in force.
  public let policy: LimiterPolicy
  /// The clock every operation reads.
  public let clock: any LimiterClock

  let lock: Lock
  var states: [DeploymentQuotaState]
  let calendars: [QuotaPeriodCalendar]
  let alertThresholds: [Int64]
  let throttleThreshold: Int64
  /// Per deployment, Azure's tokens-per-minute limit, read on every routing decision.
  let tokensPerMinute: [Int64]
  /// Per deployment, the period quota, or `nil` without one.
  let quotas: [Int64?]
  /// Every deployment's route, one after the other, so that walking one reads a flat array.
  let routeTable: [DeploymentID]
  /// Per deployment, where its route starts in ``routeTable`` and how long it is.
  let routeBounds: [(start: Int, count: Int)]
  /// Per deployment, the token counts at which alerts fire and the throttle refuses.
  let levels: [ThresholdLevels]
  let log: (any LogSink)?
  /// The state file and its save bookkeeping, or `nil` when usage lives only in memory.
  let persistence: TrackerPersistence?
  private var nextReservationID: UInt64 = 1
  /// Client error codes met in failures, numbered in order of first use, so that request
  /// states can store a code as a number. It grows only with distinct codes.
  private var failureCodes: [String] = []
  private var failureCodeNumbers: [String: Int32] = [:]
  #if DEBUG
    var openReservationIDs = Set<UInt64>()
  #endif

  /// The most closed periods kept per deployment for ``status(of:)``.
  public static let historyLimit = 1_000

  /// Creates a tracker with no usage.
  ///
  /// - Parameters:
  ///   - catalog: the deployments; each deployment's quota, period and zone apply.
  ///   - policy: the alert thresholds, throttle threshold and throttle rule.
  ///   - clock: the source of "now" for every operation.
  ///   - log: where alerts, throttle starts and exhaustion are logged.
  /// - Precondition: every deployment's time zone is a known IANA zone (the catalog loader
  ///   checks this for files).
  public convenience init(
    catalog: DeploymentCatalog, policy: LimiterPolicy = LimiterPolicy(),
    clock: any LimiterClock, log: (any LogSink)? = nil
  ) {
    self.init(catalog: catalog, policy: policy, clock: clock, log: log, persistence: nil)
  }

  /// Creates a tracker with no usage that saves through `persistence`, if given.
  ///
  /// With `confinedToOneThread`, every operation must come from one thread, and the tracker
  /// takes no mutex. A simulation run, which is single-threaded and owns its tracker, makes
  /// one that way; decisions are the same either way.
  init(
    catalog: DeploymentCatalog, policy: LimiterPolicy, clock: any LimiterClock,
    log: (any LogSink)?, persistence: TrackerPersistence?, confinedToOneThread: Bool = false
  ) {
    self.lock = confinedToOneThread ? .confinedToOneThread() : Lock()
    self.catalog = catalog
    self.policy = policy
    self.clock = clock
    self.log = log
    self.persistence = persistence
    self.calendars = catalog.deployments.map { deployment in
      guard
        let calendar = QuotaPeriodCalendar(
          unit: deployment.quotaPeriod, timeZoneIdentifier: deployment.timeZoneIdentifier)
      else {
        preconditionFailure(
          "deployment '\(deployment.name)' has unknown time zone '\(deployment.timeZoneIdentifier)'"
        )
      }
      return calendar
    }
    self.alertThresholds = policy.alertThresholds.map(partsPerMillion).sorted()
    self.throttleThreshold = partsPerMillion(policy.throttleThreshold)
    self.tokensPerMinute = catalog.deployments.map(\.tokensPerMinute)
    self.quotas = catalog.deployments.map(\.tokenQuota)
    self.routeTable = catalog.routes.flatMap { $0 }
    var start = 0
    self.routeBounds = catalog.routes.map { route in
      defer { start += route.count }
      return (start, route.count)
    }
    let alertThresholds = self.alertThresholds
    let throttleThreshold = self.throttleThreshold
    self.levels = catalog.deployments.map { deployment in
      ThresholdLevels(
        quota: deployment.tokenQuota, alertThresholds: alertThresholds,
        throttleThreshold: throttleThreshold, rule: policy.throttleRule)
    }
    let now = clock.now
    self.states = calendars.map { DeploymentQuotaState(period: $0.period(containing: now)) }
  }

  // MARK: - Recording usage

  /// Charges `usage` to `deployment` in the current period and returns the alerts it fired.
  ///
  /// - Complexity: O(1), plus O(alerts) when a threshold is crossed.
  @discardableResult
  public func record(_ usage: TokenUsage, for deployment: DeploymentID) -> [QuotaAlert] {
    let now = clock.now
    let alerts = lock.withLock {
      rollOver(deployment, at: now)
      states[deployment.index].charge(usage)
      return fireAlerts(deployment, at: now)
    }
    saveIfWriteThrough()
    return alerts
  }

  // MARK: - Admission

  /// Admits a request with `estimate` tokens to `deployment` and reserves the estimate, or
  /// returns the reason for refusing it, in one atomic step.
  ///
  /// Under ``ThrottleRule/reservedBelowThreshold`` the request is admitted when
  /// `used + reserved < threshold × quota`; its own estimate is reserved, not tested, so a
  /// large default estimate never refuses the first request of a period. A deployment without
  /// a period quota is never throttled.
  ///
  /// - Complexity: O(1).
  public func reserve(_ estimate: Int64, on deployment: DeploymentID) -> Admission {
    let now = clock.now
    return lock.withLock {
      rollOver(deployment, at: now)
      if let refusal = refusal(of: deployment, estimate: estimate, at: now) {
        return refusal
      }
      let reservation = Reservation(
        deployment: deployment, tokens: max(0, estimate), id: nextReservationID)
      nextReservationID &+= 1
      states[deployment.index].reservedTokens = states[deployment.index].reservedTokens
        .addingClamped(reservation.tokens)
      #if DEBUG
        openReservationIDs.insert(reservation.id)
      #endif
      return .admitted(reservation)
    }
  }

  /// Returns why `deployment` would refuse a request of `estimate` tokens now, or `nil` when
  /// it would admit it, without reserving anything.
  public func refusal(on deployment: DeploymentID, estimate: Int64 = 0) -> Admission? {
    let now = clock.now
    return lock.withLock {
      rollOver(deployment, at: now)
      return refusal(of: deployment, estimate: estimate, at: now, recordThrottle: false)
    }
  }

  /// Returns whether the proactive throttle refuses new requests to `deployment` now.
  public func isThrottled(_ deployment: DeploymentID, estimate: Int64 = 0) -> Bool {
    refusal(on: deployment, estimate: estimate) == .throttled
  }

  /// Releases `reservation` and charges the response's `usage`, or the whole estimate flagged
  /// as estimated when the response carried no usage; returns the alerts fired.
  ///
  /// - Precondition: the reservation is open; each reservation is settled exactly once,
  ///   by this method or by ``release(_:)`` (checked in debug builds).
  @discardableResult
  public func complete(_ reservation: Reservation, usage: TokenUsage?) -> [QuotaAlert] {
    let now = clock.now
    let alerts = lock.withLock {
      close(reservation)
      rollOver(reservation.deployment, at: now)
      let charged = usage ?? .estimated(totalTokens: reservation.tokens)
      states[reservation.deployment.index].settle(reservation.tokens, charged: charged)
      return fireAlerts(reservation.deployment, at: now)
    }
    if persistence != nil { saveIfWriteThrough() }
    return alerts
  }

  /// Releases `reservation` without charging anything: the request failed, was cancelled or
  /// timed out.
  ///
  /// - Precondition: the reservation is open (checked in debug builds).
  public func release(_ reservation: Reservation) {
    lock.withLock { close(reservation) }
  }

  // MARK: - Server-declared states

  /// Marks `deployment` exhausted after the server reported its quota used up, until
  /// `replenishAt` or, when the response named no time, the end of the current period.
  public func markExhausted(_ deployment: DeploymentID, until replenishAt: Instant? = nil) {
    let now = clock.now
    lock.withLock {
      rollOver(deployment, at: now)
      let until = replenishAt ?? states[deployment.index].period.end
      states[deployment.index].exhaustedUntil = max(
        states[deployment.index].exhaustedUntil ?? until, until)
      states[deployment.index].exhaustionEvents += 1
      log?.log(
        .warning, "Deployment quota exhausted by the server.",
        metadata: [
          "deployment": catalog[deployment].name, "until": "\(until)",
          "period": states[deployment.index].period.key,
        ])
    }
    saveIfWriteThrough()
  }

  /// Blocks `deployment` until `instant`; a block only ever grows.
  public func block(_ deployment: DeploymentID, until instant: Instant) {
    lock.withLock {
      let old = states[deployment.index].blockedUntil
      states[deployment.index].blockedUntil = max(old ?? instant, instant)
      log?.log(
        .notice, "Deployment blocked by a retry delay over the cap.",
        metadata: [
          "deployment": catalog[deployment].name,
          "until": "\(states[deployment.index].blockedUntil ?? instant)",
        ])
    }
    saveIfWriteThrough()
  }

  /// Flags `deployment` as misconfigured after an access-denied 403; it is skipped until the
  /// flag is cleared, and the state is not counted as quota exhaustion.
  public func markAccessDenied(_ deployment: DeploymentID) {
    lock.withLock {
      states[deployment.index].accessDenied = true
      log?.log(
        .error, "Deployment denied access; check its key and endpoint.",
        metadata: ["deployment": catalog[deployment].name])
    }
    saveIfWriteThrough()
  }

  /// Clears the access-denied flag of `deployment`, after its configuration was fixed.
  public func clearAccessDenied(_ deployment: DeploymentID) {
    lock.withLock { states[deployment.index].accessDenied = false }
    saveIfWriteThrough()
  }

  // MARK: - Failure codes

  /// Returns the number of a client error's `code`, numbering it when it is new.
  func number(ofFailureCode code: String) -> Int32 {
    lock.withLock {
      if let number = failureCodeNumbers[code] { return number }
      let number = Int32(failureCodes.count)
      failureCodes.append(code)
      failureCodeNumbers[code] = number
      return number
    }
  }

  /// Returns the client error code numbered `number` by ``number(ofFailureCode:)``.
  func failureCode(number: Int32) -> String {
    lock.withLock { failureCodes[Int(number)] }
  }

  // MARK: - Queries

  /// Returns the usage of `deployment` in the current period.
  public func usage(of deployment: DeploymentID) -> TokenUsage {
    status(of: deployment).usage
  }

  /// Returns the percentage of the period quota used by `deployment`, or `nil` without a quota.
  public func usedPercent(of deployment: DeploymentID) -> Double? {
    status(of: deployment).usedPercent
  }

  /// Returns a snapshot of everything the tracker stores for `deployment`, after any rollover.
  public func status(of deployment: DeploymentID) -> DeploymentQuotaStatus {
    let now = clock.now
    return lock.withLock {
      rollOver(deployment, at: now)
      return DeploymentQuotaStatus(
        deployment: catalog[deployment], state: states[deployment.index], now: now,
        throttled: refusal(of: deployment, estimate: 0, at: now, recordThrottle: false)
          == .throttled)
    }
  }

  /// Returns the current quota period of `deployment`, after any rollover.
  public func currentPeriod(of deployment: DeploymentID) -> QuotaPeriod {
    let now = clock.now
    return lock.withLock {
      rollOver(deployment, at: now)
      return states[deployment.index].period
    }
  }

  /// Snapshots of every deployment, in catalog order.
  public func statuses() -> [DeploymentQuotaStatus] {
    catalog.ids.map(status(of:))
  }
}

/// The tracker's decision on a request for admission.
public enum Admission: Sendable, Equatable {
  /// Admitted; the estimate is reserved until the reservation is settled.
  case admitted(Reservation)
  /// Refused by the proactive throttle.
  case throttled
  /// Refused because a retry delay over the cap blocked the deployment until then.
  case blocked(until: Instant)
  /// Refused because the server declared the quota exhausted until then.
  case exhausted(until: Instant)
  /// Refused because the deployment denied access.
  case accessDenied
}

/// Tokens reserved for one request in flight on one deployment.
public struct Reservation: Sendable, Hashable {
  /// The deployment the tokens are reserved on.
  public let deployment: DeploymentID
  /// The reserved estimate in tokens.
  public let tokens: Int64
  /// A number unique within the tracker that issued it.
  public let id: UInt64
}
