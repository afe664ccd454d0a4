/// Locale-independent formatting of counts, fractions, durations and prices for terminal
/// output, so that the same input prints the same bytes on every machine.
enum QuantityFormat {
  /// Returns `value` with commas between groups of three digits, such as `1,250,000`.
  static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// Returns a fraction as a percentage to 0.1, such as `80 %` or `87.5 %`.
  static func percent(_ fraction: Double) -> String {
    let tenths = Int64(clampingMicroseconds: (fraction * 1_000).rounded())
    let whole = tenths / 10
    let rest = (tenths % 10).magnitude
    return rest == 0 ? "\(whole) %" : "\(whole).\(rest) %"
  }

  /// Returns a duration in seconds, such as `60 s` or `0.25 s`, exact to the microsecond.
  static func seconds(_ duration: Duration) -> String {
    let microseconds = duration.microseconds
    let whole = microseconds / 1_000_000
    let fraction = (microseconds % 1_000_000).magnitude
    guard fraction != 0 else { return "\(grouped(whole)) s" }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 6 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(grouped(whole)).\(digits) s"
  }

  /// Returns `value` rounded to at most `fractionDigits` decimals, without trailing zeros and
  /// with grouped thousands, such as `1.25`, `0.333` or `8,640`.
  static func decimal(_ value: Double, fractionDigits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    let scale = (0..<fractionDigits).reduce(1.0) { product, _ in product * 10 }
    let scaled = (value.magnitude * scale).rounded()
    guard scaled < 9e18 else { return "\(value)" }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    var fraction = fractionDigits > 0 ? String(units % Int64(scale)) : ""
    fraction = String(repeating: "0", count: max(0, fractionDigits - fraction.count)) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let sign = value < 0 && units != 0 ? "-" : ""
    return sign + grouped(whole) + (fraction.isEmpty ? "" : "." + fraction)
  }

  /// Returns a price in US dollars with at least two decimals, such as `$2.50` or `$0.075`.
  static func dollars(_ value: Double) -> String {
    let cents = (value * 100).rounded()
    if cents == value * 100, cents.magnitude < 1e15 {
      let whole = Int64(cents) / 100
      let rest = (Int64(cents) % 100).magnitude
      return "$\(grouped(whole))." + (rest < 10 ? "0\(rest)" : "\(rest)")
    }
    return "$\(value)"
  }
}
