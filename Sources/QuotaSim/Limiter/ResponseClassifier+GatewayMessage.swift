import Foundation

extension ResponseClassifier {
  /// Returns the wait an API Management error message states, or `nil` when it states none.
  ///
  /// The duration must follow `Try again in` or `replenished in` (any case). Two forms are read:
  ///
  /// - .NET's `TimeSpan` form, `d.hh:mm:ss` or `hh:mm:ss` with optional fractional seconds,
  ///   as in API Management's call-quota message "Out of call volume quota. Quota will be
  ///   replenished in 22.14:18:12.";
  /// - amounts with English units (day, hour, minute, second, singular or plural) joined by
  ///   spaces, commas or `and`, as in "Token quota is exceeded. Try again in 21 minutes and
  ///   33 seconds." Each amount is a plain decimal, so "2.12 days" is read too.
  ///
  /// Text after the duration is ignored. A huge duration is clamped to
  /// ``RetryAfterParser/maximumDelay``.
  public static func replenishDelay(inMessage message: String) -> Duration? {
    for marker in ["try again in", "replenished in"] {
      guard let range = message.range(of: marker, options: .caseInsensitive) else { continue }
      var scanner = DurationScanner(message[range.upperBound...])
      scanner.skipSpaces()
      let start = scanner
      if let delay = scanner.clock() {
        return delay
      }
      scanner = start
      if let delay = scanner.amountsWithUnits() {
        return delay
      }
    }
    return nil
  }
}

/// A cursor over the text after a "Try again in" marker.
private struct DurationScanner {
  private var rest: Substring.UTF8View.SubSequence

  init(_ text: Substring) {
    rest = text.utf8[...]
  }

  mutating func skipSpaces() {
    while rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
  }

  /// Reads `[d.]hh:mm:ss[.fffffff]` and returns its length.
  mutating func clock() -> Duration? {
    guard let first = digitRun() else { return nil }
    var days: Substring = "0"
    let hours: Substring
    if consume("."), let second = digitRun(), consume(":") {
      days = first
      hours = second
    } else if consume(":") {
      hours = first
    } else {
      return nil
    }
    guard hours.count == 2, let minutes = digitRun(), minutes.count == 2, consume(":"),
      var seconds = digitRun(), seconds.count == 2
    else { return nil }
    if rest.count >= 2, rest.first == UInt8(ascii: "."), Self.isDigit(rest.dropFirst().first) {
      rest = rest.dropFirst()
      seconds = "\(seconds).\(digitRun() ?? "")"
    }
    guard let hourValue = Int(hours), hourValue < 24, let minuteValue = Int(minutes),
      minuteValue < 60, let secondValue = Int(seconds.prefix(2)), secondValue < 60,
      !Self.isDigit(rest.first), rest.first != UInt8(ascii: ":")
    else { return nil }

    let parts: [(Substring, Int64)] = [
      (days, 86_400_000_000), (hours, 3_600_000_000), (minutes, 60_000_000), (seconds, 1_000_000),
    ]
    return Self.sum(parts)
  }

  /// Reads amounts with units, such as `21 minutes and 33 seconds`, and returns their sum.
  mutating func amountsWithUnits() -> Duration? {
    var parts: [(Substring, Int64)] = []
    while let amount = decimalRun() {
      skipSpaces()
      guard let unit = unitWord() else { return nil }
      parts.append((amount, unit))
      skipSpaces()
      _ = consume(",")
      skipSpaces()
      if consume("and ") { skipSpaces() }
    }
    return parts.isEmpty ? nil : Self.sum(parts)
  }

  /// Returns the sum of amounts in units of the given microseconds, clamped to the maximum.
  private static func sum(_ parts: [(Substring, Int64)]) -> Duration? {
    var total: Int64 = 0
    for (amount, unit) in parts {
      guard let number = PlainDecimal(amount) else { return nil }
      total = total.addingClamped(number.microseconds(unitMicroseconds: unit))
    }
    return .microseconds(min(total, RetryAfterParser.maximumDelayMicroseconds))
  }

  private mutating func consume(_ literal: String) -> Bool {
    let expected = literal.utf8
    guard rest.starts(with: expected) else { return false }
    rest = rest.dropFirst(expected.count)
    return true
  }

  private mutating func digitRun() -> Substring? {
    let digits = rest.prefix { Self.isDigit($0) }
    guard !digits.isEmpty else { return nil }
    rest = rest.dropFirst(digits.count)
    return Substring(digits)
  }

  /// Reads digits with an optional `.` and more digits, as ``PlainDecimal`` accepts.
  private mutating func decimalRun() -> Substring? {
    guard let whole = digitRun() else { return nil }
    let afterWhole = rest
    if consume("."), let fraction = digitRun() {
      return "\(whole).\(fraction)"
    }
    rest = afterWhole
    return whole
  }

  /// Reads a unit word and returns its length in microseconds.
  private mutating func unitWord() -> Int64? {
    let letters = rest.prefix {
      ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z")
    }
    let microseconds: Int64
    switch String(Substring(letters)).lowercased() {
    case "day", "days": microseconds = 86_400_000_000
    case "hour", "hours": microseconds = 3_600_000_000
    case "minute", "minutes": microseconds = 60_000_000
    case "second", "seconds": microseconds = 1_000_000
    default: return nil
    }
    rest = rest.dropFirst(letters.count)
    return microseconds
  }

  private static func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
