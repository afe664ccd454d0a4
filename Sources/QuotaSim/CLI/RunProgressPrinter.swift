/// Turns a run's progress reports into lines for ``CommandContext/reportProgress``, at most
/// one per interval of elapsed time, so that a long run shows it is moving and a short one
/// prints nothing.
///
/// The interval is measured on the process's monotonic clock. That clock decides only when a
/// line is printed, never what the run computes. Not thread-safe: use it from the thread
/// that runs the simulation.
final class RunProgressPrinter {
  private let report: @Sendable (String) -> Void
  private let minimumInterval: Duration
  private let clock = ContinuousClock()
  private var lastReport: ContinuousClock.Instant

  /// Creates a printer that sends lines to `report`, the first one after `minimumInterval`.
  init(report: @escaping @Sendable (String) -> Void, minimumInterval: Duration = .seconds(1)) {
    self.report = report
    self.minimumInterval = minimumInterval
    lastReport = clock.now
  }

  /// Sends a line for `progress` when `minimumInterval` has passed since the last one.
  func receive(_ progress: RunProgress) {
    let now = clock.now
    guard now - lastReport >= minimumInterval else { return }
    lastReport = now
    report(Self.line(for: progress))
  }

  /// Returns the line for `progress`, such as
  /// `Simulated to 2026-03-14T00:00:00Z (42 % of the span), 1,234,567 requests so far.`
  static func line(for progress: RunProgress) -> String {
    "Simulated to \(progress.now) (\(QuantityFormat.percent(progress.fractionDone)) of the "
      + "span), \(QuantityFormat.grouped(progress.requestsSimulated)) requests so far."
  }
}
