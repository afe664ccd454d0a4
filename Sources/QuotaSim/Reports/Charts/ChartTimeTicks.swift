import Foundation

/// Ticks of a time axis at whole hours, days, weeks or months in UTC.
enum ChartTimeTicks {
  private static let hour = 3_600.0
  private static let day = 86_400.0
  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Returns at most `maximumCount` ticks in `range` (seconds since the epoch), at the
  /// smallest step of 1, 2, 3, 6 or 12 hours, 1, 2 or 7 days, or 1, 2, 3 or 6 months that fits.
  static func ticks(in range: ClosedRange<Double>, maximumCount: Int) -> [ChartTick] {
    let span = range.upperBound - range.lowerBound
    let fixedSteps = [1, 2, 3, 6, 12].map { Double($0) * hour } + [1, 2, 7, 14].map { $0 * day }
    for step in fixedSteps where span / step <= Double(maximumCount) {
      var ticks: [ChartTick] = []
      var value = (range.lowerBound / step).rounded(.up) * step
      if step == 7 * day || step == 14 * day {
        // Weeks start on Monday; the epoch was a Thursday.
        let monday = 4 * day
        value = ((range.lowerBound - monday) / step).rounded(.up) * step + monday
      }
      while value <= range.upperBound {
        ticks.append(ChartTick(value: value, label: label(value, step: step)))
        value += step
      }
      return ticks
    }
    for months in [1, 2, 3, 6, 12]
    where span / (30.4 * day * Double(months)) <= Double(maximumCount) {
      return monthTicks(in: range, every: months)
    }
    return monthTicks(in: range, every: 12 * max(1, Int(span / (365 * day)) / maximumCount + 1))
  }

  private static func monthTicks(in range: ClosedRange<Double>, every months: Int) -> [ChartTick] {
    var (year, month) = civil(range.lowerBound)
    var ticks: [ChartTick] = []
    while true {
      let value = seconds(year: year, month: month)
      if value > range.upperBound { break }
      if value >= range.lowerBound, (month - 1) % months == 0 {
        ticks.append(ChartTick(value: value, label: "\(monthNames[month - 1]) \(year)"))
      }
      month += 1
      if month > 12 {
        month = 1
        year += 1
      }
    }
    return ticks
  }

  /// Returns the label of a tick: `06:00` within a day, `14 Jan` for days.
  private static func label(_ value: Double, step: Double) -> String {
    let date = Date(timeIntervalSince1970: value)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
    if step < day {
      return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
    return "\(parts.day ?? 1) \(monthNames[(parts.month ?? 1) - 1])"
  }

  /// Returns the UTC year and month of `value`.
  private static func civil(_ value: Double) -> (Int, Int) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: value))
    return (parts.year ?? 1970, parts.month ?? 1)
  }

  /// Returns the first instant of a UTC month in seconds since the epoch.
  private static func seconds(year: Int, month: Int) -> Double {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date()
    return date.timeIntervalSince1970
  }
}
