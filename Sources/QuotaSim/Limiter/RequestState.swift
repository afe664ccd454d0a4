/// One request as the throttle enforcer follows it, from its first decision to its outcome.
///
/// The caller creates it with ``ThrottleEnforcer/makeRequest(id:estimate:primary:)`` and passes
/// it back, `inout`, with every decision. Its route is the catalog's route of ``primary``, and
/// the failure it met last is stored as a ``FailureNote``, so the state holds no reference
/// and a simulator can keep thousands in a flat array and copy them as plain bytes. Counts
/// and deployment indices are stored in 32 bits to keep it small.
/// NOTE: a count above `Int32.max` (about 2.1 billion) is stored as `Int32.max`.
public struct RequestState: Sendable, Equatable {
  /// The caller's number for the request; it also seeds the request's backoff jitter.
  public let id: UInt64
  /// The admission estimate in tokens: prompt plus `max_tokens` (or the default reservation).
  public let estimate: Int64
  /// When the request was created.
  public let createdAt: Instant
  /// Total time spent waiting for retries and deferrals, in microseconds.
  public internal(set) var waitedMicroseconds: Int64 = 0
  /// Route positions already called, one bit each; a deployment is called at most once.
  var calledPositions: UInt64 = 0
  /// The tokens and number of the reservation held, when ``reservedDeploymentIndex`` is not -1.
  private var reservedTokens: Int64 = 0
  private var reservationID: UInt64 = 0
  /// The failure to report if the request is dropped.
  var lastFailure: FailureNote?
  private let primaryIndex: Int32
  /// The index of ``current``, or -1 for `nil`.
  private var currentIndex: Int32 = -1
  /// The deployment index of the reservation held, or -1 without one.
  private var reservedDeploymentIndex: Int32 = -1
  private var attemptCount: Int32 = 0
  private var retryCount: Int32 = 0
  private var fallbackCount: Int32 = 0
  private var localThrottleCount: Int32 = 0
  private var skipCount: Int32 = 0
  private var deferralCount: Int32 = 0
  private var retriesOnCurrentCount: Int32 = 0
  var deferredSince: Instant?

  init(id: UInt64, estimate: Int64, primary: DeploymentID, createdAt: Instant) {
    self.id = id
    self.estimate = estimate
    self.primaryIndex = Int32(primary.index)
    self.createdAt = createdAt
  }

  /// The deployment the request is aimed at.
  public var primary: DeploymentID { DeploymentID(Int(primaryIndex)) }

  /// The deployment of the attempt in progress or last made.
  public internal(set) var current: DeploymentID? {
    get { currentIndex < 0 ? nil : DeploymentID(Int(currentIndex)) }
    set { currentIndex = newValue.map { Int32($0.index) } ?? -1 }
  }

  /// Attempts sent so far, on all deployments.
  public internal(set) var attempts: Int {
    get { Int(attemptCount) }
    set { attemptCount = Int32(clamping: newValue) }
  }

  /// Retries so far, on all deployments.
  public internal(set) var retries: Int {
    get { Int(retryCount) }
    set { retryCount = Int32(clamping: newValue) }
  }

  /// Times the request moved on to another deployment of its route after the primary.
  public internal(set) var fallbacks: Int {
    get { Int(fallbackCount) }
    set { fallbackCount = Int32(clamping: newValue) }
  }

  /// Deployments passed over because the proactive throttle refused the request.
  public internal(set) var localThrottles: Int {
    get { Int(localThrottleCount) }
    set { localThrottleCount = Int32(clamping: newValue) }
  }

  /// Deployments passed over because they were exhausted, blocked or denied access.
  public internal(set) var skips: Int {
    get { Int(skipCount) }
    set { skipCount = Int32(clamping: newValue) }
  }

  /// Times the request was deferred.
  public internal(set) var deferrals: Int {
    get { Int(deferralCount) }
    set { deferralCount = Int32(clamping: newValue) }
  }

  /// Retries on the deployment of the current attempt.
  var retriesOnCurrent: Int {
    get { Int(retriesOnCurrentCount) }
    set { retriesOnCurrentCount = Int32(clamping: newValue) }
  }

  /// The reservation of the attempt in flight or of the retry pending.
  var reservation: Reservation? {
    get {
      guard reservedDeploymentIndex >= 0 else { return nil }
      return Reservation(
        deployment: DeploymentID(Int(reservedDeploymentIndex)), tokens: reservedTokens,
        id: reservationID)
    }
    set {
      guard let newValue else {
        reservedDeploymentIndex = -1
        return
      }
      reservedDeploymentIndex = Int32(newValue.deployment.index)
      reservedTokens = newValue.tokens
      reservationID = newValue.id
    }
  }

  /// Whether a reservation is open for the request: an attempt is in flight or a retry of it
  /// is pending.
  public var holdsReservation: Bool { reservedDeploymentIndex >= 0 }

  /// Whether the deployment of the current attempt is not the primary.
  public var isOnFallback: Bool { currentIndex >= 0 && currentIndex != primaryIndex }
}

/// The enforcer's decision on a request before it is sent.
public enum SendDecision: Sendable, Equatable {
  /// Send an attempt to this deployment now; its estimate is reserved.
  case send(to: DeploymentID)
  /// Hold the request and ask again at this instant.
  case deferUntil(Instant)
  /// Return no completion: no deployment on the route can take the request.
  case drop(FailureReason)
}

/// The enforcer's decision after an attempt's outcome.
public enum ResponseDecision: Sendable, Equatable {
  /// The request succeeded; this usage was charged.
  case done(TokenUsage)
  /// Wait until this instant, then ask ``ThrottleEnforcer/nextStep(for:)`` again; it sends to
  /// the same deployment.
  case retry(at: Instant)
  /// Send the next attempt to this deployment now; its estimate is reserved.
  case fallBack(to: DeploymentID)
  /// Hold the request and ask ``ThrottleEnforcer/nextStep(for:)`` again at this instant.
  case deferUntil(Instant)
  /// The request ends without a completion, for this reason.
  case fail(FailureReason)
}

/// The reason a request ended without a completion.
public enum FailureReason: Sendable, Hashable, CustomStringConvertible {
  /// Every deployment on the route was throttled, exhausted, blocked or denied access.
  case noDeploymentAvailable
  /// The request's estimate exceeds the deployment's whole tokens-per-minute limit.
  case neverAdmissible(deployment: String)
  /// Rate-limit responses (429) outlasted the retry budget on the deployment.
  case retriesExhausted(deployment: String)
  /// Connection failures or timeouts outlasted the retry budget on the deployment.
  case upstreamUnavailable(deployment: String)
  /// A transient HTTP status (408, 5xx) outlasted the retry budget on the deployment.
  case httpStatus(Int, deployment: String)
  /// A final client error such as a 400 content filter.
  case clientError(status: Int, code: String?, deployment: String)
  /// The server declared the deployment's quota exhausted.
  case quotaExhausted(deployment: String)
  /// The deployment denied access.
  case accessDenied(deployment: String)
  /// Waiting would pass the policy's total wait or deferral limit.
  case waitLimitExceeded
  /// The caller cancelled the request.
  case cancelled

  /// A short identifier for reports and counters, such as `retries_exhausted`.
  public var code: String {
    switch self {
    case .noDeploymentAvailable: "no_deployment"
    case .neverAdmissible: "never_admissible"
    case .retriesExhausted: "retries_exhausted"
    case .upstreamUnavailable: "upstream_unavailable"
    case .httpStatus: "http_status"
    case .clientError: "client_error"
    case .quotaExhausted: "quota_exhausted"
    case .accessDenied: "access_denied"
    case .waitLimitExceeded: "wait_limit_exceeded"
    case .cancelled: "cancelled"
    }
  }

  public var description: String {
    switch self {
    case .noDeploymentAvailable:
      "no deployment on the route can take the request"
    case .neverAdmissible(let name):
      "the request's estimate exceeds the whole tokens-per-minute limit of \(name)"
    case .retriesExhausted(let name):
      "HTTP 429 from \(name) after the last retry"
    case .upstreamUnavailable(let name):
      "\(name) was unreachable after the last retry"
    case .httpStatus(let status, let name):
      "HTTP \(status) from \(name)"
    case .clientError(let status, let code, let name):
      "HTTP \(status)\(code.map { " \($0)" } ?? "") from \(name)"
    case .quotaExhausted(let name):
      "the quota of \(name) is exhausted"
    case .accessDenied(let name):
      "\(name) denied access"
    case .waitLimitExceeded:
      "waiting longer would pass the policy's wait limit"
    case .cancelled:
      "the request was cancelled"
    }
  }
}

/// Receives what the enforcer passes over while routing, for counters and reports.
public protocol RoutingObserver: AnyObject {
  /// The proactive throttle refused the request on `deployment`.
  func enforcerDidThrottle(_ deployment: DeploymentID, request: RequestState)
  /// The request passed over `deployment`, which was exhausted, blocked or denied access.
  func enforcerDidSkip(
    _ deployment: DeploymentID, because admission: Admission, request: RequestState)
  /// Recording the request's usage fired these alerts.
  func enforcerDidFire(_ alerts: [QuotaAlert])
}
