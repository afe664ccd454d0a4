/// An invalid workload: a value a ``WorkloadSource`` cannot generate traffic from.
///
/// Every case names the workload, and every message gives the rejected value, what was
/// expected and how to fix it.
public enum WorkloadError: Error, Equatable, Sendable {
  /// The Poisson rate is negative, NaN or infinite.
  case invalidRate(workload: String, ratePerSecond: Double)

  /// An hour-of-day or day-of-week profile has the wrong number of factors.
  case invalidProfileLength(workload: String, profile: String, count: Int, expected: Int)

  /// A profile factor is negative, NaN or infinite.
  case invalidProfileFactor(workload: String, profile: String, index: Int, value: Double)

  /// The monthly growth is NaN, infinite, or -1 or less.
  case invalidGrowth(workload: String, monthlyGrowth: Double)

  /// The horizon ends before it starts.
  case invalidHorizon(workload: String, start: Instant, end: Instant)

  /// A batch start time is outside one day.
  case invalidScanTime(workload: String, index: Int, secondsAfterMidnight: Int)

  /// A batch day of week is outside 1 to 7.
  case invalidScanDay(workload: String, index: Int, day: Int)

  /// A batch scan has fewer than one prompt or one worker.
  case invalidScanSize(workload: String, prompts: Int, workers: Int)

  /// A trace replay has no rows.
  case emptyTrace(workload: String, source: String)

  /// A trace replay's time scale is 0, negative, NaN or infinite.
  case invalidTimeScale(workload: String, timeScale: Double)

  /// A trace row has a negative offset.
  case negativeTraceOffset(workload: String, row: Int, offsetMicroseconds: Int64)

  /// A trace row comes before the previous row.
  case unsortedTrace(
    workload: String, row: Int, offsetMicroseconds: Int64, previousOffsetMicroseconds: Int64)

  /// A trace row has a negative token count.
  case negativeTraceTokens(
    workload: String, row: Int, promptTokens: Int64, completionTokens: Int64)

  /// A looping trace has all its rows at one instant, so it has no period.
  case traceCannotLoop(workload: String, rows: Int)

  /// A token-size distribution has a parameter out of range.
  case invalidTokenParameter(
    workload: String, field: String, parameter: String, value: Double, expected: String)

  /// An empirical token-size histogram has no bins.
  case emptyHistogram(workload: String, field: String)

  /// A histogram bin has a negative lower bound, an upper bound not above it, a bound above
  /// ``TokenSizeSampler/maximumTokens``, or a negative, NaN or infinite weight.
  case invalidHistogramBin(workload: String, field: String, index: Int, bin: HistogramBin)

  /// The histogram's weights add up to 0 or overflow.
  case invalidHistogramTotal(workload: String, field: String, totalWeight: Double)

  /// `maxTokens` is less than 1.
  case invalidMaxTokens(workload: String, maxTokens: Int64)

  /// GSL failed to set up a distribution.
  case randomFailure(workload: String, RandomError)
}

extension WorkloadError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidRate(let workload, let rate):
      return
        "Workload '\(workload)': invalid ratePerSecond \(rate). Expected a finite number of "
        + "requests per second, 0 or more."
    case .invalidProfileLength(let workload, let profile, let count, let expected):
      return
        "Workload '\(workload)': \(profile) has \(count) factors. Expected \(expected), "
        + (expected == 24 ? "one per hour from midnight." : "one per day from Monday.")
    case .invalidProfileFactor(let workload, let profile, let index, let value):
      return
        "Workload '\(workload)': invalid \(profile) factor \(value) at index \(index). "
        + "Expected a finite number of 0 or more."
    case .invalidGrowth(let workload, let growth):
      return
        "Workload '\(workload)': invalid monthlyGrowth \(growth). Expected a finite number "
        + "above -1, such as 0.1 for 10 % more traffic a month."
    case .invalidHorizon(let workload, let start, let end):
      return
        "Workload '\(workload)': the horizon ends at \(end), before its start \(start). "
        + "Give an end at or after the start."
    case .invalidScanTime(let workload, let index, let seconds):
      return
        "Workload '\(workload)': invalid startTimesOfDay[\(index)] \(seconds). Expected "
        + "seconds after local midnight, from 0 to 86399 (32400 is 09:00)."
    case .invalidScanDay(let workload, let index, let day):
      return
        "Workload '\(workload)': invalid daysOfWeek[\(index)] \(day). Expected 1 (Monday) "
        + "to 7 (Sunday)."
    case .invalidScanSize(let workload, let prompts, let workers):
      return
        "Workload '\(workload)': a batch scan of \(prompts) prompts with \(workers) workers. "
        + "Expected at least 1 prompt and 1 worker."
    case .emptyTrace(let workload, let source):
      let origin = source.isEmpty ? "" : " from '\(source)'"
      return
        "Workload '\(workload)': the trace\(origin) has no rows. Give a trace with at least "
        + "one request."
    case .invalidTimeScale(let workload, let timeScale):
      return
        "Workload '\(workload)': invalid timeScale \(timeScale). Expected a finite number "
        + "above 0, such as 0.5 to replay twice as fast."
    case .negativeTraceOffset(let workload, let row, let offset):
      return
        "Workload '\(workload)': trace row \(row) has the negative offset \(offset) µs. "
        + "Expected offsets of 0 or more after the first request."
    case .unsortedTrace(let workload, let row, let offset, let previous):
      return
        "Workload '\(workload)': trace row \(row) at \(offset) µs comes before the previous "
        + "row at \(previous) µs. Sort the rows by offset."
    case .negativeTraceTokens(let workload, let row, let prompt, let completion):
      return
        "Workload '\(workload)': trace row \(row) has \(prompt) prompt and \(completion) "
        + "completion tokens. Expected token counts of 0 or more."
    case .traceCannotLoop(let workload, let rows):
      return
        "Workload '\(workload)': the trace's \(rows) rows all arrive at one instant, so it "
        + "has no period to loop with. Set loops to false or give rows that span some time."
    case .invalidTokenParameter(let workload, let field, let parameter, let value, let expected):
      return
        "Workload '\(workload)': invalid \(field) \(parameter) \(value). Expected \(expected)."
    case .emptyHistogram(let workload, let field):
      return
        "Workload '\(workload)': the \(field) histogram has no bins. Give at least one "
        + "[lower, upper, weight] bin."
    case .invalidHistogramBin(let workload, let field, let index, let bin):
      return
        "Workload '\(workload)': invalid \(field) histogram bin \(index) "
        + "[\(bin.lower), \(bin.upper), \(bin.weight)]. Expected 0 <= lower < upper <= "
        + "\(TokenSizeSampler.maximumTokens) and a finite weight of 0 or more."
    case .invalidHistogramTotal(let workload, let field, let total):
      return
        "Workload '\(workload)': the \(field) histogram weights add up to \(total). "
        + "Expected a finite total above 0, so give at least one bin a positive weight."
    case .invalidMaxTokens(let workload, let maxTokens):
      return
        "Workload '\(workload)': invalid maxTokens \(maxTokens). Expected 1 or more, or "
        + "null to leave max_tokens unset."
    case .randomFailure(let workload, let error):
      return "Workload '\(workload)': \(error)"
    }
  }
}
