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
