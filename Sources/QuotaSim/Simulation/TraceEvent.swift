/// One decision about a request, as a simulation or a replay traces it.
///
/// A request's trace reads as a story: a `send` line when an attempt goes out, then, when its
/// response is handled, a line with the response and the enforcer's decision (`done`,
/// `retry`, `fallBack`, `defer` or `fail`). A request that no deployment can take gets a
/// `defer` or `drop` line without a response.
public struct TraceEvent: Sendable, Equatable {
  /// The enforcer's decision.
  public enum Kind: String, Sendable, CaseIterable {
    /// An attempt was sent to the deployment.
    case attempt = "send"
    /// The request succeeded.
    case done
    /// The request waits, then retries the same deployment.
    case retry
    /// The request moves on to the next deployment of its route now.
    case fallBack
    /// The request is held until a deployment can take it.
    case deferral = "defer"
    /// The request ends without a completion after a response.
    case failure = "fail"
    /// The request ends without a completion before any deployment could take it.
    case drop
  }

  /// When it happened.
  public var at: Instant
  /// The request's number.
  public var request: UInt64
  /// The workload that generated the request, or `nil` in a replay.
  public var workload: String?
  /// The deployment the attempt went to. For a drop, or a deferral decided before sending,
  /// it is the deployment last sent to, or the primary when none was.
  public var deployment: String
  /// Attempts sent so far for the request, on all deployments. On a response line it is the
  /// number of the attempt that got the response, even after a fallBack reserved the next.
  public var attempt: Int
  /// The decision.
  public var kind: Kind
  /// The HTTP status of the response that led to the decision.
  public var status: Int?
  /// The outcome of an attempt that got no HTTP response, such as `connection failed`.
  public var outcome: String?
  /// The instant a wait ends, for retries and deferrals.
  public var until: Instant?
  /// The total tokens charged, for `done`.
  public var tokens: Int64?
  /// The reason the request ended, for `fail` and `drop`.
  public var error: String?

  public init(
    at: Instant, request: UInt64, workload: String? = nil, deployment: String, attempt: Int,
    kind: Kind, status: Int? = nil, outcome: String? = nil, until: Instant? = nil,
    tokens: Int64? = nil, error: String? = nil
  ) {
    self.at = at
    self.request = request
    self.workload = workload
    self.deployment = deployment
    self.attempt = attempt
    self.kind = kind
    self.status = status
    self.outcome = outcome
    self.until = until
    self.tokens = tokens
    self.error = error
  }

  /// The wait until ``until``, for retries and deferrals.
  public var wait: Duration? { until.map { at.duration(to: $0) } }

  /// The response as a trace shows it: the HTTP status, or the outcome without one.
  public var responseText: String? { status.map(String.init) ?? outcome }
}
