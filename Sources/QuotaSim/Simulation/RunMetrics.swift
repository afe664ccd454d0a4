/// The figures of one deployment in one quota period of a run.
public struct PeriodFigures: Sendable, Equatable, Codable {
  /// The period key in the client's calendar, such as `2026-01`.
  public var period: String
  /// The first instant of the period.
  public var start: Instant
  /// The first instant after the period.
  public var end: Instant
  /// Requests whose primary deployment this is.
  public var offered: Int64 = 0
  /// Requests this deployment served as their primary.
  public var servedDirect: Int64 = 0
  /// Requests this deployment served as a fallback for another primary.
  public var servedByFallback: Int64 = 0
  /// Attempts sent to this deployment.
  public var attempts: Int64 = 0
  /// 429 responses from this deployment.
  public var rateLimited: Int64 = 0
  /// 403 quota responses from this deployment's gateway.
  public var quotaRefused: Int64 = 0
  /// Attempts refused because their estimate exceeds the whole TPM.
  public var neverAdmissible: Int64 = 0
  /// Times the client's proactive throttle refused this deployment.
  public var localThrottles: Int64 = 0
  /// Times the client passed over this deployment as exhausted, blocked or denied.
  public var skips: Int64 = 0
  /// Requests with this primary that were deferred at least once.
  public var deferred: Int64 = 0
  /// Requests that ended without a completion here (the last deployment tried).
  public var dropped: Int64 = 0
  /// Retries sent to this deployment.
  public var retries: Int64 = 0
  /// Prompt tokens of responses served here.
  public var promptTokens: Int64 = 0
  /// Completion tokens of responses served here.
  public var completionTokens: Int64 = 0
  /// Total tokens of responses served here.
  public var totalTokens: Int64 = 0
  /// Cost of those tokens at the deployment's prices, in US dollars.
  public var costUSD: Double = 0
  /// The client's period quota, or `nil` without one.
  public var quota: Int64?
  /// Alerts that fired, in order.
  public var alerts: [AlertFigure] = []
  /// When the proactive throttle first refused this deployment in the period.
  public var throttleStart: Instant?
  /// When the client's count first reached 100 % of the quota.
  public var trackerExhaustion: Instant?
  /// When the gateway first answered 403.
  public var first403: Instant?

  init(period: QuotaPeriod, quota: Int64?) {
    self.period = period.key
    self.start = period.start
    self.end = period.end
    self.quota = quota
  }

  /// Requests served by this deployment, directly and as a fallback.
  public var served: Int64 { servedDirect + servedByFallback }

  /// 429 responses per attempt, or `nil` without attempts.
  public var rateLimitedPerAttempt: Double? { ratio(rateLimited, attempts) }

  /// 429 responses per offered request, or `nil` without offered requests.
  public var rateLimitedPerRequest: Double? { ratio(rateLimited, offered) }

  /// 403 responses per attempt, or `nil` without attempts.
  public var quotaRefusedPerAttempt: Double? { ratio(quotaRefused, attempts) }

  /// Used tokens as a percentage of the quota, or `nil` without a quota.
  public var quotaUsedPercent: Double? {
    quota.map { Double(totalTokens) / Double($0) * 100 }
  }
}

/// An alert as a run reports it.
public struct AlertFigure: Sendable, Equatable, Codable {
  /// The threshold as a percentage of the quota.
  public var thresholdPercent: Double
  /// When it fired.
  public var at: Instant
}

func ratio(_ numerator: Int64, _ denominator: Int64) -> Double? {
  denominator > 0 ? Double(numerator) / Double(denominator) : nil
}

/// Collects one deployment's figures period by period.
///
/// Periods follow the deployment's client-side quota calendar; a period with no event still
/// appears, so every period of the horizon is reported. Calendar arithmetic runs only when
/// an event falls past the current period's end.
struct DeploymentMetrics {
  let calendar: QuotaPeriodCalendar
  let quota: Int64?
  let promptPrice: Double
  let completionPrice: Double
  /// Whether either price is not zero; without prices a response adds no cost.
  let hasPrices: Bool
  private(set) var closed: [PeriodFigures] = []
  var current: PeriodFigures
  /// The time series, recorded only when a report charts them.
  var series: DeploymentSeriesRecorder?

  init(deployment: Deployment, start: Instant) {
    guard
      let calendar = QuotaPeriodCalendar(
        unit: deployment.quotaPeriod, timeZoneIdentifier: deployment.timeZoneIdentifier)
    else {
      preconditionFailure("deployment '\(deployment.name)' has an unknown time zone")
    }
    self.calendar = calendar
    self.quota = deployment.tokenQuota
    self.promptPrice = deployment.promptPricePerMillion
    self.completionPrice = deployment.completionPricePerMillion
    self.hasPrices = promptPrice != 0 || completionPrice != 0
    self.current = PeriodFigures(period: calendar.period(containing: start), quota: quota)
  }

  /// Moves to the period containing `now`, closing the current and any empty ones between.
  mutating func roll(to now: Instant) {
    while now >= current.end {
      closed.append(current)
      current = PeriodFigures(period: calendar.period(containing: current.end), quota: quota)
    }
  }

  /// Adds a served response's tokens and cost, and notes when the quota is reached.
  mutating func serve(prompt: Int64, completion: Int64, total: Int64, direct: Bool, at now: Instant)
  {
    roll(to: now)
    if direct { current.servedDirect += 1 } else { current.servedByFallback += 1 }
    current.promptTokens = current.promptTokens.addingClamped(prompt)
    current.completionTokens = current.completionTokens.addingClamped(completion)
    current.totalTokens = current.totalTokens.addingClamped(total)
    if hasPrices {
      current.costUSD +=
        Double(prompt) * promptPrice / 1e6 + Double(completion) * completionPrice / 1e6
    }
    series?.countServed(totalTokens: total, at: now)
    if let quota, current.trackerExhaustion == nil, current.totalTokens >= quota {
      current.trackerExhaustion = now
    }
  }

  /// Returns every period up to the one containing `end` (exclusive of periods starting at
  /// or after `end`).
  func periods(through end: Instant) -> [PeriodFigures] {
    var all = closed
    all.append(current)
    var copy = self
    while copy.current.end < end {
      copy.roll(to: copy.current.end)
      all.append(copy.current)
    }
    return all
  }
}
