import Foundation

extension QuotaPeriodCalendar {
  /// Returns the period whose key is `key`, or `nil` when `key` names no period of this
  /// calendar's unit and zone.
  ///
  /// The key is read back into calendar components and checked by computing the key of the
  /// period that starts there, so `2025-02-30` or a month key given to a daily calendar
  /// returns `nil`. In a zone with daylight saving time, an hour key that occurs twice (the
  /// hour repeated when clocks go back) returns one of the two hours.
  func period(withKey key: String) -> QuotaPeriod? {
    guard let components = Self.components(ofKey: key, unit: unit) else { return nil }
    var calendar = Calendar(identifier: unit == .week ? .iso8601 : .gregorian)
    calendar.timeZone = timeZone
    calendar.firstWeekday = 2
    calendar.minimumDaysInFirstWeek = 4
    guard let date = calendar.date(from: components) else { return nil }
    let period = period(containing: Instant(date))
    return period.key == key ? period : nil
  }

  /// Returns whether the period named `earlier` starts before the one named `later`.
  ///
  /// A key that names no period of this calendar counts as earlier than every key that does,
  /// so usage saved under a period unit that has since changed is treated as closed; two such
  /// keys compare as strings.
  func isPeriod(_ earlier: String, before later: String) -> Bool {
    switch (period(withKey: earlier), period(withKey: later)) {
    case (let first?, let second?): return first.start < second.start
    case (nil, _?): return true
    case (_?, nil): return false
    case (nil, nil): return earlier < later
    }
  }

  private static func components(ofKey key: String, unit: QuotaPeriodUnit) -> DateComponents? {
    let fields = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    switch unit {
    case .year:
      guard fields.count == 1, let year = decimal(fields[0], width: 4) else { return nil }
      return DateComponents(year: year, month: 1, day: 1)
    case .month:
      guard fields.count == 2, let year = decimal(fields[0], width: 4),
        let month = decimal(fields[1], width: 2)
      else { return nil }
      return DateComponents(year: year, month: month, day: 1)
    case .week:
      guard fields.count == 2, let year = decimal(fields[0], width: 4), fields[1].first == "W",
        let week = decimal(String(fields[1].dropFirst()), width: 2)
      else { return nil }
      return DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
    case .day:
      guard fields.count == 3, let year = decimal(fields[0], width: 4),
        let month = decimal(fields[1], width: 2), let day = decimal(fields[2], width: 2)
      else { return nil }
      return DateComponents(year: year, month: month, day: day)
    case .hour:
      let dayAndHour = fields.last?.split(separator: "T").map(String.init) ?? []
      guard fields.count == 3, dayAndHour.count == 2, let year = decimal(fields[0], width: 4),
        let month = decimal(fields[1], width: 2), let day = decimal(dayAndHour[0], width: 2),
        let hour = decimal(dayAndHour[1], width: 2)
      else { return nil }
      return DateComponents(year: year, month: month, day: day, hour: hour)
    }
  }

  /// Parses at least `width` decimal digits (years may have more), or returns `nil`.
  private static func decimal(_ text: String, width: Int) -> Int? {
    guard text.count >= width, text.count <= max(width, 6), text.allSatisfy(\.isASCIIDigit)
    else { return nil }
    return Int(text)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
