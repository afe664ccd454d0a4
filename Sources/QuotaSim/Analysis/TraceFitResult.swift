import Foundation

/// The requests and seconds a trace has in one local hour of day.
public struct HourOfDayRate: Sendable, Equatable {
  /// The local hour of day, 0 to 23.
  public var hour: Int
  /// The seconds of the trace's window in this hour of day, over all days.
  public var coveredSeconds: Double
  /// The requests that arrived in those seconds.
  public var requests: Int

  /// The rate in requests per second, or `nil` when the hour is covered for less than
  /// ``TraceFit/minimumCoveredSecondsPerHour``.
  public var ratePerSecond: Double? {
    guard coveredSeconds >= TraceFit.minimumCoveredSecondsPerHour else { return nil }
    return Double(requests) / coveredSeconds
  }
}

/// The result of ``TraceFit/fit(rows:origin:timeZone:)``.
public struct TraceFitResult: Sendable, Equatable {
  /// The number of requests fitted.
  public var requestCount: Int
  /// The zone of ``hours``.
  public var timeZoneIdentifier: String
  /// The first request's instant.
  public var windowStart: Instant
  /// The last request's instant plus one mean gap: the end of the window the rates cover.
  public var windowEnd: Instant
  /// The requests divided by the window's length, in requests per second.
  public var meanRatePerSecond: Double
  /// The coverage and requests of each local hour of day, midnight first.
  public var hours: [HourOfDayRate]
  /// The prompt-token fits.
  public var prompt: TokenSizeFit
  /// The completion-token fits.
  public var completion: TokenSizeFit

  /// The 24 hour-of-day factors: an hour's rate ÷ the mean rate, or 1 for an hour without
  /// enough coverage.
  public var hourOfDayFactors: [Double] {
    hours.map { hour in hour.ratePerSecond.map { $0 / meanRatePerSecond } ?? 1 }
  }

  /// Returns a workload with the fitted rate, hour-of-day factors (none when all are 1) and
  /// best-fitting token sizes, and no `maxTokens`.
  public func workload(name: String, deployment: String) -> WorkloadConfig {
    let factors = hourOfDayFactors
    let arrivals = PoissonArrivals(
      ratePerSecond: meanRatePerSecond,
      hourOfDay: factors.allSatisfy { $0 == 1 } ? nil : factors)
    return WorkloadConfig(
      name: name, deployment: deployment, arrivals: .poisson(arrivals),
      promptTokens: prompt.best.distribution, completionTokens: completion.best.distribution)
  }
}
