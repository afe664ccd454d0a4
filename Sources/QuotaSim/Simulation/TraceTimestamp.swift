/// A parsed trace timestamp: an absolute instant or seconds after the trace's start.
///
/// Parsing works on the text's bytes with integer arithmetic. A fraction of up to nine digits
/// is read exactly as nanoseconds and rounded to the nearest microsecond, halves up, so no
/// floating-point rounding enters an offset.
enum TraceTimestamp: Equatable {
  /// An instant, as microseconds since the Unix epoch.
  case absolute(microseconds: Int64)
  /// Microseconds after the trace's start.
  case offset(microseconds: Int64)

  /// The value in microseconds, whatever its kind.
  var microseconds: Int64 {
    switch self {
    case .absolute(let value), .offset(let value): return value
    }
  }

  /// Returns whether two timestamps are of the same kind.
  func isSameKind(as other: TraceTimestamp) -> Bool {
    switch (self, other) {
    case (.absolute, .absolute), (.offset, .offset): return true
    default: return false
    }
  }

  /// Parses `YYYY-MM-DD HH:MM:SS[.fraction]` (UTC), the same with a `T` and a zone (`Z`,
  /// `±HH:MM` or `±HHMM`), or plain seconds such as `12.5`. Returns `nil` for anything else.
  init?(_ text: String) {
    var scanner = ByteScanner(text)
    if let seconds = scanner.digits(maximumCount: 12), scanner.isAtEnd || scanner.peek == .dot {
      guard let fraction = scanner.fractionMicroseconds(), scanner.isAtEnd else { return nil }
      self = .offset(microseconds: seconds * 1_000_000 + fraction)
      return
    }

    scanner = ByteScanner(text)
    guard let microseconds = Self.parseDateTime(&scanner) else { return nil }
    self = .absolute(microseconds: microseconds)
  }

  /// Parses a date and time with an optional zone into microseconds since the epoch.
  private static func parseDateTime(_ scanner: inout ByteScanner) -> Int64? {
    guard let year = scanner.digits(exactCount: 4), year >= 1, scanner.consume(.hyphen),
      let month = scanner.digits(exactCount: 2), (1...12).contains(month),
      scanner.consume(.hyphen), let day = scanner.digits(exactCount: 2), day >= 1,
      day <= Int64(CivilDate.daysInMonth(year: year, month: Int(month)))
    else { return nil }

    let separator = scanner.next()
    guard separator == .space || separator == .letterT,
      let hour = scanner.digits(exactCount: 2), hour <= 23, scanner.consume(.colon),
      let minute = scanner.digits(exactCount: 2), minute <= 59, scanner.consume(.colon),
      let second = scanner.digits(exactCount: 2), second <= 59,
      let fraction = scanner.fractionMicroseconds()
    else { return nil }

    // A `T` form without a zone would be local time in an unknown zone, so it needs one.
    let zoneSeconds: Int64
    if scanner.isAtEnd {
      guard separator == .space else { return nil }
      zoneSeconds = 0
    } else {
      guard let parsed = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }
      zoneSeconds = parsed
    }

    let days = CivilDate(year: year, month: Int(month), day: Int(day)).daysSinceEpoch
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - zoneSeconds
    return seconds * 1_000_000 + fraction
  }
}

/// A cursor over the UTF-8 bytes of a short text.
private struct ByteScanner {
  private let bytes: [UInt8]
  private var index = 0

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  var isAtEnd: Bool { index == bytes.count }

  var peek: UInt8? { isAtEnd ? nil : bytes[index] }

  mutating func next() -> UInt8? {
    guard let byte = peek else { return nil }
    index += 1
    return byte
  }

  /// Consumes `byte` if it comes next.
  mutating func consume(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    index += 1
    return true
  }

  /// Reads exactly `count` decimal digits.
  mutating func digits(exactCount count: Int) -> Int64? {
    let begin = index
    guard let value = digits(maximumCount: count), index - begin == count else {
      index = begin
      return nil
    }
    return value
  }

  /// Reads 1 to `maximumCount` decimal digits; more digits than that fail.
  mutating func digits(maximumCount: Int) -> Int64? {
    let begin = index
    var value: Int64 = 0
    while let byte = peek, byte.isDigit {
      guard index - begin < maximumCount else {
        index = begin
        return nil
      }
      value = value * 10 + Int64(byte - .zero)
      index += 1
    }
    return index > begin ? value : nil
  }

  /// Reads an optional `.` and 1 to 9 digits as microseconds, rounded half up; 0 when there
  /// is no dot.
  mutating func fractionMicroseconds() -> Int64? {
    guard consume(.dot) else { return 0 }
    let begin = index
    guard let value = digits(maximumCount: 9) else { return nil }
    var nanoseconds = value
    for _ in (index - begin)..<9 { nanoseconds *= 10 }
    return (nanoseconds + 500) / 1_000
  }

  /// Reads `Z`, `±HH:MM` or `±HHMM` as seconds east of UTC.
  mutating func zoneOffsetSeconds() -> Int64? {
    if consume(.letterZ) { return 0 }
    let sign: Int64
    if consume(.plus) {
      sign = 1
    } else if consume(.hyphen) {
      sign = -1
    } else {
      return nil
    }
    guard let hours = digits(exactCount: 2), hours <= 23 else { return nil }
    _ = consume(.colon)
    guard let minutes = digits(exactCount: 2), minutes <= 59 else { return nil }
    return sign * (hours * 3_600 + minutes * 60)
  }
}

extension UInt8 {
  fileprivate static let zero = UInt8(ascii: "0")
  fileprivate static let dot = UInt8(ascii: ".")
  fileprivate static let hyphen = UInt8(ascii: "-")
  fileprivate static let plus = UInt8(ascii: "+")
  fileprivate static let colon = UInt8(ascii: ":")
  fileprivate static let space = UInt8(ascii: " ")
  fileprivate static let letterT = UInt8(ascii: "T")
  fileprivate static let letterZ = UInt8(ascii: "Z")

  fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
