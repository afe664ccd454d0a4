/// Decides, for each request, where to send it, how long to wait and when to give up.
///
/// The enforcer never sleeps, never does I/O and never reads the wall clock: it returns
/// decisions as plain values (``SendDecision``, ``ResponseDecision``) that a driver carries
/// out, the simulator on its virtual clock and a real client with `Task.sleep` and HTTP.
///
/// A request walks its deployment's route (itself, its fallbacks depth-first, the default
/// fallback), calling each deployment at most once. Retries count per request and
/// deployment, and a hop never resets a deployment's count. A server delay at or under
/// ``LimiterPolicy/maxRetryDelay`` is waited out and the same deployment retried, never
/// sooner; a longer one blocks the deployment and moves the request on at once. Quota
/// exhaustion and access denial are never retried on the deployment that sent them, unless
/// ``LimiterPolicy/quotaExhaustionAction`` asks for retries of quota exhaustion.
///
/// The enforcer is a value with no mutable state of its own; all shared state lives in the
/// thread-safe ``QuotaTracker``, so one enforcer can serve many threads.
public struct ThrottleEnforcer: Sendable {
  /// The tracker whose usage and flags the decisions read and update.
  public let tracker: QuotaTracker
  /// The retry, fallback and overflow settings.
  public let policy: LimiterPolicy
  private let backoff: Backoff

  /// Creates an enforcer over `tracker`, using the tracker's policy unless one is given.
  public init(tracker: QuotaTracker, policy: LimiterPolicy? = nil) {
    self.tracker = tracker
    self.policy = policy ?? tracker.policy
    self.backoff = Backoff(policy: self.policy)
  }

  /// Starts following a request of `estimate` tokens aimed at `primary`.
  public func makeRequest(id: UInt64, estimate: Int64, primary: DeploymentID) -> RequestState {
    let routeLength = tracker.routeBounds[primary.index].count
    precondition(routeLength <= 64, "a route visits at most 64 deployments, found \(routeLength)")
    return RequestState(
      id: id, estimate: estimate, primary: primary, createdAt: tracker.clock.now)
  }

  /// Returns whether the proactive throttle refuses new requests to `deployment` now.
  public func shouldThrottle(_ deployment: DeploymentID, estimate: Int64 = 0) -> Bool {
    tracker.isThrottled(deployment, estimate: estimate)
  }

  // MARK: - Before sending

  /// Decides where the request's next attempt goes, or that it waits or is dropped.
  ///
  /// With a retry pending, the attempt goes to the same deployment unless that deployment
  /// was exhausted, blocked or denied access in the meantime. Otherwise the route is walked
  /// from the start, passing over deployments already called, and the first deployment that
  /// admits the request gets it.
  public func nextStep(
    for request: inout RequestState, observer: (any RoutingObserver)? = nil
  ) -> SendDecision {
    if let reservation = request.reservation {
      switch tracker.refusal(on: reservation.deployment, estimate: request.estimate) {
      case .some(.exhausted), .some(.blocked), .some(.accessDenied):
        tracker.release(reservation)
        request.reservation = nil
      default:
        request.attempts += 1
        return .send(to: reservation.deployment)
      }
    }
    return walkRoute(&request, observer: observer)
  }

  private func walkRoute(
    _ request: inout RequestState, observer: (any RoutingObserver)?
  ) -> SendDecision {
    let now = tracker.clock.now
    let route = tracker.routeBounds[request.primary.index]
    let maxPosition = min(route.count - 1, policy.maxFallbacks ?? Int.max)
    // Only a deferral waits for a throttled deployment's next period, so only then is it read.
    let mayDefer = if case .deferUpTo = policy.overflow { true } else { false }
    var earliestOpening: Instant?
    var position = 0
    while position <= maxPosition {
      defer { position += 1 }
      if request.calledPositions & (1 << UInt64(position)) != 0 { continue }
      let deployment = tracker.routeTable[route.start + position]
      if request.estimate > tracker.tokensPerMinute[deployment.index] {
        request.lastFailure =
          request.lastFailure ?? .neverAdmissible(deployment: Int32(deployment.index))
        continue
      }
      switch tracker.reserve(request.estimate, on: deployment) {
      case .admitted(let reservation):
        admit(&request, reservation: reservation, position: position)
        return .send(to: deployment)
      case .throttled:
        request.localThrottles += 1
        observer?.enforcerDidThrottle(deployment, request: request)
        if mayDefer {
          earliestOpening = earliest(earliestOpening, tracker.currentPeriod(of: deployment).end)
        }
      case .exhausted(let until):
        request.skips += 1
        observer?.enforcerDidSkip(deployment, because: .exhausted(until: until), request: request)
        earliestOpening = earliest(earliestOpening, until)
      case .blocked(let until):
        request.skips += 1
        observer?.enforcerDidSkip(deployment, because: .blocked(until: until), request: request)
        earliestOpening = earliest(earliestOpening, until)
      case .accessDenied:
        request.skips += 1
        observer?.enforcerDidSkip(deployment, because: .accessDenied, request: request)
      }
    }
    return overflow(&request, earliestOpening: earliestOpening, now: now)
  }

  private func admit(_ request: inout RequestState, reservation: Reservation, position: Int) {
    if reservation.deployment != request.primary, request.current != reservation.deployment {
      request.fallbacks += 1
    }
    request.reservation = reservation
    request.current = reservation.deployment
    request.calledPositions |= 1 << UInt64(position)
    request.retriesOnCurrent = 0
    request.deferredSince = nil
    request.attempts += 1
  }

  private func overflow(
    _ request: inout RequestState, earliestOpening: Instant?, now: Instant
  ) -> SendDecision {
    let reason = request.lastFailure.map(reason(for:)) ?? .noDeploymentAvailable
    guard case .deferUpTo(let maxWait) = policy.overflow, let opening = earliestOpening else {
      return .drop(reason)
    }
    let since = request.deferredSince ?? now
    let wait = now.duration(to: opening)
    guard since.duration(to: opening) <= maxWait,
      request.waitedMicroseconds.addingClamped(wait.microseconds)
        <= policy.maxTotalWait.microseconds
    else {
      return .drop(.waitLimitExceeded)
    }
    request.deferredSince = since
    request.deferrals += 1
    request.waitedMicroseconds = request.waitedMicroseconds.addingClamped(wait.microseconds)
    return .deferUntil(opening)
  }

  // MARK: - After a response

  /// Decides what follows an attempt's outcome, and settles the attempt's reservation.
  ///
  /// - Precondition: the request has an attempt in flight (the last decision was a send).
  public func handle(
    _ outcome: AttemptOutcome, for request: inout RequestState,
    observer: (any RoutingObserver)? = nil
  ) -> ResponseDecision {
    guard let reservation = request.reservation else {
      preconditionFailure("request \(request.id) has no attempt in flight")
    }
    let now = tracker.clock.now
    let deployment = reservation.deployment

    let responseClass = ResponseClassifier.classify(outcome, now: now)
    if case .success(let usage) = responseClass {
      return handleSuccess(usage: usage, for: &request, observer: observer)
    }
    let name = tracker.catalog[deployment].name
    switch responseClass {
    case .success:
      preconditionFailure("a success was handled above")

    case .rateLimited(let hint):
      return retryOrMoveOn(
        &request, hint: retryHint(hint, of: outcome, now: now),
        failure: .retriesExhausted(deployment: name), now: now, observer: observer)

    case .transient(let status, let hint):
      let failure: FailureReason =
        status.map { .httpStatus($0, deployment: name) } ?? .upstreamUnavailable(deployment: name)
      return retryOrMoveOn(
        &request, hint: retryHint(hint, of: outcome, now: now), failure: failure, now: now,
        observer: observer)

    case .quotaExhausted where policy.quotaExhaustionAction == .retry:
      return retryOrMoveOn(
        &request, hint: quotaRetryHint(of: outcome, now: now),
        failure: .quotaExhausted(deployment: name), now: now, observer: observer)

    case .quotaExhausted(let replenishAt):
      tracker.markExhausted(deployment, until: replenishAt)
      return moveOn(&request, failure: .quotaExhausted(deployment: name), observer: observer)

    case .accessDenied:
      tracker.markAccessDenied(deployment)
      return moveOn(&request, failure: .accessDenied(deployment: name), observer: observer)

    case .clientError(let status, let code):
      if case .response(let response) = outcome, let usage = response.usage {
        let alerts = tracker.record(usage, for: deployment)
        if !alerts.isEmpty { observer?.enforcerDidFire(alerts) }
      }
      let failure = FailureReason.clientError(status: status, code: code, deployment: name)
      if policy.clientErrorAction == .fallBack {
        return moveOn(&request, failure: failure, observer: observer)
      }
      return fail(&request, failure: failure)

    case .cancelled:
      return fail(&request, failure: .cancelled)
    }
  }

  /// Releases the request's reservation and ends it with `failure`, trying no other deployment.
  private func fail(_ request: inout RequestState, failure: FailureReason) -> ResponseDecision {
    if let reservation = request.reservation {
      tracker.release(reservation)
      request.reservation = nil
    }
    return .fail(failure)
  }

  /// Charges a 2xx response's `usage` and settles the attempt's reservation. It decides as
  /// ``handle(_:for:observer:)`` does for a 2xx response, without building one.
  ///
  /// A `nil` usage charges the whole estimate, flagged as estimated, as for a response whose
  /// body reported none.
  ///
  /// - Returns: ``ResponseDecision/done(_:)`` with the usage charged.
  /// - Precondition: the request has an attempt in flight (the last decision was a send).
  public func handleSuccess(
    usage: TokenUsage?, for request: inout RequestState, observer: (any RoutingObserver)? = nil
  ) -> ResponseDecision {
    guard let reservation = request.reservation else {
      preconditionFailure("request \(request.id) has no attempt in flight")
    }
    request.reservation = nil
    let charged = usage ?? .estimated(totalTokens: reservation.tokens)
    let alerts = tracker.complete(reservation, usage: usage)
    if !alerts.isEmpty { observer?.enforcerDidFire(alerts) }
    return .done(charged)
  }

  /// Gives up on the request: releases a held reservation. Safe to call in any state.
  public func cancel(_ request: inout RequestState) {
    if let reservation = request.reservation {
      tracker.release(reservation)
      request.reservation = nil
    }
  }

  /// Returns the server's retry delay as ``LimiterPolicy/retryDelayRule`` reads it, given
  /// `parsed`, the delay of the first valid retry header of `outcome`.
  private func retryHint(_ parsed: RetryHint?, of outcome: AttemptOutcome, now: Instant)
    -> RetryHint?
  {
    switch policy.retryDelayRule {
    case .serverHints:
      return parsed
    case .computedBackoffOnly:
      return nil
    case .secondsHeaderOnly:
      guard case .response(let response) = outcome else { return nil }
      return RetryAfterParser.secondsHint(in: response.headers, now: now)
    }
  }

  /// Returns the retry delay of a quota-exhaustion response retried as a transient failure,
  /// under ``LimiterPolicy/retryDelayRule``.
  private func quotaRetryHint(of outcome: AttemptOutcome, now: Instant) -> RetryHint? {
    guard case .response(let response) = outcome else { return nil }
    let parsed = RetryAfterParser.hint(in: response.headers, now: now)
    return retryHint(parsed, of: outcome, now: now)
  }

  private func retryOrMoveOn(
    _ request: inout RequestState, hint: RetryHint?, failure: FailureReason, now: Instant,
    observer: (any RoutingObserver)?
  ) -> ResponseDecision {
    guard let reservation = request.reservation else { return .fail(failure) }
    let delay =
      hint?.delay
      ?? backoff.delay(forRetry: request.retriesOnCurrent, requestID: request.id)

    // A delay over the cap is decided before any wait: block, then move on at once.
    if delay > policy.maxRetryDelay {
      let blockFor = min(delay, policy.maxBlock)
      tracker.block(reservation.deployment, until: now.advanced(by: blockFor))
      return moveOn(&request, failure: failure, observer: observer)
    }
    if request.retriesOnCurrent >= policy.maxRetries {
      if policy.retriesExhaustedAction == .fail { return fail(&request, failure: failure) }
      return moveOn(&request, failure: failure, observer: observer)
    }
    let waited = request.waitedMicroseconds.addingClamped(delay.microseconds)
    if waited > policy.maxTotalWait.microseconds {
      return moveOn(&request, failure: .waitLimitExceeded, observer: observer)
    }
    request.retriesOnCurrent += 1
    request.retries += 1
    request.waitedMicroseconds = waited
    return .retry(at: now.advanced(by: delay))
  }

  private func moveOn(
    _ request: inout RequestState, failure: FailureReason, observer: (any RoutingObserver)?
  ) -> ResponseDecision {
    if let reservation = request.reservation {
      tracker.release(reservation)
      request.reservation = nil
    }
    request.lastFailure = note(for: failure, likely: request.current)
    switch walkRoute(&request, observer: observer) {
    case .send(let deployment): return .fallBack(to: deployment)
    case .deferUntil(let instant): return .deferUntil(instant)
    case .drop(let reason): return .fail(reason)
    }
  }

  private func earliest(_ current: Instant?, _ candidate: Instant) -> Instant {
    guard let current else { return candidate }
    return min(current, candidate)
  }
}
