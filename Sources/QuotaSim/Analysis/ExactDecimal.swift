/// A decimal number as significand × 10^exponent, exact, for generating sweep values such as
/// 0.80, 0.81, …, 0.99 without binary rounding.
struct ExactDecimal: Sendable, Hashable {
  /// The signed significand.
  var significand: Int64
  /// The power of ten.
  var exponent: Int

  /// The largest number of digits a value may have before or after the decimal point, so
  /// that its plain text stays readable.
  static let digitLimit = 30

  /// Parses text in JSON's number grammar followed by an optional `k`, `K`, `M` or `G` suffix
  /// (10^3, 10^3, 10^6, 10^9), or returns `nil` for other text or more than 18 significant
  /// digits.
  init?(_ text: Substring) {
    var body = text
    var suffixExponent = 0
    switch body.last {
    case "k", "K": suffixExponent = 3
    case "M": suffixExponent = 6
    case "G": suffixExponent = 9
    default: break
    }
    if suffixExponent > 0 { body = body.dropLast() }
    guard JSONScanner.matchesNumberGrammar(Array(body.utf8)) else { return nil }

    let negative = body.hasPrefix("-")
    if negative { body = body.dropFirst() }
    var mantissa = body
    var exponent = suffixExponent
    if let marker = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let written = Int(body[body.index(after: marker)...]), abs(written) <= 1_000 else {
        return nil
      }
      exponent += written
      mantissa = body[..<marker]
    }
    if let point = mantissa.firstIndex(of: ".") {
      let fraction = mantissa[mantissa.index(after: point)...]
      exponent -= fraction.count
      mantissa = mantissa[..<point] + fraction
    }
    var digits = mantissa.drop { $0 == "0" }
    while digits.count > 1, digits.last == "0" {
      digits = digits.dropLast()
      exponent += 1
    }
    guard digits.count <= 18 else { return nil }
    let magnitude = Int64(digits.isEmpty ? "0" : String(digits)) ?? 0
    self.init(
      significand: negative ? -magnitude : magnitude, exponent: magnitude == 0 ? 0 : exponent)
  }

  init(significand: Int64, exponent: Int) {
    self.significand = significand
    self.exponent = exponent
  }

  /// Returns the significand at the smaller `exponent`, or `nil` when it overflows.
  func significand(atExponent target: Int) -> Int64? {
    precondition(target <= exponent, "exponent \(target) is above \(exponent)")
    var value = significand
    for _ in 0..<(exponent - target) {
      let (product, overflow) = value.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      value = product
    }
    return value
  }

  /// The number in JSON's grammar, without an exponent when it has at most ``digitLimit``
  /// digits on either side of the point, such as `0.8`, `50000000` or `-1.25`.
  var text: String {
    let digits = String(significand.magnitude)
    let sign = significand < 0 ? "-" : ""
    if exponent >= 0 {
      if digits.count + exponent > Self.digitLimit { return "\(sign)\(digits)e\(exponent)" }
      return sign + digits + String(repeating: "0", count: exponent)
    }
    let fractionDigits = -exponent
    if fractionDigits > Self.digitLimit { return "\(sign)\(digits)e\(exponent)" }
    var whole = "0"
    var fraction = digits
    if digits.count > fractionDigits {
      whole = String(digits.dropLast(fractionDigits))
      fraction = String(digits.suffix(fractionDigits))
    } else {
      fraction = String(repeating: "0", count: fractionDigits - digits.count) + digits
    }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
  }
}
