/// The simulated endpoint's decision on one request when it arrives.
public enum EndpointAnswer: Equatable, Sendable {
  /// The request was admitted and counts against both rate windows. Its response follows after
  /// the service time.
  case admitted
  /// Azure's rate limit rejected the request with a 429, and the token window did not record it.
  case rateLimited(RateLimitRefusal)
  /// The request's admission estimate exceeds the whole TPM, so no delay would ever admit it.
  case neverAdmissible
  /// The gateway's period token quota is used up, so requests get a 403 until the UTC period
  /// boundary.
  ///
  /// `retryAfterSeconds` is the time to `periodEnd` in whole seconds, rounded up.
  case quotaExceeded(retryAfterSeconds: Int64, periodEnd: Instant)
}

/// The rate-limit windows that rejected a request.
public enum RateLimitWindow: String, Equatable, Sendable, CaseIterable {
  /// The sliding 10-second window of admitted requests.
  case requests
  /// The sliding 60-second window of admission estimates.
  case tokens
  /// Both windows, so the retry delay is the later of the two.
  case both
}

/// The content of a 429 from the simulated endpoint: the retry delay, the blocking window and
/// the capacity left.
public struct RateLimitRefusal: Equatable, Sendable {
  /// The exact time until the blocking windows admit this request, in microseconds (at least 1),
  /// assuming no other request is admitted first.
  public var retryAfterMicroseconds: Int64
  /// The window or windows that rejected the request.
  public var blockingWindow: RateLimitWindow
  /// Requests left in the 10-second window after this decision (`x-ratelimit-remaining-requests`).
  public var remainingRequests: Int64
  /// Tokens left in the 60-second window after this decision (`x-ratelimit-remaining-tokens`).
  public var remainingTokens: Int64

  public init(
    retryAfterMicroseconds: Int64, blockingWindow: RateLimitWindow, remainingRequests: Int64,
    remainingTokens: Int64
  ) {
    self.retryAfterMicroseconds = retryAfterMicroseconds
    self.blockingWindow = blockingWindow
    self.remainingRequests = remainingRequests
    self.remainingTokens = remainingTokens
  }

  /// The delay in whole milliseconds rounded up, as `retry-after-ms` carries it, so a retry at
  /// the hinted instant is never early.
  public var retryAfterMilliseconds: Int64 {
    ceilingDivision(retryAfterMicroseconds, by: 1_000)
  }

  /// The delay in whole seconds rounded up, as `retry-after` carries it.
  public var retryAfterSeconds: Int64 {
    ceilingDivision(retryAfterMicroseconds, by: 1_000_000)
  }
}

/// Divides a non-negative `microseconds` by `unit`, rounding up.
private func ceilingDivision(_ microseconds: Int64, by unit: Int64) -> Int64 {
  let quotient = microseconds / unit
  return microseconds % unit > 0 ? quotient + 1 : quotient
}
