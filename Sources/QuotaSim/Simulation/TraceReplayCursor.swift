/// The position of a replay in a recorded trace, with the arithmetic of time scaling and
/// looping.
///
/// Row `i` of pass `k` (from 0) arrives at
/// `start + round(offset_i × timeScale) + k × period`. Without looping there is one pass. With
/// looping, the period is the trace's span plus one mean gap between its requests, both
/// scaled: `((last − first) + (last − first) / (rows − 1)) × timeScale`, rounded to the
/// microsecond and at least 1 µs. The extra gap keeps the last request of one pass and the
/// first of the next as far apart as an average pair, so a looped trace keeps the trace's
/// mean rate of `rows / period`.
struct TraceReplayCursor {
  private let replay: TraceReplay
  private let start: Instant
  private let end: Instant
  /// The time between passes, or `nil` when the trace plays once.
  private let periodMicroseconds: Int64?
  /// The next row to replay.
  private var index = 0
  /// The current pass, from 0.
  private var pass: Int64 = 0
  /// The previous arrival, which the next one never precedes.
  private var previousArrival = Instant(microsecondsSinceEpoch: .min)
  /// Whether the replay has passed `end` or the last row.
  private(set) var isFinished: Bool

  /// Creates the cursor; the replay must already be validated (rows sorted, not empty, and a
  /// non-zero span when it loops).
  init(replay: TraceReplay, start: Instant, end: Instant) {
    self.replay = replay
    self.start = start
    self.end = end
    self.isFinished = start >= end || replay.rows.isEmpty

    guard replay.loops, let first = replay.rows.first, let last = replay.rows.last else {
      periodMicroseconds = nil
      return
    }
    let span = Double(last.offsetMicroseconds - first.offsetMicroseconds)
    let meanGap = span / Double(replay.rows.count - 1)
    let period = ((span + meanGap) * replay.timeScale).rounded()
    periodMicroseconds = max(1, Int64(clampingMicroseconds: period))
  }

  /// Returns the next row's arrival and the row, or `nil` when the replay is done.
  mutating func next() -> (arrival: Instant, row: TraceRow)? {
    guard !isFinished else { return nil }

    let row = replay.rows[index]
    let scaled = Int64(
      clampingMicroseconds: (Double(row.offsetMicroseconds) * replay.timeScale).rounded())
    let passOffset = pass.multipliedClamped(by: periodMicroseconds ?? 0)
    // Rounding a tiny scaled period can leave a pass's first row a microsecond before the
    // previous pass's last one, so arrivals are clamped to stay in time order.
    let arrival = max(
      previousArrival, start.advanced(byMicroseconds: scaled.addingClamped(passOffset)))
    guard arrival < end else {
      isFinished = true
      return nil
    }

    previousArrival = arrival
    index += 1
    if index == replay.rows.count {
      if periodMicroseconds == nil {
        isFinished = true
      } else {
        index = 0
        pass += 1
      }
    }
    return (arrival, row)
  }
}
