import Foundation

/// One axis of a chart: its kind, title with unit, range and how tick labels read.
public struct ChartAxis: Sendable, Equatable {
  /// How values map to positions.
  public enum Kind: Sendable, Equatable {
    /// Evenly spaced values.
    case linear
    /// Powers of ten evenly spaced; values must be positive.
    case logarithmic
    /// Seconds since the Unix epoch, labelled with UTC dates and times.
    case time
    /// One slot per label; value `i` is the centre of slot `i`.
    case categories([String])
  }

  /// The notation of tick values.
  public enum ValueFormat: Sendable, Equatable {
    /// Counts with k, M and G suffixes, such as `1.5M`.
    case count
    /// Fractions from 0 to 1, written as percentages.
    case fraction
    /// Values already in percent.
    case percent
    /// US dollars.
    case dollars
    /// Seconds.
    case seconds
  }

  /// The axis title, with its unit, such as `tokens used in the period`.
  public var title: String
  /// The mapping of values to positions.
  public var kind: Kind
  /// The notation of tick values.
  public var format: ValueFormat
  /// The smallest value shown, or `nil` to fit the data.
  public var minimum: Double?
  /// The largest value shown, or `nil` to fit the data.
  public var maximum: Double?

  public init(
    _ title: String, kind: Kind = .linear, format: ValueFormat = .count,
    minimum: Double? = nil, maximum: Double? = nil
  ) {
    self.title = title
    self.kind = kind
    self.format = format
    self.minimum = minimum
    self.maximum = maximum
  }
}

/// A tick: its value and label.
struct ChartTick: Equatable {
  var value: Double
  var label: String
}

extension ChartAxis {
  /// Returns the range shown for data from `low` to `high`: the fixed ends where set, and
  /// otherwise the data widened to whole ticks (linear) or powers of ten (logarithmic).
  func range(dataLow: Double, dataHigh: Double) -> ClosedRange<Double> {
    var low = minimum ?? dataLow
    var high = maximum ?? dataHigh
    switch kind {
    case .categories(let labels):
      return -0.5...(Double(max(1, labels.count)) - 0.5)
    case .logarithmic:
      low = max(low, 1e-9)
      high = max(high, low * 10)
      if minimum == nil { low = pow(10, floor(log10(low))) }
      if maximum == nil { high = pow(10, ceil(log10(high))) }
      return low...high
    case .time:
      if high <= low { high = low + 86_400 }
      return low...high
    case .linear:
      if high <= low { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
      let step = countStep(Self.niceStep((high - low) / 5))
      if minimum == nil { low = floor(low / step) * step }
      if maximum == nil { high = ceil(high / step) * step }
      return low...high
    }
  }

  /// Returns the ticks in `range` for an axis `length` pixels long, spaced so that labels
  /// `spacing` pixels wide or tall do not overlap.
  func ticks(in range: ClosedRange<Double>, length: Double, labelSpacing: Double) -> [ChartTick] {
    let maximumCount = max(2, Int(length / labelSpacing))
    switch kind {
    case .categories(let labels):
      let every = max(1, Int((Double(labels.count) / Double(maximumCount)).rounded(.up)))
      return labels.enumerated().compactMap { index, label in
        index % every == 0 ? ChartTick(value: Double(index), label: label) : nil
      }
    case .logarithmic:
      var ticks: [ChartTick] = []
      var decade = floor(log10(range.lowerBound))
      while pow(10, decade) <= range.upperBound * 1.000_001 {
        let value = pow(10, decade)
        if value >= range.lowerBound * 0.999_999 {
          ticks.append(ChartTick(value: value, label: label(value, step: value)))
        }
        decade += 1
      }
      return ticks
    case .time:
      return ChartTimeTicks.ticks(in: range, maximumCount: maximumCount)
    case .linear:
      let step = countStep(
        Self.niceStep((range.upperBound - range.lowerBound) / Double(maximumCount)))
      var ticks: [ChartTick] = []
      var value = (range.lowerBound / step).rounded(.up) * step
      while value <= range.upperBound + step * 1e-9 {
        let clean = abs(value) < step * 1e-9 ? 0 : value
        ticks.append(ChartTick(value: clean, label: label(clean, step: step)))
        value += step
      }
      return ticks
    }
  }

  /// Returns `step`, at least 1 on a count axis, so that counts get whole-number ticks.
  private func countStep(_ step: Double) -> Double {
    format == .count ? max(1, step) : step
  }

  /// Returns the smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * magnitude >= raw * 0.999_999 {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// Returns `value` written in the axis format with enough decimals to tell ticks `step`
  /// apart.
  func label(_ value: Double, step: Double) -> String {
    ChartValueText.format(value, as: format, step: step)
  }
}
