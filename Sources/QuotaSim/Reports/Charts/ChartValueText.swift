import Foundation

/// Writes chart values in a unit: counts with k, M and G, percentages, dollars and seconds.
enum ChartValueText {
  /// Returns `value` in `format`, with as many decimals as a difference of `step` needs.
  static func format(_ value: Double, as format: ChartAxis.ValueFormat, step: Double) -> String {
    switch format {
    case .count:
      guard value != 0 else { return "0" }
      let magnitude = max(abs(value), abs(step))
      for (divisor, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where magnitude >= divisor {
        return number(value / divisor, step: step / divisor) + suffix
      }
      return number(value, step: step)
    case .fraction:
      return number(value * 100, step: step * 100) + " %"
    case .percent:
      return number(value, step: step) + " %"
    case .dollars:
      return "$" + number(value, step: step)
    case .seconds:
      return number(value, step: step) + " s"
    }
  }

  /// Returns `value` with the decimals that multiples of `step` need, at most four.
  private static func number(_ value: Double, step: Double) -> String {
    var decimals = 0
    var scaled = abs(step)
    while decimals < 4, scaled > 0, abs(scaled - scaled.rounded()) > 1e-6 * max(1, scaled) {
      decimals += 1
      scaled *= 10
    }
    let text = String(format: "%.\(decimals)f", value)
    return text == "-0" ? "0" : text
  }
}
