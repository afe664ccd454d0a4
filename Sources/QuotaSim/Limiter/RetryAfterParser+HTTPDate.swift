extension RetryAfterParser {
  /// Parses an HTTP date, or returns `nil` when `text` is not one.
  ///
  /// Accepts the three forms of RFC 9110 section 5.6.7, all in GMT with English names:
  ///
  /// - IMF-fixdate, the form servers send: `Sun, 06 Nov 1994 08:49:37 GMT`;
  /// - the obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is
  ///   the latest year with those digits that is at most 50 years after `now`;
  /// - the obsolete asctime form: `Sun Nov  6 08:49:37 1994`.
  ///
  /// Names are matched exactly and case-sensitively. The day of the month must exist in that
  /// month and year. The hour may be at most 23, the minute at most 59 and the second at most
  /// 60 (a leap second). The weekday must be a valid name, but it is not checked against the
  /// date. Text that does not start with an ASCII letter is rejected at once, so a number is
  /// never read as a date. The parser has no locale and no time zone: names are fixed English
  /// and the clock is GMT.
  static func httpDate(_ text: Substring, now: Instant) -> Instant? {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, DateScanner.isLetter(first) else { return nil }
    return imfFixdate(bytes) ?? rfc850Date(bytes, now: now) ?? asctimeDate(bytes)
  }

  private static func imfFixdate(_ bytes: [UInt8]) -> Instant? {
    var scanner = DateScanner(bytes)
    guard scanner.word(from: DateScanner.shortDayNames) != nil, scanner.literal(", "),
      let day = scanner.digits(2), scanner.literal(" "),
      let month = scanner.word(from: DateScanner.monthNames), scanner.literal(" "),
      let year = scanner.digits(4), scanner.literal(" "),
      let time = scanner.timeOfDay(), scanner.literal(" GMT"), scanner.isAtEnd
    else { return nil }
    return DateScanner.instant(year: year, month: month + 1, day: day, time: time)
  }

  private static func rfc850Date(_ bytes: [UInt8], now: Instant) -> Instant? {
    var scanner = DateScanner(bytes)
    guard scanner.word(from: DateScanner.longDayNames) != nil, scanner.literal(", "),
      let day = scanner.digits(2), scanner.literal("-"),
      let month = scanner.word(from: DateScanner.monthNames), scanner.literal("-"),
      let shortYear = scanner.digits(2), scanner.literal(" "),
      let time = scanner.timeOfDay(), scanner.literal(" GMT"), scanner.isAtEnd
    else { return nil }

    // RFC 9110: a two-digit year that appears more than 50 years in the future means the
    // most recent past year with the same last two digits.
    let currentYear = DateScanner.civilYear(of: now)
    var year = currentYear - currentYear.mod(100) + shortYear
    if year > currentYear + 50 { year -= 100 }
    return DateScanner.instant(year: year, month: month + 1, day: day, time: time)
  }

  private static func asctimeDate(_ bytes: [UInt8]) -> Instant? {
    var scanner = DateScanner(bytes)
    guard scanner.word(from: DateScanner.shortDayNames) != nil, scanner.literal(" "),
      let month = scanner.word(from: DateScanner.monthNames), scanner.literal(" ")
    else { return nil }
    let day: Int?
    if scanner.literal(" ") {
      day = scanner.digits(1)
    } else {
      day = scanner.digits(2)
    }
    guard let day, scanner.literal(" "), let time = scanner.timeOfDay(), scanner.literal(" "),
      let year = scanner.digits(4), scanner.isAtEnd
    else { return nil }
    return DateScanner.instant(year: year, month: month + 1, day: day, time: time)
  }
}

/// A cursor over the bytes of an HTTP date.
private struct DateScanner {
  static let shortDayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  static let longDayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]
  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  var isAtEnd: Bool { position == bytes.count }

  /// Consumes `text` if the bytes continue with it exactly.
  mutating func literal(_ text: String) -> Bool {
    let expected = Array(text.utf8)
    guard bytes.count - position >= expected.count,
      bytes[position..<position + expected.count].elementsEqual(expected)
    else { return false }
    position += expected.count
    return true
  }

  /// Consumes the longest of `names` the bytes continue with and returns its index.
  mutating func word(from names: [String]) -> Int? {
    var best: (index: Int, length: Int)?
    for (index, name) in names.enumerated() {
      let candidate = Array(name.utf8)
      guard bytes.count - position >= candidate.count,
        bytes[position..<position + candidate.count].elementsEqual(candidate),
        candidate.count > (best?.length ?? 0)
      else { continue }
      best = (index, candidate.count)
    }
    guard let best else { return nil }
    position += best.length
    return best.index
  }

  /// Consumes exactly `count` ASCII digits and returns their value.
  mutating func digits(_ count: Int) -> Int? {
    guard bytes.count - position >= count else { return nil }
    var value = 0
    for byte in bytes[position..<position + count] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    position += count
    return value
  }

  /// Consumes `hh:mm:ss` and returns its parts.
  mutating func timeOfDay() -> (hour: Int, minute: Int, second: Int)? {
    guard let hour = digits(2), literal(":"), let minute = digits(2), literal(":"),
      let second = digits(2)
    else { return nil }
    return (hour, minute, second)
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
  }

  /// Returns the instant of a GMT calendar date and time, or `nil` when a field is out of range.
  static func instant(
    year: Int, month: Int, day: Int, time: (hour: Int, minute: Int, second: Int)
  ) -> Instant? {
    guard (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day),
      time.hour <= 23, time.minute <= 59, time.second <= 60
    else { return nil }
    let days = Int64(daysFromCivil(year: year, month: month, day: day))
    let seconds =
      days * 86_400 + Int64(time.hour) * 3_600 + Int64(time.minute) * 60 + Int64(time.second)
    return Instant(microsecondsSinceEpoch: seconds * 1_000_000)
  }

  /// Returns the proleptic Gregorian year that contains `instant`, in UTC.
  static func civilYear(of instant: Instant) -> Int {
    let days = Int(instant.microsecondsSinceEpoch.floorDivided(by: 86_400_000_000))
    // Inverse of daysFromCivil, in the same March-based eras.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Returns the days from 1970-01-01 to a proleptic Gregorian date.
  ///
  /// The algorithm counts in 400-year eras that start on 1 March, so the leap day ends a year.
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let marchYear = month <= 2 ? year - 1 : year
    let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
    let yearOfEra = marchYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

extension Int {
  /// Returns the remainder of division by `divisor`, with the sign of `divisor`.
  fileprivate func mod(_ divisor: Int) -> Int {
    let remainder = self % divisor
    return remainder < 0 ? remainder + divisor : remainder
  }
}
