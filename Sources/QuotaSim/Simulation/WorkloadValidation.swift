/// Checks of a workload's arrival process, throwing the first problem found.
enum WorkloadValidation {
  /// Checks the rate, the two profiles and the growth.
  static func validate(_ arrivals: PoissonArrivals, workload: String) throws(WorkloadError) {
    let rate = arrivals.ratePerSecond
    guard rate.isFinite, rate >= 0 else {
      throw .invalidRate(workload: workload, ratePerSecond: rate)
    }
    if let factors = arrivals.hourOfDay {
      try validate(profile: factors, name: "hourOfDay", expectedCount: 24, workload: workload)
    }
    if let factors = arrivals.dayOfWeek {
      try validate(profile: factors, name: "dayOfWeek", expectedCount: 7, workload: workload)
    }
    let growth = arrivals.monthlyGrowth
    guard growth.isFinite, growth > -1 else {
      throw .invalidGrowth(workload: workload, monthlyGrowth: growth)
    }
  }

  /// Checks the start times, the days and the scan size.
  static func validate(_ scan: BatchScan, workload: String) throws(WorkloadError) {
    for (index, seconds) in scan.startTimesOfDay.enumerated() where !(0..<86_400).contains(seconds)
    {
      throw .invalidScanTime(workload: workload, index: index, secondsAfterMidnight: seconds)
    }
    for (index, day) in scan.daysOfWeek.enumerated() where !(1...7).contains(day) {
      throw .invalidScanDay(workload: workload, index: index, day: day)
    }
    guard scan.prompts >= 1, scan.workers >= 1 else {
      throw .invalidScanSize(workload: workload, prompts: scan.prompts, workers: scan.workers)
    }
  }

  /// Checks the time scale and that the rows are non-empty, sorted, non-negative and, when
  /// the trace loops, span some time.
  static func validate(_ replay: TraceReplay, workload: String) throws(WorkloadError) {
    guard !replay.rows.isEmpty else {
      throw .emptyTrace(workload: workload, source: replay.source)
    }
    guard replay.timeScale.isFinite, replay.timeScale > 0 else {
      throw .invalidTimeScale(workload: workload, timeScale: replay.timeScale)
    }

    var previousOffset: Int64 = 0
    for (index, row) in replay.rows.enumerated() {
      guard row.offsetMicroseconds >= 0 else {
        throw .negativeTraceOffset(
          workload: workload, row: index, offsetMicroseconds: row.offsetMicroseconds)
      }
      guard row.offsetMicroseconds >= previousOffset else {
        throw .unsortedTrace(
          workload: workload, row: index, offsetMicroseconds: row.offsetMicroseconds,
          previousOffsetMicroseconds: previousOffset)
      }
      guard row.promptTokens >= 0, row.completionTokens >= 0 else {
        throw .negativeTraceTokens(
          workload: workload, row: index, promptTokens: row.promptTokens,
          completionTokens: row.completionTokens)
      }
      previousOffset = row.offsetMicroseconds
    }

    if replay.loops, replay.rows.first?.offsetMicroseconds == replay.rows.last?.offsetMicroseconds {
      throw .traceCannotLoop(workload: workload, rows: replay.rows.count)
    }
  }

  private static func validate(
    profile factors: [Double], name: String, expectedCount: Int, workload: String
  ) throws(WorkloadError) {
    guard factors.count == expectedCount else {
      throw .invalidProfileLength(
        workload: workload, profile: name, count: factors.count, expected: expectedCount)
    }
    for (index, factor) in factors.enumerated() where !(factor.isFinite && factor >= 0) {
      throw .invalidProfileFactor(workload: workload, profile: name, index: index, value: factor)
    }
  }
}
