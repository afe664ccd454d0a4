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
  /// The maximum server-requested delay that is waited out; a longer one blocks the deployment
  /// and moves the request to its fallback at once. Inclusive. Default 60 s.
  public var maxRetryDelay: Duration = .seconds(60)
  /// The longest a deployment is blocked by one over-cap delay. Default 24 h.
  public var maxBlock: Duration = .seconds(86_400)
  /// The maximum time one request may spend waiting, retries and deferrals together. Default 10 min.
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
  /// The retry headers that set the wait before a retry. Default: all of them, milliseconds first.
  public var retryDelayRule: RetryDelayRule = .serverHints
  /// The action after a response that declares the deployment's quota exhausted. Default: fall back.
  public var quotaExhaustionAction: QuotaExhaustionAction = .fallBack
  /// The action when a request has used its ``maxRetries`` retries on a deployment and fails
  /// again there. Default: fall back.
  public var retriesExhaustedAction: RetriesExhaustedAction = .fallBack

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

/// The client's action on a request whose retries on a deployment are used up, when the last
/// attempt failed again with a retryable response (a 429 or a transient failure).
public enum RetriesExhaustedAction: String, Sendable, Equatable, CaseIterable {
  /// Move on to the next deployment of the route, as with any other failure there.
  case fallBack
  /// Fail the request at once. Clients whose retry layer sits below their fallback layer do
  /// this, because the retry layer reports its give-up as a final error.
  case fail
}

/// The response headers that set the wait before retrying a rate limit or a transient failure.
///
/// Only ``serverHints`` follows the server. The others reproduce clients that read fewer
/// headers, so a simulation or a replay can show what such a client costs.
public enum RetryDelayRule: String, Sendable, Equatable, CaseIterable {
  /// The first valid of `retry-after-ms`, `x-ms-retry-after-ms`, `retry-after` in seconds and
  /// `retry-after` as an HTTP date, else the computed backoff.
  case serverHints
  /// `retry-after` alone (seconds or an HTTP date), else the computed backoff. The millisecond
  /// headers are ignored, as by clients written before Azure sent them, so a 1.5 s hint
  /// sent as `retry-after-ms: 1500` and `retry-after: 2` is waited as 2 s.
  case secondsHeaderOnly
  /// The computed backoff always; every retry header is ignored.
  case computedBackoffOnly
}

/// The client's action after a response that declares the deployment's quota exhausted, that
/// is, a 403 about a quota or a 429 whose `error.code` is `insufficient_quota`.
///
/// Access-denied 403s are not affected: they always move the request on.
public enum QuotaExhaustionAction: String, Sendable, Equatable, CaseIterable {
  /// Mark the deployment exhausted until the stated replenish time or the period's end, and
  /// move the request to its fallback at once, without retrying.
  case fallBack
  /// Treat the response as a transient failure: retry the same deployment under the retry
  /// budget and delay cap, without marking it exhausted. Quota exhaustion does not clear
  /// within a retry's wait, so this wastes attempts; it exists to measure that mistake.
  case retry
}
