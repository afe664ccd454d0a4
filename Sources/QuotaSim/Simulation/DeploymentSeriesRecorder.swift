/// Collects one deployment's ``DeploymentSeries`` during a run, one array increment per event.
struct DeploymentSeriesRecorder {
  static let microsecondsPerMinute: Int64 = 60_000_000
  static let minutesPerDay = 1_440

  let start: Instant
  private(set) var series: DeploymentSeries
  private var currentDay = -1
  private var currentMinutes = [Int64](repeating: 0, count: minutesPerDay)
  private var currentTotal: Int64 = 0
  private var busiestTotal: Int64 = 0

  init(start: Instant, end: Instant, tokensPerMinuteLimit: Int64) {
    self.start = start
    let span = max(0, end.microsecondsSinceEpoch - start.microsecondsSinceEpoch)
    let hours = Int(
      (span + 60 * Self.microsecondsPerMinute - 1) / (60 * Self.microsecondsPerMinute))
    let days = (hours + 23) / 24
    series = DeploymentSeries(
      tokensPerMinuteLimit: tokensPerMinuteLimit,
      tokensPerHour: Array(repeating: 0, count: hours),
      rateLimitedPerDay: Array(repeating: 0, count: days),
      quotaRefusedPerDay: Array(repeating: 0, count: days),
      busiestDay: nil, busiestDayTokensPerMinute: [])
  }

  private func minute(of now: Instant) -> Int {
    Int(
      max(0, now.microsecondsSinceEpoch - start.microsecondsSinceEpoch) / Self.microsecondsPerMinute
    )
  }

  /// Adds a served response's total tokens to its hour.
  mutating func countServed(totalTokens: Int64, at now: Instant) {
    let hour = minute(of: now) / 60
    guard hour < series.tokensPerHour.count else { return }
    series.tokensPerHour[hour] = series.tokensPerHour[hour].addingClamped(totalTokens)
  }

  /// Counts a 429 response in its day.
  mutating func countRateLimited(at now: Instant) {
    let day = minute(of: now) / Self.minutesPerDay
    guard day < series.rateLimitedPerDay.count else { return }
    series.rateLimitedPerDay[day] += 1
  }

  /// Counts a 403 response in its day.
  mutating func countQuotaRefused(at now: Instant) {
    let day = minute(of: now) / Self.minutesPerDay
    guard day < series.quotaRefusedPerDay.count else { return }
    series.quotaRefusedPerDay[day] += 1
  }

  /// Adds an admitted attempt's estimate tokens to its minute, keeping the minutes of the
  /// busiest day so far and of the current day only.
  mutating func countAdmitted(estimateTokens: Int64, at now: Instant) {
    let minute = minute(of: now)
    let day = minute / Self.minutesPerDay
    if day != currentDay {
      closeDay()
      currentDay = day
    }
    currentMinutes[minute % Self.minutesPerDay] += estimateTokens
    currentTotal = currentTotal.addingClamped(estimateTokens)
  }

  /// Compares the current day with the busiest one and starts an empty day.
  private mutating func closeDay() {
    if currentDay >= 0, currentTotal > busiestTotal {
      busiestTotal = currentTotal
      series.busiestDay = currentDay
      series.busiestDayTokensPerMinute = currentMinutes
    }
    if currentTotal > 0 {
      for index in currentMinutes.indices { currentMinutes[index] = 0 }
    }
    currentTotal = 0
  }

  /// Returns the series with the current day taken into account.
  func finished() -> DeploymentSeries {
    var copy = self
    copy.closeDay()
    return copy.series
  }
}
