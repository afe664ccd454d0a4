/// A trace that cannot be fitted.
public enum TraceFitError: Error, Equatable, Sendable {
  /// The trace has no rows.
  case emptyTrace

  /// All rows arrive at one instant, so no arrival rate can be estimated.
  case zeroTimeSpan(rows: Int)

  /// The rows span more than ``TraceFit/maximumSpanDays`` days.
  case spanTooLong(days: Double)
}

extension TraceFitError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .emptyTrace:
      return "The trace has no rows. Give a trace with at least two requests to fit."
    case .zeroTimeSpan(let rows):
      let arrive = rows == 1 ? "one row arrives" : "\(rows) rows all arrive"
      return
        "The trace's \(arrive) at one instant, so no arrival rate can be estimated. Give a "
        + "trace whose requests span some time."
    case .spanTooLong(let days):
      return
        "The trace spans \(days) days, more than the \(Int(TraceFit.maximumSpanDays)) days "
        + "a fit covers. Check the timestamps, or fit a shorter part of the trace."
    }
  }
}
