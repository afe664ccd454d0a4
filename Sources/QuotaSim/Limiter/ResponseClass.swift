/// The meaning of an attempt's outcome for the limiter, which decides between done, retry,
/// fall back and fail.
public enum ResponseClass: Sendable, Equatable {
  /// A 2xx response, with the usage its body reported, or `nil` when it reported none.
  case success(TokenUsage?)
  /// A 429 that is a rate limit, with the delay the server asked for, if any.
  case rateLimited(RetryHint?)
  /// A 408, 500, 502, 503 or 504 response, or a connection failure or timeout (status `nil`),
  /// with the delay the server asked for, if any.
  case transient(status: Int?, RetryHint?)
  /// The deployment's quota is used up: a 429 with `error.code` `insufficient_quota`, or a
  /// 403 about a quota. `replenishAt` is the instant the response states the quota
  /// renews, or `nil` when it states none, in which case the quota renews at the period's end.
  case quotaExhausted(replenishAt: Instant?)
  /// A 403 that is not about a quota: the key, network rule or role denies access.
  case accessDenied
  /// Any other status: a 4xx such as a 400 `content_filter`, or a status not listed above.
  /// Final, and never taken for a rate limit.
  case clientError(status: Int, code: String?)
  /// The caller cancelled the request.
  case cancelled
}
