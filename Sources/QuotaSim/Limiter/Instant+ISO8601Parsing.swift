extension Instant {
  /// Parses an RFC 3339 instant such as `2025-03-11T09:00:00.000123Z` exactly to the
  /// microsecond, or returns `nil`.
  ///
  /// The text is `YYYY-MM-DDTHH:MM:SS`, optional fractional seconds of any length, then `Z` or
  /// an offset `±HH:MM` (or `±HHMM`). Digits after the sixth fractional digit are dropped, so
  /// the result is rounded down to the microsecond. Foundation's `ISO8601DateFormatter` keeps
  /// only milliseconds, which would change instants written with microseconds when a state
  /// file is read back. A leap second (`:60`) is rejected.
  static func parseRFC3339(_ text: String) -> Instant? {
    var scanner = DigitScanner(bytes: Array(text.utf8))

    guard let year = scanner.number(digits: 4), scanner.skip("-"),
      let month = scanner.number(digits: 2), scanner.skip("-"),
      let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"),
      let hour = scanner.number(digits: 2), scanner.skip(":"),
      let minute = scanner.number(digits: 2), scanner.skip(":"),
      let second = scanner.number(digits: 2)
    else { return nil }
    guard (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day),
      (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
    else { return nil }

    var microseconds: Int64 = 0
    if scanner.skip(".") {
      guard let fraction = scanner.fractionInMicroseconds() else { return nil }
      microseconds = fraction
    }

    guard let offsetSeconds = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }

    let days = daysSinceEpoch(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
    return Instant(microsecondsSinceEpoch: seconds * 1_000_000 + microseconds)
  }
}

/// Returns the number of days in `month` (1–12) of the proleptic Gregorian `year`.
private func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
  switch month {
  case 2:
    let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return isLeap ? 29 : 28
  case 4, 6, 9, 11:
    return 30
  default:
    return 31
  }
}

/// Returns the days from 1970-01-01 to the given proleptic Gregorian date (negative before).
///
/// This is the well-known "days from civil" computation over 400-year eras, exact in integers.
private func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
  let shiftedYear = month <= 2 ? year - 1 : year
  let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
  let yearOfEra = shiftedYear - era * 400
  let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
  let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/// A cursor over ASCII bytes that reads fixed-width decimal fields.
private struct DigitScanner {
  let bytes: [UInt8]
  var position = 0

  var isAtEnd: Bool { position == bytes.count }

  /// Reads exactly `digits` decimal digits, or returns `nil` without moving.
  mutating func number(digits: Int) -> Int64? {
    guard position + digits <= bytes.count else { return nil }
    var value: Int64 = 0
    for byte in bytes[position..<position + digits] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    position += digits
    return value
  }

  /// Consumes `character` when it comes next.
  mutating func skip(_ character: Unicode.Scalar) -> Bool {
    guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
    position += 1
    return true
  }

  /// Reads one or more fractional digits and returns them as microseconds, rounded down.
  mutating func fractionInMicroseconds() -> Int64? {
    var microseconds: Int64 = 0
    var count = 0
    while position < bytes.count, bytes[position] >= UInt8(ascii: "0"),
      bytes[position] <= UInt8(ascii: "9")
    {
      if count < 6 { microseconds = microseconds * 10 + Int64(bytes[position] - UInt8(ascii: "0")) }
      count += 1
      position += 1
    }
    guard count > 0 else { return nil }
    for _ in count..<max(count, 6) { microseconds *= 10 }
    return microseconds
  }

  /// Reads `Z`, `±HH:MM` or `±HHMM` and returns the offset east of UTC in seconds.
  mutating func zoneOffsetSeconds() -> Int64? {
    if skip("Z") || skip("z") { return 0 }
    let sign: Int64
    if skip("+") {
      sign = 1
    } else if skip("-") {
      sign = -1
    } else {
      return nil
    }
    guard let hours = number(digits: 2) else { return nil }
    _ = skip(":")
    guard let minutes = number(digits: 2), hours <= 23, minutes <= 59 else { return nil }
    return sign * (hours * 3_600 + minutes * 60)
  }
}
