import Foundation

/// The start instants of a recurring batch scan, computed by walking local days.
///
/// A start time of day is local wall-clock time (32,400 s is 09:00), resolved by Foundation's
/// Gregorian calendar in the scenario's zone. On the day clocks go forward, a time inside the
/// skipped hour moves forward by the gap (02:30 becomes 03:30 in America/New_York). On the
/// day they go back, a time inside the repeated hour is its first occurrence.
struct BatchScanSchedule {
  private let startTimesOfDay: [Int]
  private let daysOfWeek: Set<Int>
  private let start: Instant
  private let end: Instant
  private let timeZone: TimeZone
  private let calendar: Calendar

  /// Creates the schedule; the scan must already be validated.
  init(scan: BatchScan, start: Instant, end: Instant, timeZone: TimeZone) {
    self.startTimesOfDay = Array(Set(scan.startTimesOfDay)).sorted()
    self.daysOfWeek = scan.daysOfWeek.isEmpty ? Set(1...7) : Set(scan.daysOfWeek)
    self.start = start
    self.end = end
    self.timeZone = timeZone
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    self.calendar = calendar
  }

  /// Returns the first scan start at or after `instant` (and at or after the schedule's
  /// start) and before its end, or `nil` when there is none.
  ///
  /// - Complexity: A few calendar conversions for each local day from `instant` to the next
  ///   scan day, so at most eight days' worth.
  func nextStart(atOrAfter instant: Instant) -> Instant? {
    let lowerBound = max(instant, start)
    guard lowerBound < end, !startTimesOfDay.isEmpty else { return nil }

    // Start one local day early: near an offset change a wall-clock time on the day before
    // the instant's local date can still resolve to an instant at or after it.
    var day = localDay(of: lowerBound) - 1
    while true {
      if daysOfWeek.contains(CivilDate.isoWeekday(daysSinceEpoch: day)) {
        for secondsAfterMidnight in startTimesOfDay {
          guard let scanStart = resolve(day: day, secondsAfterMidnight: secondsAfterMidnight)
          else { continue }
          if scanStart >= end { return nil }
          if scanStart >= lowerBound { return scanStart }
        }
      }

      day += 1
      guard let midnight = resolve(day: day, secondsAfterMidnight: 0), midnight < end else {
        return nil
      }
    }
  }

  /// Returns the local date of `instant` as days since 1970-01-01.
  private func localDay(of instant: Instant) -> Int64 {
    let offsetMicroseconds = Int64(timeZone.secondsFromGMT(for: instant.date)) * 1_000_000
    return instant.microsecondsSinceEpoch.addingClamped(offsetMicroseconds)
      .floorDivided(by: 86_400_000_000)
  }

  /// Returns the instant at which the local wall clock reads `secondsAfterMidnight` on `day`.
  private func resolve(day: Int64, secondsAfterMidnight: Int) -> Instant? {
    let date = CivilDate(daysSinceEpoch: day)
    guard let year = Int(exactly: date.year) else { return nil }
    let components = DateComponents(
      year: year, month: date.month, day: date.day, hour: secondsAfterMidnight / 3_600,
      minute: secondsAfterMidnight % 3_600 / 60, second: secondsAfterMidnight % 60)
    guard let resolved = calendar.date(from: components) else { return nil }

    let seconds = resolved.timeIntervalSince1970.rounded()
    return Instant(microsecondsSinceEpoch: Int64(clampingMicroseconds: seconds * 1e6))
  }
}
