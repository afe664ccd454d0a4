import Foundation

/// The arrival instants of a non-homogeneous Poisson process whose rate is constant within
/// each local hour.
///
/// In a local hour the rate is
/// `ratePerSecond × hourOfDay[hour] × dayOfWeek[weekday − 1] × growth`, with
/// `growth = (1 + monthlyGrowth)^(days since start / 30.436875)`: 30.436875 days is the mean
/// Gregorian month (365.2425 / 12), and the growth is evaluated where the process enters the
/// hour, so it steps once an hour.
///
/// Each arrival takes one unit-mean exponential draw `E` and advances to the instant where the
/// integrated rate since the previous arrival reaches `E`. That walks across hours, and across
/// hours of rate 0, without further draws. It is exact for a piecewise-constant rate (the
/// time-change theorem), and it equals restarting the exponential gap at each boundary in
/// distribution. Because every request costs exactly one draw, the draws that follow it
/// (its token sizes) never depend on how many boundaries the gap crossed.
struct PiecewisePoissonProcess {
  /// The mean Gregorian month in days, the unit of `monthlyGrowth`.
  static let daysPerMonth = 30.436875

  private let arrivals: PoissonArrivals
  private let start: Instant
  private let end: Instant
  private var calendar: LocalHourCalendar

  /// The first instant of the current stretch of constant rate.
  private var segmentStart: Instant
  /// The first instant after the current stretch.
  private var segmentEnd: Instant
  /// The rate in the current stretch, in requests per microsecond.
  private var ratePerMicrosecond = 0.0
  /// The position of the last arrival, in microseconds after `segmentStart`, with fraction.
  private var elapsedMicroseconds = 0.0
  /// Whether the process has passed `end`.
  private(set) var isFinished = false

  /// Creates the process; the arrivals must already be validated.
  init(arrivals: PoissonArrivals, start: Instant, end: Instant, timeZone: TimeZone) {
    self.arrivals = arrivals
    self.start = start
    self.end = end
    self.calendar = LocalHourCalendar(timeZone: timeZone)
    self.segmentStart = start
    self.segmentEnd = start
    let alwaysZero =
      arrivals.ratePerSecond == 0 || arrivals.hourOfDay?.allSatisfy { $0 == 0 } == true
      || arrivals.dayOfWeek?.allSatisfy { $0 == 0 } == true
    isFinished = alwaysZero || start >= end
    if !isFinished { enterSegment(at: start) }
  }

  /// Returns the next arrival instant, before `end`, or `nil` when there is none.
  ///
  /// - Parameter unitExponential: A draw from the exponential distribution with mean 1.
  mutating func nextArrival(unitExponential: Double) -> Instant? {
    guard !isFinished else { return nil }

    var remaining = unitExponential
    while true {
      let room =
        Double(segmentEnd.microsecondsSinceEpoch - segmentStart.microsecondsSinceEpoch)
        - elapsedMicroseconds
      let expectedInRoom = ratePerMicrosecond * room
      if ratePerMicrosecond > 0 && remaining < expectedInRoom {
        elapsedMicroseconds += remaining / ratePerMicrosecond
        break
      }

      remaining -= expectedInRoom
      guard segmentEnd < end else {
        isFinished = true
        return nil
      }
      enterSegment(at: segmentEnd)
    }

    let arrival = segmentStart.advanced(
      byMicroseconds: Int64(clampingMicroseconds: elapsedMicroseconds.rounded(.down)))
    guard arrival < end else {
      isFinished = true
      return nil
    }
    return arrival
  }

  /// Moves to the stretch of constant rate that starts at `instant` and computes its rate.
  private mutating func enterSegment(at instant: Instant) {
    let hour = calendar.hour(containing: instant)
    segmentStart = instant
    segmentEnd = min(hour.end, end)
    elapsedMicroseconds = 0
    ratePerMicrosecond = rate(in: hour, at: instant) / 1_000_000
  }

  /// Returns the rate in requests per second during `hour`, with the growth at `instant`.
  func rate(in hour: LocalHour, at instant: Instant) -> Double {
    var rate = arrivals.ratePerSecond
    if let hourOfDay = arrivals.hourOfDay { rate *= hourOfDay[hour.hourOfDay] }
    if let dayOfWeek = arrivals.dayOfWeek { rate *= dayOfWeek[hour.isoWeekday - 1] }
    if arrivals.monthlyGrowth != 0 {
      let days = Double(start.duration(to: instant).microseconds) / 86_400_000_000
      rate *= pow(1 + arrivals.monthlyGrowth, days / Self.daysPerMonth)
    }
    return rate.isFinite ? rate : .greatestFiniteMagnitude
  }
}
