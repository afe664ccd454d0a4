/// Reruns a model's seeded runs and compares their figures with the model's baseline.
///
/// A run is a pure function of its scenario, seed and replication, so a figure of an
/// unchanged model and limiter equals the stored one. A difference means that the scenario,
/// the simulator or the limiter changed.
public enum BaselineCheck {
  /// The findings of a check of one model.
  public struct Report: Sendable, Equatable {
    /// The outcome for the baseline.
    public enum Verdict: String, Sendable, Equatable {
      /// Every figure equals the baseline.
      case unchanged
      /// At least one figure differs from the baseline.
      case changed
      /// No baseline existed, and one was written.
      case created
      /// The baseline was written again, with the changes listed.
      case updated
    }

    /// The model's name.
    public var model: String
    /// The baseline file.
    public var baselineFile: String
    /// The seeds of the runs compared, in order.
    public var seeds: [UInt64]
    /// The comparison of every run with its stored figures.
    public var comparison: FigureComparison.Outcome
    /// The outcome for the baseline.
    public var verdict: Verdict
  }

  /// Runs `scenario` once per stored run of `baseline` and compares the figures.
  ///
  /// - Parameter scenario: The model, with the baseline's `months` already applied.
  /// - Throws: ``SimulationSetupError`` when a run cannot be set up.
  public static func check(_ scenario: Scenario, against baseline: Baseline)
    throws(SimulationSetupError) -> Report
  {
    var comparison = FigureComparison.Outcome()
    for (index, stored) in baseline.runs.enumerated() {
      let result = try run(scenario, seed: stored.seed, replication: stored.replication)
      let path = baseline.runs.count == 1 ? "" : "runs[\(index)]"
      let outcome = FigureComparison.compare(
        old: stored.result, new: Baseline.storedForm(of: result), path: path)
      comparison.figuresCompared += outcome.figuresCompared
      comparison.changes += outcome.changes
    }
    return Report(
      model: baseline.model, baselineFile: baseline.file, seeds: baseline.runs.map(\.seed),
      comparison: comparison, verdict: comparison.changes.isEmpty ? .unchanged : .changed)
  }

  /// Runs `scenario` for each of `runs` and returns the baseline text to write, with the
  /// changes from `previous` when there is one.
  ///
  /// - Parameters:
  ///   - scenario: The model, with any `--months` override applied.
  ///   - months: The `--months` override, stored so that checks rerun with it.
  ///   - runs: The seeds and replication indices to record.
  ///   - previous: The baseline being replaced, or `nil`.
  ///   - file: The baseline file as the user named it.
  /// - Throws: ``SimulationSetupError`` when a run cannot be set up.
  public static func record(
    _ scenario: Scenario, months: Int?, runs: [(seed: UInt64, replication: Int)],
    previous: Baseline?, file: String
  ) throws(SimulationSetupError) -> (report: Report, text: String) {
    var results: [RunResult] = []
    for stored in runs {
      results.append(try run(scenario, seed: stored.seed, replication: stored.replication))
    }
    let new = results.map(Baseline.storedForm(of:))
    let old = previous?.runs.map(\.result) ?? new
    let comparison =
      old.count == 1 && new.count == 1
      ? FigureComparison.compare(old: old[0], new: new[0])
      : FigureComparison.compare(old: storedRuns(old), new: storedRuns(new), path: "runs")
    let report = Report(
      model: scenario.name, baselineFile: file, seeds: runs.map(\.seed), comparison: comparison,
      verdict: previous == nil ? .created : .updated)
    return (report, Baseline.document(model: scenario.name, months: months, results: results))
  }

  private static func run(_ scenario: Scenario, seed: UInt64, replication: Int)
    throws(SimulationSetupError) -> RunResult
  {
    var seeded = scenario
    seeded.seed = seed
    return try SimulationRun(scenario: seeded, replication: replication).run()
  }

  private static func storedRuns(_ results: [JSONValue]) -> JSONValue {
    JSONValue(.array(results), at: SourcePosition(line: 1, column: 1))
  }
}
