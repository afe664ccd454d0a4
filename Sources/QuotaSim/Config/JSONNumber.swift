/// A JSON number kept as its source text, so that integers are read exactly.
///
/// The parser only creates numbers whose text matches JSON's grammar:
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number exactly as written in the source.
  public let text: String

  /// Creates a number from text that matches JSON's number grammar.
  ///
  /// - Precondition: `text` is a valid JSON number.
  public init(text: String) {
    self.text = text
  }

  /// The source text.
  public var description: String { text }

  /// The value as an `Int64` when it is a whole number in range, or `nil`.
  ///
  /// The decimal value is evaluated exactly, so `1500`, `1.5e3` and `1500.0` give 1,500, while
  /// `1.5`, `1e400` and `9223372036854775808` give `nil`.
  public var int64Value: Int64? {
    var bytes = Array(text.utf8)[...]
    let isNegative = bytes.first == UInt8(ascii: "-")
    if isNegative { bytes = bytes.dropFirst() }

    var digits: [UInt8] = []
    var fractionDigitCount = 0
    var inFraction = false
    var exponent = 0
    while let byte = bytes.first {
      bytes = bytes.dropFirst()
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        digits.append(byte - UInt8(ascii: "0"))
        if inFraction { fractionDigitCount += 1 }
      case UInt8(ascii: "."):
        inFraction = true
      case UInt8(ascii: "e"), UInt8(ascii: "E"):
        exponent = Self.saturatingExponent(bytes)
        bytes = bytes.dropFirst(bytes.count)
      default:
        return nil
      }
    }
    return Self.exactInteger(
      digits: digits, exponent: exponent - fractionDigitCount, isNegative: isNegative)
  }

  /// The value as a finite `Double` (rounded to the nearest), or `nil` when it overflows to
  /// infinity, as `1e400` does.
  public var doubleValue: Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// Parses an exponent's optional sign and digits, saturating far beyond any useful range.
  private static func saturatingExponent(_ bytes: ArraySlice<UInt8>) -> Int {
    var rest = bytes
    var sign = 1
    if rest.first == UInt8(ascii: "-") {
      sign = -1
      rest = rest.dropFirst()
    } else if rest.first == UInt8(ascii: "+") {
      rest = rest.dropFirst()
    }
    var magnitude = 0
    for byte in rest {
      magnitude = min(magnitude * 10 + Int(byte &- UInt8(ascii: "0")), 1_000_000)
    }
    return sign * magnitude
  }

  /// Returns `digits × 10^exponent` with the sign applied, or `nil` when it is not a whole
  /// number in the `Int64` range.
  private static func exactInteger(digits: [UInt8], exponent: Int, isNegative: Bool) -> Int64? {
    var significant = digits.drop { $0 == 0 }
    if significant.isEmpty { return 0 }

    var exponent = exponent
    while significant.last == 0 {
      significant = significant.dropLast()
      exponent += 1
    }
    guard exponent >= 0, significant.count + exponent <= 19 else { return nil }

    var magnitude: UInt64 = 0
    for digit in significant {
      magnitude = magnitude * 10 + UInt64(digit)
    }
    for _ in 0..<exponent {
      let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      magnitude = product
    }

    if isNegative {
      if magnitude == UInt64(Int64.max) + 1 { return .min }
      return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }
}
