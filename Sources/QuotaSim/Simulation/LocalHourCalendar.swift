import Foundation

/// One stretch of local time in which the hour of day, the weekday and the UTC offset stay
/// the same.
struct LocalHour: Equatable, Sendable {
  /// The first instant after the stretch: the next local hour boundary, or the next change of
  /// UTC offset when that comes first.
  var end: Instant
  /// The local hour of day, 0 to 23.
  var hourOfDay: Int
  /// The local ISO weekday, 1 = Monday … 7 = Sunday.
  var isoWeekday: Int
  /// The local date as days since 1970-01-01.
  var localDay: Int64
}

/// Splits time into local hours of one time zone, reading the zone's UTC offset once per
/// hour instead of once per event.
///
/// A stretch ends at the next local hour boundary or at the zone's next offset change,
/// whichever comes first, so daylight saving time needs no special case. On the day clocks go
/// forward in America/New_York, 01:00 EST is followed by 03:00 EDT and the day has 23 local
/// hours. On the day they go back, the hour 01:00 occurs twice and the day has 25.
///
/// The calendar caches the zone's next transition, so it is a value that callers keep and
/// mutate. It is not thread-safe.
struct LocalHourCalendar {
  let timeZone: TimeZone

  /// The instant the cached transition was searched from.
  private var transitionSearchStart = Instant.distantFuture
  /// The zone's first offset change after `transitionSearchStart`, or `distantFuture`.
  private var nextTransition = Instant.distantFuture

  init(timeZone: TimeZone) {
    self.timeZone = timeZone
  }

  /// Returns the local hour that contains `instant`.
  mutating func hour(containing instant: Instant) -> LocalHour {
    let microsecondsPerHour: Int64 = 3_600_000_000
    let offsetMicroseconds = Int64(timeZone.secondsFromGMT(for: instant.date)) * 1_000_000
    let local = instant.microsecondsSinceEpoch.addingClamped(offsetMicroseconds)
    let hourIndex = local.floorDivided(by: microsecondsPerHour)
    let localDay = local.floorDivided(by: 24 * microsecondsPerHour)

    let hourEnd = Instant(
      microsecondsSinceEpoch: (hourIndex + 1).multipliedClamped(by: microsecondsPerHour)
        .addingClamped(-offsetMicroseconds))
    let end = min(hourEnd, transition(after: instant))
    return LocalHour(
      end: end, hourOfDay: Int(hourIndex.floorModulo(by: 24)),
      isoWeekday: CivilDate.isoWeekday(daysSinceEpoch: localDay), localDay: localDay)
  }

  /// Returns the zone's first offset change after `instant`, or `distantFuture`.
  private mutating func transition(after instant: Instant) -> Instant {
    if instant >= transitionSearchStart && instant < nextTransition { return nextTransition }

    transitionSearchStart = instant
    nextTransition = .distantFuture
    if let date = timeZone.nextDaylightSavingTimeTransition(after: instant.date) {
      // Zone transitions fall on whole seconds, and the Date holds them as whole seconds.
      let seconds = date.timeIntervalSince1970.rounded()
      let found = Instant(microsecondsSinceEpoch: Int64(clampingMicroseconds: seconds * 1e6))
      if found > instant { nextTransition = found }
    }
    return nextTransition
  }
}
