import Foundation

/// A non-negative decimal literal: ASCII digits with an optional `.` and more digits.
struct PlainDecimal {
  /// The digits before the point, or `nil` when they do not fit an `Int64`.
  private var whole: Int64?
  /// The first ``maximumFractionDigits`` digits after the point, as an integer.
  private var fraction: Int64 = 0
  /// How many digits ``fraction`` holds.
  private var fractionDigits = 0
  /// Whether a nonzero digit beyond ``maximumFractionDigits`` was dropped.
  private var droppedNonzeroDigit = false

  private static let maximumFractionDigits = 12

  /// Parses the whole of `text`, or returns `nil` unless it is a plain non-negative decimal.
  init?(_ text: Substring) {
    let parsed = text.utf8.withContiguousStorageIfAvailable { Self(bytes: $0) }
    if let parsed {
      guard let parsed else { return nil }
      self = parsed
    } else {
      guard let copied = Array(text.utf8).withUnsafeBufferPointer({ Self(bytes: $0) }) else {
        return nil
      }
      self = copied
    }
  }

  /// Parses the whole of `bytes`, UTF-8 text, as ``init(_:)`` does.
  private init?(bytes: UnsafeBufferPointer<UInt8>) {
    var index = 0
    var whole: Int64? = 0
    while index < bytes.count, let digit = Self.digitValue(bytes[index]) {
      if let current = whole {
        let (shifted, multiplyOverflow) = current.multipliedReportingOverflow(by: 10)
        let (sum, addOverflow) = shifted.addingReportingOverflow(digit)
        whole = (multiplyOverflow || addOverflow) ? nil : sum
      }
      index += 1
    }
    guard index > 0 else { return nil }
    self.whole = whole

    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let firstFractionIndex = index
      while index < bytes.count, let digit = Self.digitValue(bytes[index]) {
        if fractionDigits < Self.maximumFractionDigits {
          fraction = fraction * 10 + digit
          fractionDigits += 1
        } else if digit != 0 {
          droppedNonzeroDigit = true
        }
        index += 1
      }
      guard index > firstFractionIndex else { return nil }
    }
    guard index == bytes.count else { return nil }
  }

  /// Returns the value times `unit` microseconds, rounded up, at most the maximum delay.
  func microseconds(unitMicroseconds unit: Int64) -> Int64 {
    let limit = RetryAfterParser.maximumDelayMicroseconds
    guard let whole else { return limit }
    let (wholeMicroseconds, overflow) = whole.multipliedReportingOverflow(by: unit)
    if overflow { return limit }
    let total = wholeMicroseconds.addingClamped(fractionMicroseconds(unitMicroseconds: unit))
    return min(total, limit)
  }

  /// Returns `0.fraction × unit`, rounded up to the microsecond.
  private func fractionMicroseconds(unitMicroseconds unit: Int64) -> Int64 {
    guard fractionDigits > 0 || droppedNonzeroDigit else { return 0 }

    // Write unit = q × 10^e and cancel powers of ten first, so that the product stays small:
    // fraction < 10^12 and q ≤ 864 for every unit used here (a day is 864 × 10^8 µs).
    var q = unit
    var e = 0
    while q != 0, q % 10 == 0 {
      q /= 10
      e += 1
    }
    let (numerator, overflow) = fraction.multipliedReportingOverflow(by: q)
    if overflow {
      // NOTE: no unit used in this module gets here. The floating-point path keeps an odd
      // unit from trapping, at the cost of exactness.
      let value = Double(fraction) / pow(10, Double(fractionDigits)) * Double(unit)
      return Int64(clampingMicroseconds: value.rounded(.up))
    }

    if fractionDigits <= e {
      let exact = numerator * Self.powerOfTen(e - fractionDigits)
      return droppedNonzeroDigit ? exact + 1 : exact
    }
    let divisor = Self.powerOfTen(fractionDigits - e)
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
    return (remainder != 0 || droppedNonzeroDigit) ? quotient + 1 : quotient
  }

  private static func powerOfTen(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  private static func digitValue(_ byte: UInt8) -> Int64? {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) ? Int64(byte - UInt8(ascii: "0")) : nil
  }
}
