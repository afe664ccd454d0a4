import Foundation

extension Scenario {
  /// The keys that set the horizon, of which exactly one must be present.
  static let horizonKeys = ["horizonMonths", "horizonDays", "end"]

  /// The maximum horizon in days: 100 years of 365.25 days.
  static let maximumHorizonDays = 36_525

  /// Reads the horizon and returns how it was written and the end instant, or records the
  /// problems and returns `nil`.
  ///
  /// - Parameter start: The start instant, or `nil` when it was invalid. The horizon's own
  ///   value is still checked.
  static func decodeHorizon(from root: ConfigObjectReader, start: Instant?, timeZone: String)
    -> (kind: ScenarioHorizon, end: Instant)?
  {
    let horizon = root.exactlyOne(
      of: horizonKeys,
      missingFix: "Add \"horizonMonths\": 1 for one calendar month, \"horizonDays\" for a "
        + "number of days, or \"end\" for an end instant")
    guard let (key, value) = horizon else { return nil }

    switch key {
    case "horizonMonths":
      let months = value.integer(
        in: 1...Int64(ScenarioOverrides.maximumMonths),
        expected: "a positive whole number of calendar months, at most 1200",
        fix: "Set horizonMonths from 1 to 1200, which is 100 years")
      guard let months, let start else { return nil }
      let count = Int(months)
      return (.months(count), end(addingMonths: count, to: start, timeZone: timeZone))
    case "horizonDays":
      let days = value.number(
        in: 0...Double(maximumHorizonDays), excludingLowerBound: true,
        expected: "a positive number of days, at most 36525",
        fix: "Set horizonDays above 0 and at most 36525, which is 100 years")
      guard let days, let start else { return nil }
      // NOTE: A span shorter than a microsecond is clamped to one microsecond.
      let microseconds = max(1, Int64(clampingMicroseconds: (days * 86_400e6).rounded()))
      return (.days(days), start.advanced(byMicroseconds: microseconds))
    default:
      return decodeEnd(value, start: start).map { (.endInstant, $0) }
    }
  }

  private static func decodeEnd(_ value: ConfigValueReader, start: Instant?) -> Instant? {
    let fix = "Write the end instant such as \"2026-02-01T00:00:00Z\""
    let expected = "an ISO 8601 instant with a time zone"
    guard let text = value.string(expected: expected, fix: fix) else { return nil }
    guard let end = Instant(iso8601: text) else {
      value.reportExpected(expected, fix: fix)
      return nil
    }
    guard let start else { return nil }
    guard end > start else {
      value.reportExpected(
        "after start, which is \(start)", fix: "Set end to a later instant, or set start earlier")
      return nil
    }
    let limit = start.advanced(byMicroseconds: Int64(maximumHorizonDays) * 86_400_000_000)
    guard end <= limit else {
      value.reportExpected(
        "at most 36525 days (100 years) after start, that is at most \(limit)",
        fix: "Set an earlier end")
      return nil
    }
    return end
  }

  /// Returns the instant `months` calendar months after `start` in the zone `timeZone`: the
  /// same local date and time, on the month's last day when the month is shorter.
  ///
  /// The instant is built from calendar components, so a month from 2026-01-31T10:00 is
  /// 2026-02-28T10:00 and a month from 2026-01-01T00:00 is 2026-02-01T00:00, whatever the
  /// lengths of the months between. A local time skipped by a daylight-saving change moves
  /// as Foundation's calendar decides.
  public static func end(addingMonths months: Int, to start: Instant, timeZone: String)
    -> Instant
  {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
    let wholeSeconds = start.microsecondsSinceEpoch.floorDivided(by: 1_000_000)
    let fraction = start.microsecondsSinceEpoch - wholeSeconds * 1_000_000
    let startDate = Date(timeIntervalSince1970: Double(wholeSeconds))
    var parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: startDate)

    let monthIndex = (parts.year ?? 1970) * 12 + (parts.month ?? 1) - 1 + months
    parts.year = monthIndex.floorDivided(by: 12)
    parts.month = monthIndex - (parts.year ?? 0) * 12 + 1
    let firstOfMonth = DateComponents(year: parts.year, month: parts.month, day: 1, hour: 12)
    let daysInMonth =
      calendar.date(from: firstOfMonth).flatMap { calendar.range(of: .day, in: .month, for: $0) }?
      .count ?? 28
    parts.day = min(parts.day ?? 1, daysInMonth)

    guard let date = calendar.date(from: parts) else { return .distantFuture }
    let seconds = Int64(clampingMicroseconds: date.timeIntervalSince1970.rounded())
    return Instant(microsecondsSinceEpoch: seconds.multipliedClamped(by: 1_000_000))
      .advanced(byMicroseconds: fraction)
  }
}

extension Int {
  /// Divides, rounding toward negative infinity.
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
