/// Tokens used through each quota period, hour by hour, of one deployment in one or more
/// replications: the curves the quota chart draws.
///
/// Every period starts at zero and adds the served tokens of each hour of the run that starts
/// in it. NOTE: A period boundary that is not on a whole hour from the run's start (a time
/// zone with a half-hour offset) puts the straddling hour's tokens in the earlier period.
struct CumulativeCurves {
  /// The instant of each point, in seconds since the epoch.
  var times: [Double] = []
  /// Whether each point starts a period at zero.
  var startsPeriod: [Bool] = []
  /// Per replication, the tokens used in the period through each point.
  var values: [[Double]] = []

  /// Builds the curves of deployment `index` from `results`, which carry series.
  init(results: [RunResult], deployment index: Int) {
    guard let first = results.first else { return }
    let runStart = first.start.seconds
    let runEnd = first.end.seconds
    var hourOfPoint: [Int?] = []
    let hourCount = first.series?.deployments[index].tokensPerHour.count ?? 0
    var hour = 0
    for period in first.deployments[index].periods {
      let start = max(period.start.seconds, runStart)
      let end = min(period.end.seconds, runEnd)
      times.append(start)
      startsPeriod.append(true)
      hourOfPoint.append(nil)
      while hour < hourCount, runStart + Double(hour) * 3_600 < end {
        times.append(min(runStart + Double(hour + 1) * 3_600, end))
        startsPeriod.append(false)
        hourOfPoint.append(hour)
        hour += 1
      }
    }
    values = results.map { result in
      let tokens = result.series?.deployments[index].tokensPerHour ?? []
      var total = 0.0
      return hourOfPoint.map { hour in
        guard let hour else {
          total = 0
          return 0
        }
        total += hour < tokens.count ? Double(tokens[hour]) : 0
        return total
      }
    }
  }

  /// Returns, at each point, the nearest-rank `fraction` quantile over replications.
  func quantile(_ fraction: Double) -> [Double] {
    guard values.count > 1 else { return values.first ?? [] }
    let rank = max(1, Int((fraction * Double(values.count)).rounded(.up)))
    return times.indices.map { point in
      values.map { $0[point] }.sorted()[rank - 1]
    }
  }

  /// Returns the indices of the points to draw: at most about `limit` points, keeping every
  /// period's first and last point.
  func drawnIndices(limit: Int) -> [Int] {
    let stride = max(1, (times.count + limit - 1) / limit)
    var kept: [Int] = []
    var sinceStart = 0
    for index in times.indices {
      if startsPeriod[index] { sinceStart = 0 }
      let last = index == times.count - 1 || startsPeriod[index + 1]
      if sinceStart % stride == 0 || last { kept.append(index) }
      sinceStart += 1
    }
    return kept
  }

  /// Returns the value of `curve` at `seconds`, interpolated within the hour.
  func value(of curve: [Double], at seconds: Double) -> Double {
    guard let after = times.firstIndex(where: { $0 >= seconds }) else { return curve.last ?? 0 }
    guard after > 0, !startsPeriod[after] else { return curve[after] }
    let span = times[after] - times[after - 1]
    let share = span > 0 ? (seconds - times[after - 1]) / span : 1
    return curve[after - 1] + (curve[after] - curve[after - 1]) * share
  }
}

extension Instant {
  /// Seconds since the Unix epoch, for chart coordinates.
  var seconds: Double { Double(microsecondsSinceEpoch) / 1e6 }
}
