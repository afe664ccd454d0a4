/// The client's limiter settings: alerts, the proactive throttle, retries and fallbacks.
///
/// Zero is a value, not "unset": `maxRetries: 0` means no retry and `maxFallbacks: 0` means no
/// fallback.
public struct LimiterPolicy: Sendable, Equatable {
  /// Fractions of the period quota at which an alert fires, inclusive (`used ≥ fraction × quota`),
  /// once each per deployment and period. Default 0.80 and 0.90.
  public var alertThresholds: [Double] = [0.80, 0.90]
  /// The fraction of the period quota above which the client stops sending. Default 0.95.
  public var throttleThreshold: Double = 0.95
  /// How the throttle compares usage with ``throttleThreshold``.
  public var throttleRule: ThrottleRule = .reservedBelowThreshold
  /// Retries per request and deployment after the first attempt. Default 3.
  public var maxRetries: Int = 3
  /// Fallback hops per request, or `nil` for as many as the route has.
  public var maxFallbacks: Int? = nil
  /// The longest server-requested delay that is waited out; a longer one blocks the deployment
  /// and moves the request to its fallback at once. Inclusive. Default 60 s.
  public var maxRetryDelay: Duration = .seconds(60)
  /// The longest a deployment is blocked by one over-cap delay. Default 24 h.
  public var maxBlock: Duration = .seconds(86_400)
  /// The most time one request may spend waiting, retries and deferrals together. Default 10 min.
  public var maxTotalWait: Duration = .seconds(600)
  /// The first computed backoff, used when a transient failure carries no valid delay. Default 1 s.
  public var backoffBase: Duration = .seconds(1)
  /// The longest computed backoff. Default 60 s.
  public var backoffMax: Duration = .seconds(60)
  /// Random spread of computed backoff, as a fraction: 0.2 draws from ±20 %. Default 0, so
  /// waits are exactly 1 s, 2 s, 4 s, …
  public var backoffJitter: Double = 0
  /// Seed of the backoff jitter; with the request's ID it fixes every jittered wait.
  public var seed: UInt64 = 0
  /// What happens to a request that no deployment on its route can take now.
  public var overflow: OverflowAction = .drop
  /// Whether a final 4xx (a content filter, say) moves the request to its fallback.
  public var clientErrorAction: ClientErrorAction = .fail

  public init() {}
}

/// How the proactive throttle decides that a deployment is too full to take a request.
public enum ThrottleRule: String, Sendable, Equatable, CaseIterable {
  /// Admit when `used + reserved < threshold × quota`, counting the reservations of requests in
  /// flight but not this request's own estimate, which is reserved on admission.
  case reservedBelowThreshold
  /// Admit when `used + estimate ≤ threshold × quota`, ignoring requests in flight: the simpler
  /// rule of the SimPy reference benchmark.
  case estimateWithinThreshold
}

/// What the client does with a request that no deployment can take now.
public enum OverflowAction: Sendable, Equatable {
  /// Return no completion at once.
  case drop
  /// Hold the request until the earliest instant a deployment can take it, waiting at most
  /// `maxWait`; drop it if that instant is later.
  case deferUpTo(maxWait: Duration)
}

/// What a final 4xx response other than quota and rate limits does.
public enum ClientErrorAction: String, Sendable, Equatable {
  /// Surface the error; the request fails.
  case fail
  /// Try the next deployment on the route.
  case fallBack
}
