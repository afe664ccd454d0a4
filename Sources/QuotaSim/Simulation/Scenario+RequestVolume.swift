import Foundation

extension Scenario {
  /// The largest number of requests a run may expect: one billion.
  ///
  /// A run costs time in proportion to its requests. A release build simulates in the order
  /// of a million requests per second on one core, so a billion is a quarter of an hour or
  /// more. Beyond it, a mistyped rate (a million requests per second for a month is 2.6
  /// trillion requests) would look like a hang, so scenario decoding rejects it instead.
  public static let maximumExpectedRequests: Double = 1e9

  /// The expected number of requests of every workload between ``start`` and ``end``, in
  /// workload order.
  ///
  /// See ``WorkloadConfig/expectedRequests(from:to:)`` for how each is estimated.
  public var expectedRequestsByWorkload: [Double] {
    workloads.map { $0.expectedRequests(from: start, to: end) }
  }
}

extension WorkloadConfig {
  /// Returns the expected number of requests this workload sends between `start` and `end`,
  /// or infinity when the count does not fit a `Double`.
  ///
  /// - Poisson: the rate times the span, times the means of the hour-of-day and day-of-week
  ///   profiles, times the mean growth factor over the span. Over less than a week the
  ///   profiles' means are an estimate, not the exact integral.
  /// - Batch scan: the prompts per scan times the scan times per day, times the scan days in
  ///   the span rounded up plus one, which bounds the count from above.
  /// - Trace: the rows, times the number of passes that fit in the span when the trace loops.
  public func expectedRequests(from start: Instant, to end: Instant) -> Double {
    let seconds = Double(start.duration(to: end).microseconds) / 1e6
    guard seconds > 0 else { return 0 }

    switch arrivals {
    case .poisson(let poisson):
      return Self.expectedPoissonRequests(poisson, seconds: seconds)
    case .batch(let scan):
      let days = (seconds / 86_400).rounded(.up) + 1
      let scanDaysPerWeek = scan.daysOfWeek.isEmpty ? 7 : Double(Set(scan.daysOfWeek).count)
      let scans = days * scanDaysPerWeek / 7 * Double(Set(scan.startTimesOfDay).count)
      return scans.rounded(.up) * Double(scan.prompts)
    case .trace(let replay):
      return Self.expectedTraceRequests(replay, microseconds: seconds * 1e6)
    }
  }

  private static func expectedPoissonRequests(_ poisson: PoissonArrivals, seconds: Double)
    -> Double
  {
    func mean(_ factors: [Double]?) -> Double {
      guard let factors, !factors.isEmpty else { return 1 }
      return factors.reduce(0, +) / Double(factors.count)
    }
    var count = poisson.ratePerSecond * seconds * mean(poisson.hourOfDay) * mean(poisson.dayOfWeek)
    guard count > 0 else { return 0 }

    // The mean of (1 + g)^(t / month) over t in [0, T] is ((1 + g)^M − 1) / (M ln(1 + g)),
    // with M the span in months.
    let months = seconds / (PiecewisePoissonProcess.daysPerMonth * 86_400)
    let logGrowth = log1p(poisson.monthlyGrowth)
    let exponent = months * logGrowth
    if exponent.magnitude > 1e-12 {
      count *= expm1(exponent) / exponent
    }
    return count.isNaN ? .infinity : count
  }

  private static func expectedTraceRequests(_ replay: TraceReplay, microseconds: Double)
    -> Double
  {
    let rows = Double(replay.rows.count)
    guard replay.loops, replay.rows.count >= 2, let first = replay.rows.first,
      let last = replay.rows.last
    else { return rows }

    // The same period as the replay cursor's: the span plus one mean gap, scaled, at least
    // one microsecond.
    let span = Double(last.offsetMicroseconds - first.offsetMicroseconds)
    let period = max(1, ((span + span / (rows - 1)) * replay.timeScale).rounded())
    return rows * (microseconds / period).rounded(.up)
  }
}
