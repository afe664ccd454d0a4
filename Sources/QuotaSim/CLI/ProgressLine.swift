/// A status line for long work: done / total, elapsed time and an estimate of the time left,
/// redrawn at most five times a second.
///
/// Workers call ``advance()`` from any thread. The line goes to
/// ``CommandContext/updateStatus``, which the executable shows only on a terminal.
final class ProgressLine: @unchecked Sendable {
  // @unchecked: `done` and `lastDrawn` are read and written only while holding `lock`.
  private let lock = Lock()
  private let label: String
  private let unit: String
  private let total: Int
  private let update: @Sendable (String?) -> Void
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant
  private var done = 0
  private var lastDrawn: ContinuousClock.Instant?

  /// The shortest time between two redraws.
  private static let redrawInterval = Duration.milliseconds(200)

  /// Creates a line such as `sweep: 0/200 runs` and draws it, unless `quiet`.
  init(label: String, unit: String = "runs", total: Int, context: CommandContext, quiet: Bool) {
    self.label = label
    self.unit = unit
    self.total = total
    if quiet {
      update = { _ in }
    } else {
      update = context.updateStatus
    }
    started = clock.now
    update(text(done: 0, elapsed: .zero))
  }

  /// Counts one finished piece of work and redraws the line when it is due.
  func advance() {
    lock.withLock {
      done += 1
      let now = clock.now
      if let lastDrawn, now - lastDrawn < Self.redrawInterval, done < total { return }
      lastDrawn = now
      update(text(done: done, elapsed: now - started))
    }
  }

  /// Clears the line.
  func finish() {
    lock.withLock { update(nil) }
  }

  private func text(done: Int, elapsed: Duration) -> String {
    var line = "\(label): \(done)/\(total) \(unit)"
    guard done > 0 else { return line }
    line += ", \(Self.format(elapsed)) elapsed"
    if done < total {
      let left = elapsed * (Double(total - done) / Double(done))
      line += ", about \(Self.format(left)) left"
    }
    return line
  }

  /// Returns a duration such as `42 s`, `3 min 05 s` or `2 h 07 min`.
  static func format(_ duration: Duration) -> String {
    let seconds = Int(duration.components.seconds)
    if seconds < 60 { return "\(seconds) s" }
    if seconds < 3_600 {
      let rest = seconds % 60
      return "\(seconds / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }
    let minutes = (seconds / 60) % 60
    return "\(seconds / 3_600) h \(minutes < 10 ? "0" : "")\(minutes) min"
  }
}
