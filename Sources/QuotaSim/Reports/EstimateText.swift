/// Locale-independent text for estimates and instants in replication, sweep and plan reports.
enum EstimateText {
  /// Returns `value` written for `unit`: counts with grouped digits and at most one decimal,
  /// fractions as percentages with two decimals, dollars and seconds with fixed decimals.
  static func value<Source>(_ value: Double, unit: Figure<Source>.Unit) -> String {
    switch unit {
    case .count: QuantityFormat.decimal(value, fractionDigits: 1)
    case .fraction: formatNumber(value * 100, decimals: 2) + " %"
    case .percent: formatNumber(value, decimals: 1) + " %"
    case .dollars: "$" + formatNumber(value, decimals: 2)
    case .seconds: formatNumber(value, decimals: 3) + " s"
    }
  }

  /// Returns the mean, or `-` without one.
  static func mean<Source>(_ estimate: MeanEstimate, unit: Figure<Source>.Unit) -> String {
    estimate.mean.map { value($0, unit: unit) } ?? "-"
  }

  /// Returns the interval as `lower … upper`, or `-` without one.
  static func interval<Source>(_ estimate: MeanEstimate, unit: Figure<Source>.Unit) -> String {
    guard let lower = estimate.lower, let upper = estimate.upper else { return "-" }
    return value(lower, unit: unit) + " … " + value(upper, unit: unit)
  }

  /// Returns `mean ± half-width`, the mean alone with one value, or `-` without a value.
  static func meanPlusMinus<Source>(_ estimate: MeanEstimate, unit: Figure<Source>.Unit)
    -> String
  {
    guard let mean = estimate.mean else { return "-" }
    guard let halfWidth = estimate.halfWidth else { return value(mean, unit: unit) }
    return value(mean, unit: unit) + " ± " + value(halfWidth, unit: unit)
  }

  /// Returns an instant to the minute in UTC, such as `2026-01-29 01:04`, or `never`.
  static func minute(_ instant: Instant?) -> String {
    guard let instant else { return "never" }
    let text = instant.iso8601
    return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
  }

  /// Returns the median's interval as `lower … upper`, or `-` when it does not exist.
  static func medianInterval(_ distribution: InstantDistribution) -> String {
    guard distribution.hasMedianInterval else { return "-" }
    return minute(distribution.p50Lower) + " … " + minute(distribution.p50Upper)
  }

  /// Returns a sentence part such as `in 3 of 10 replications (30 %, 95 % interval 0 % …
  /// 65.3 %); p5 2026-01-28 04:10, p50 never, p95 never`.
  static func occurrences(_ distribution: InstantDistribution) -> String {
    let unit = Figure<RunResult>.Unit.fraction
    var text =
      "in \(distribution.occurrences) of \(distribution.replications) replications "
      + "(\(mean(distribution.fraction, unit: unit))"
    if distribution.fraction.lower != nil {
      text += ", 95 % interval \(interval(distribution.fraction, unit: unit))"
    }
    text += "); p5 \(minute(distribution.p5)), p50 \(minute(distribution.p50)), "
    text += "p95 \(minute(distribution.p95))"
    return text
  }
}
