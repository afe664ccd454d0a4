/// Time series of one run for charts: tokens per hour, refusals per day, the busiest day's
/// tokens per minute and the latency distribution.
///
/// Memory is bounded by the horizon, not by the number of requests: one counter per hour and
/// deployment, two per day and deployment, and 1,440 per deployment for the busiest day.
/// Hours, days and minutes count from the run's start, so with a start at 00:00 UTC day `d`
/// is a UTC calendar day.
public struct RunSeries: Sendable, Equatable, Codable {
  /// The limiter's alert thresholds as fractions of the quota, such as 0.8.
  public var alertThresholds: [Double]
  /// The limiter's throttle threshold as a fraction of the quota.
  public var throttleThreshold: Double
  /// Per deployment, in catalog order.
  public var deployments: [DeploymentSeries]
  /// End-to-end latency of served requests, waits included: the non-empty buckets of the
  /// run's latency histogram in increasing order.
  public var latency: [LatencyBucket]
}

/// One deployment's time series.
public struct DeploymentSeries: Sendable, Equatable, Codable {
  /// The deployment's TPM limit.
  public var tokensPerMinuteLimit: Int64
  /// Total tokens of responses served here, per hour from the run's start.
  public var tokensPerHour: [Int64]
  /// 429 responses from this deployment, per day from the run's start.
  public var rateLimitedPerDay: [Int64]
  /// 403 quota responses from this deployment, per day from the run's start.
  public var quotaRefusedPerDay: [Int64]
  /// The day, from the run's start, with the most admitted estimate tokens, or `nil` when
  /// nothing was admitted.
  public var busiestDay: Int?
  /// Admitted attempts' Azure estimate tokens per minute of ``busiestDay``: what the
  /// endpoint's TPM window counts.
  public var busiestDayTokensPerMinute: [Int64]
}

/// One bucket of a latency histogram.
public struct LatencyBucket: Sendable, Equatable, Codable {
  /// The bucket's largest value, in microseconds.
  public var upperMicroseconds: Int64
  /// The number of values in the bucket.
  public var count: Int64
}
