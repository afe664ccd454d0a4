/// A number read from one replication's result, such as the 429 responses of a period, that
/// reports average over replications.
public struct Figure<Source>: Sendable {
  /// The unit of a figure's values, which decides how tables write them.
  public enum Unit: Sendable {
    /// A count of requests, responses or tokens.
    case count
    /// A fraction from 0 to 1, written as a percentage.
    case fraction
    /// A percentage already multiplied by 100.
    case percent
    /// US dollars.
    case dollars
    /// Seconds.
    case seconds
  }

  /// The key in JSON and CSV output, such as `rateLimitedPerAttempt`.
  public let name: String
  /// The row label in tables, such as `429 per attempt`.
  public let label: String
  /// The unit of the values.
  public let unit: Unit
  /// Returns the value in one replication, or `nil` where the figure is undefined, such as a
  /// rate without attempts.
  public let value: @Sendable (Source) -> Double?

  public init(
    _ name: String, _ label: String, _ unit: Unit, value: @escaping @Sendable (Source) -> Double?
  ) {
    self.name = name
    self.label = label
    self.unit = unit
    self.value = value
  }
}

extension PeriodFigures {
  /// The figures of a deployment's period that replication reports average, in table order.
  public static let figures: [Figure<PeriodFigures>] = [
    Figure("offered", "requests offered", .count) { Double($0.offered) },
    Figure("servedDirect", "served directly", .count) { Double($0.servedDirect) },
    Figure("servedByFallback", "served as a fallback", .count) { Double($0.servedByFallback) },
    Figure("attempts", "attempts", .count) { Double($0.attempts) },
    Figure("rateLimited", "429 responses", .count) { Double($0.rateLimited) },
    Figure("rateLimitedPerAttempt", "429 per attempt", .fraction) { $0.rateLimitedPerAttempt },
    Figure("rateLimitedPerRequest", "429 per request", .fraction) { $0.rateLimitedPerRequest },
    Figure("quotaRefused", "403 responses", .count) { Double($0.quotaRefused) },
    Figure("quotaRefusedPerAttempt", "403 per attempt", .fraction) { $0.quotaRefusedPerAttempt },
    Figure("neverAdmissible", "never admissible", .count) { Double($0.neverAdmissible) },
    Figure("localThrottles", "local throttles", .count) { Double($0.localThrottles) },
    Figure("skips", "skips", .count) { Double($0.skips) },
    Figure("deferred", "deferred", .count) { Double($0.deferred) },
    Figure("dropped", "dropped", .count) { Double($0.dropped) },
    Figure("retries", "retries", .count) { Double($0.retries) },
    Figure("promptTokens", "prompt tokens", .count) { Double($0.promptTokens) },
    Figure("completionTokens", "completion tokens", .count) { Double($0.completionTokens) },
    Figure("totalTokens", "total tokens", .count) { Double($0.totalTokens) },
    Figure("quotaUsedPercent", "quota used", .percent) { $0.quotaUsedPercent },
    Figure("costUSD", "cost", .dollars) { $0.costUSD },
  ]

  /// When the quota ran out in this period: the earlier of the client's count reaching 100 %
  /// and the gateway's first 403, or `nil` when neither happened.
  public var exhaustion: Instant? {
    switch (trackerExhaustion, first403) {
    case (let tracker?, let gateway?): min(tracker, gateway)
    case (let tracker?, nil): tracker
    case (nil, let gateway): gateway
    }
  }
}

extension RunResult {
  /// The figures of a whole run that replication reports average, in table order.
  public static let figures: [Figure<RunResult>] = [
    Figure("requestsSimulated", "requests arrived", .count) { Double($0.requests.simulated) },
    Figure("requestsServed", "requests served", .count) { Double($0.requests.served) },
    Figure("requestsDropped", "requests dropped", .count) { Double($0.requests.dropped) },
    Figure("requestsInFlightAtEnd", "in flight at the end", .count) {
      Double($0.requests.inFlightAtEnd)
    },
    Figure("dropRate", "drop rate", .fraction) { $0.dropRate },
    Figure("fallbackShare", "fallback share", .fraction) { $0.fallbackShare },
    Figure("rateLimitedPerAttempt", "429 per attempt", .fraction) { $0.rateLimitedPerAttempt },
    Figure("quotaRefusedPerAttempt", "403 per attempt", .fraction) { $0.quotaRefusedPerAttempt },
    Figure("costUSD", "cost", .dollars) { $0.costUSD },
    Figure("latencyMeanSeconds", "latency mean", .seconds) { $0.latency.meanSeconds },
    Figure("latencyP50Seconds", "latency p50", .seconds) { $0.latency.p50Seconds },
    Figure("latencyP90Seconds", "latency p90", .seconds) { $0.latency.p90Seconds },
    Figure("latencyP95Seconds", "latency p95", .seconds) { $0.latency.p95Seconds },
    Figure("latencyP99Seconds", "latency p99", .seconds) { $0.latency.p99Seconds },
    Figure("latencyMaxSeconds", "latency max", .seconds) { $0.latency.maxSeconds },
  ]
}
