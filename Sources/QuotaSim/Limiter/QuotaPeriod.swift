import Foundation

/// The length of a quota period: one calendar hour, day, ISO week, month or year.
public enum QuotaPeriodUnit: String, Sendable, CaseIterable, Codable {
  case hour, day, week, month, year
}

/// One concrete quota period: its key and its half-open interval `[start, end)`.
public struct QuotaPeriod: Hashable, Sendable {
  /// The period's name in its time zone: `2025-10-31T14` (hour), `2025-10-31` (day),
  /// `2025-W44` (ISO week), `2025-10` (month) or `2025` (year).
  public var key: String
  /// The first instant of the period.
  public var start: Instant
  /// The first instant of the next period.
  public var end: Instant

  /// Whether `instant` lies in `[start, end)`.
  public func contains(_ instant: Instant) -> Bool {
    instant >= start && instant < end
  }
}

/// Computes quota periods for one unit in one IANA time zone.
///
/// Boundaries are built from calendar components (for a month: year, month, day 1, midnight),
/// never by adding a month to a mid-month date, and compared as absolute instants; the zone
/// only decides where a period starts and what it is called. An instant on a boundary belongs
/// to the new period. Weeks are ISO weeks: they start on Monday and are named by the ISO
/// week-numbering year. Calendar arithmetic runs only when an instant leaves the last period
/// computed, so callers can ask on every request.
public struct QuotaPeriodCalendar: Sendable {
  /// The period length.
  public let unit: QuotaPeriodUnit
  /// The zone whose wall-clock calendar names the periods.
  public let timeZone: TimeZone
  private let calendar: Calendar

  /// Creates a calendar for `unit` in `timeZone`.
  public init(unit: QuotaPeriodUnit, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
    self.unit = unit
    self.timeZone = timeZone
    var calendar = Calendar(identifier: unit == .week ? .iso8601 : .gregorian)
    calendar.timeZone = timeZone
    calendar.locale = Locale(identifier: "en_US_POSIX")
    calendar.firstWeekday = 2
    calendar.minimumDaysInFirstWeek = 4
    self.calendar = calendar
  }

  /// Creates a calendar for `unit` in the zone named `timeZoneIdentifier`, or returns `nil`
  /// when the identifier is not a known IANA zone.
  public init?(unit: QuotaPeriodUnit, timeZoneIdentifier: String) {
    guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
    self.init(unit: unit, timeZone: zone)
  }

  /// Returns the period that contains `instant`.
  public func period(containing instant: Instant) -> QuotaPeriod {
    var period = snappedPeriod(containing: instant.date)
    // After about 2255 a `Date` no longer represents every microsecond, so an instant next to a
    // boundary can land on the other side of it. Half a second is far above that error
    // (about 2 ms at the end of the range) and far below the shortest period.
    if period.start > instant {
      period = snappedPeriod(containing: period.start.advanced(byMicroseconds: -500_000).date)
    } else if period.end <= instant {
      period = snappedPeriod(containing: period.end.advanced(byMicroseconds: 500_000).date)
    }
    // Near the ends of the instant range the clamped boundaries can miss the instant, so the
    // period is stretched to the end of the range.
    if period.end <= instant { period.end = .distantFuture }
    if period.start > instant { period.start = Instant(microsecondsSinceEpoch: .min) }
    return period
  }

  /// Returns the period that contains `date`, with its boundaries snapped to whole seconds
  /// and clamped to the instant range.
  private func snappedPeriod(containing date: Date) -> QuotaPeriod {
    let component: Calendar.Component =
      switch unit {
      case .hour: .hour
      case .day: .day
      case .week: .weekOfYear
      case .month: .month
      case .year: .year
      }
    guard let interval = calendar.dateInterval(of: component, for: date) else {
      // NOTE: Foundation returns nil only for dates far outside the Gregorian range it
      // supports; such an instant falls into one unbounded period.
      return QuotaPeriod(
        key: "unbounded", start: Instant(microsecondsSinceEpoch: .min), end: .distantFuture)
    }
    var start = Instant(interval.start)
    var end = Instant(interval.end)
    // Dates carry floating-point seconds; snap the boundaries to whole seconds so that an
    // instant exactly on a boundary lands in the new period. Dates beyond the instant range
    // (a year key such as 405006 in a state file) are clamped, so the addition saturates.
    start = Instant(
      microsecondsSinceEpoch: start.microsecondsSinceEpoch.addingClamped(500_000)
        .floorDivided(by: 1_000_000).multipliedClamped(by: 1_000_000))
    end = Instant(
      microsecondsSinceEpoch: end.microsecondsSinceEpoch.addingClamped(500_000)
        .floorDivided(by: 1_000_000).multipliedClamped(by: 1_000_000))
    return QuotaPeriod(key: key(for: start.date), start: start, end: end)
  }

  private func key(for date: Date) -> String {
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .weekOfYear, .yearForWeekOfYear], from: date)
    let year = parts.year ?? 0
    switch unit {
    case .hour:
      return String(
        format: "%04d-%02d-%02dT%02d", year, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0)
    case .day:
      return String(format: "%04d-%02d-%02d", year, parts.month ?? 0, parts.day ?? 0)
    case .week:
      return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? year, parts.weekOfYear ?? 0)
    case .month:
      return String(format: "%04d-%02d", year, parts.month ?? 0)
    case .year:
      return String(format: "%04d", year)
    }
  }
}
