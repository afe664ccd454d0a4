/// The token count of an API Management gateway's quota in the current UTC period.
///
/// The count is the actual total tokens of responses that arrived in the period plus the
/// background usage of other consumers, who draw `backgroundTokensPerDay` spread evenly over
/// time. Background usage is computed from the microseconds elapsed since the period start
/// with 128-bit integer arithmetic, so it has no rounding drift even over a year. Both parts
/// reset at the UTC period boundary, on the first call at or after it.
///
/// Calendar arithmetic runs only when an instant leaves the cached period. Instants must not
/// decrease from one call to the next. The type is not thread-safe: the simulator core that
/// owns it is single-threaded.
struct GatewayQuotaCounter {
  /// The quota: tokens per period, the period unit and the background rate.
  let quota: GatewayQuota
  private let calendar: QuotaPeriodCalendar
  /// The UTC period the count belongs to.
  private(set) var period: QuotaPeriod
  /// Actual tokens of responses recorded in ``period``, without background usage.
  private(set) var recordedTokens: Int64 = 0

  private static let microsecondsPerDay: UInt64 = 86_400_000_000

  /// Creates a counter whose first period contains `start`.
  ///
  /// NOTE: Background usage counts from the start of that period, not from `start`, because
  /// other consumers drew on the quota before the simulation began.
  init(quota: GatewayQuota, start: Instant) {
    self.quota = quota
    calendar = QuotaPeriodCalendar(unit: quota.period)
    period = calendar.period(containing: start)
  }

  /// Moves to the period containing `now` when `now` has left the cached one, starting a new
  /// count there.
  @inline(__always)
  mutating func roll(to now: Instant) {
    if period.contains(now) { return }
    period = calendar.period(containing: now)
    recordedTokens = 0
  }

  /// Returns the background tokens other consumers drew from the period start up to `now`,
  /// rounded down. Call ``roll(to:)`` with `now` first.
  @inline(__always)
  func backgroundTokens(at now: Instant) -> Int64 {
    let perDay = UInt64(max(0, quota.backgroundTokensPerDay))
    let elapsed = UInt64(max(0, now.microsecondsSinceEpoch - period.start.microsecondsSinceEpoch))
    if perDay == 0 || elapsed == 0 { return 0 }

    let product = perDay.multipliedFullWidth(by: elapsed)
    if product.high >= Self.microsecondsPerDay { return .max }
    let tokens = Self.microsecondsPerDay.dividingFullWidth(product).quotient
    return tokens > UInt64(Int64.max) ? .max : Int64(tokens)
  }

  /// Returns the tokens counted against the quota at `now`: recorded plus background usage.
  @inline(__always)
  mutating func usedTokens(at now: Instant) -> Int64 {
    roll(to: now)
    return recordedTokens.addingClamped(backgroundTokens(at: now))
  }

  /// Returns the 403 decision when the quota is used up at `now`, or `nil` when requests may
  /// pass to the rate limits.
  @inline(__always)
  mutating func refusal(at now: Instant) -> EndpointAnswer? {
    if usedTokens(at: now) < quota.tokens { return nil }

    let remaining = period.end.microsecondsSinceEpoch - now.microsecondsSinceEpoch
    let seconds = remaining / 1_000_000 + (remaining % 1_000_000 > 0 ? 1 : 0)
    return .quotaExceeded(retryAfterSeconds: seconds, periodEnd: period.end)
  }

  /// Counts a response's actual `totalTokens` in the period containing `now`, taking a negative
  /// count as zero.
  @inline(__always)
  mutating func record(totalTokens: Int64, at now: Instant) {
    roll(to: now)
    recordedTokens = recordedTokens.addingClamped(max(0, totalTokens))
  }
}
