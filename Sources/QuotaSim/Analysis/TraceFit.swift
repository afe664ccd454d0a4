import Foundation

/// Fits a workload to a recorded trace: arrival rates by local hour of day and token-size
/// distributions with their goodness of fit.
///
/// ## Arrival rates
///
/// A trace of `n` requests from `first` to `last` is taken to cover `[first, last + gap)`,
/// where `gap = (last − first) / (n − 1)` is the mean time between requests, so the mean rate
/// is `n / (last − first + gap)`. That window is what a looping replay repeats, so a looped
/// trace and a fitted workload have the same mean rate.
///
/// The window is split into local hours of the given zone, daylight saving time included.
/// Each hour of day gets the requests and seconds of the window that fall into it, and its
/// rate is requests ÷ seconds. A one-hour trace covers one hour of day only when it starts on
/// the hour; Azure's conversation trace (18:15:46 to 19:14:08 UTC) covers parts of 18 and 19.
/// An hour of day covered for less than ``minimumCoveredSecondsPerHour`` is too short to
/// estimate, and it keeps factor 1 like the hours the trace does not cover. The other hours
/// get their rate ÷ the mean rate.
public enum TraceFit {
  /// The minimum coverage, in seconds, for an hour of day to get a factor of its own: 600 s.
  public static let minimumCoveredSecondsPerHour = 600.0

  /// The longest span a fit accepts, 3,660 days (about ten years), because the rates walk the
  /// window one local hour at a time.
  public static let maximumSpanDays = 3_660.0

  /// Fits arrival rates and token sizes to `rows`.
  ///
  /// - Parameters:
  ///   - rows: The trace's requests; their order does not matter.
  ///   - origin: The instant of offset 0, such as ``TraceLoadResult/origin``. The default,
  ///     the Unix epoch, reads offsets as time since 1970-01-01T00:00:00Z, so a trace whose
  ///     offsets start at midnight UTC gets its hours right.
  ///   - timeZone: The zone whose local hours the rates are given in.
  ///   - timeZoneName: The zone's name as the user wrote it, for the comments. The default
  ///     is the zone's identifier, which Foundation on Linux gives as `GMT` for `UTC`.
  /// - Returns: The fits, ready for ``TraceFitResult/workloadBlock(name:deployment:)``.
  /// - Throws: ``TraceFitError/emptyTrace``, ``TraceFitError/zeroTimeSpan(rows:)`` or
  ///   ``TraceFitError/spanTooLong(days:)``.
  public static func fit(
    rows: [TraceRow], origin: Instant = .epoch, timeZone: TimeZone, timeZoneName: String? = nil
  ) throws(TraceFitError) -> TraceFitResult {
    guard !rows.isEmpty else { throw .emptyTrace }
    let offsets = rows.map(\.offsetMicroseconds).sorted()
    guard let first = offsets.first, let last = offsets.last, last > first else {
      throw .zeroTimeSpan(rows: rows.count)
    }

    let span = Double(last) - Double(first)
    let spanDays = span / 86_400_000_000
    guard spanDays <= maximumSpanDays else { throw .spanTooLong(days: spanDays) }
    let windowMicroseconds = span + span / Double(rows.count - 1)
    let windowStart = origin.advanced(byMicroseconds: first)
    let windowEnd = windowStart.advanced(
      byMicroseconds: Int64(clampingMicroseconds: windowMicroseconds.rounded()))
    let hours = hourOfDayRates(
      arrivals: offsets.map { origin.advanced(byMicroseconds: $0) }, from: windowStart,
      to: windowEnd, timeZone: timeZone)

    return TraceFitResult(
      requestCount: rows.count, timeZoneIdentifier: timeZoneName ?? timeZone.identifier,
      windowStart: windowStart,
      windowEnd: windowEnd,
      meanRatePerSecond: Double(rows.count) / (windowMicroseconds / 1_000_000), hours: hours,
      prompt: TokenSizeFit(observations: rows.map(\.promptTokens), minimumTokens: 1),
      completion: TokenSizeFit(observations: rows.map(\.completionTokens), minimumTokens: 0))
  }

  /// Counts requests and covered seconds per local hour of day over `[start, end)`.
  ///
  /// - Parameter arrivals: The arrival instants, ascending, all inside the window.
  private static func hourOfDayRates(
    arrivals: [Instant], from start: Instant, to end: Instant, timeZone: TimeZone
  ) -> [HourOfDayRate] {
    var requests = [Int](repeating: 0, count: 24)
    var coveredMicroseconds = [Int64](repeating: 0, count: 24)
    var calendar = LocalHourCalendar(timeZone: timeZone)
    var next = 0
    var instant = start
    while instant < end {
      let hour = calendar.hour(containing: instant)
      let stretchEnd = min(hour.end, end)
      coveredMicroseconds[hour.hourOfDay] +=
        stretchEnd.microsecondsSinceEpoch
        - instant.microsecondsSinceEpoch
      while next < arrivals.count && arrivals[next] < stretchEnd {
        requests[hour.hourOfDay] += 1
        next += 1
      }
      instant = stretchEnd
    }

    return (0..<24).map { hour in
      HourOfDayRate(
        hour: hour, coveredSeconds: Double(coveredMicroseconds[hour]) / 1_000_000,
        requests: requests[hour])
    }
  }
}
