/// The response header a retry delay was read from.
public enum RetryDelaySource: String, Sendable, Equatable {
  /// `retry-after-ms`, in milliseconds.
  case retryAfterMilliseconds
  /// `x-ms-retry-after-ms`, in milliseconds.
  case msRetryAfterMilliseconds
  /// `retry-after` as delta-seconds.
  case retryAfterSeconds
  /// `retry-after` as an HTTP date, measured from the instant the response was classified.
  case retryAfterDate
}

/// A delay the server asked for before the next attempt, and where it came from.
public struct RetryHint: Sendable, Equatable {
  /// The delay; zero means the server allows a retry at once. Never negative.
  public var delay: Duration
  /// The header the delay was read from.
  public var source: RetryDelaySource

  public init(delay: Duration, source: RetryDelaySource) {
    self.delay = delay
    self.source = source
  }
}
