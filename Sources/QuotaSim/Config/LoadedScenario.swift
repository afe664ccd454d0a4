/// A scenario read from a file, with what the reader noticed along the way.
public struct LoadedScenario: Sendable {
  /// The file as the user named it.
  public var file: String
  /// The validated scenario, with any command-line overrides applied.
  public var scenario: Scenario
  /// The form in which the horizon was given, so that summaries can print "1 calendar month".
  public var horizon: ScenarioHorizon
  /// For each deployment, in catalog order, the fields that took a default.
  public var derived: [DerivedDeploymentFields]
  /// Information that is not an error, such as fallback cycles or a seed taken from the
  /// command line.
  public var notes: [String]
  /// The axes of the model's `sweep` block, in the order written; empty without one.
  public var sweep: [SweepAxis]
  /// The notes among ``notes`` that name a command-line override of the seed or horizon.
  public var overrideNotes: [String]

  public init(
    file: String, scenario: Scenario, horizon: ScenarioHorizon,
    derived: [DerivedDeploymentFields] = [], notes: [String] = [], sweep: [SweepAxis] = [],
    overrideNotes: [String] = []
  ) {
    self.file = file
    self.scenario = scenario
    self.horizon = horizon
    self.derived = derived
    self.notes = notes
    self.sweep = sweep
    self.overrideNotes = overrideNotes
  }

  /// The override notes as `Note:` lines for standard error.
  public var overrideNoteLines: String {
    overrideNotes.map { "Note: \($0).\n" }.joined()
  }
}

/// The form in which a scenario's span was written.
public enum ScenarioHorizon: Sendable, Equatable {
  /// Calendar months in the scenario's time zone, from `horizonMonths` or `--months`.
  case months(Int)
  /// Days of 86,400 seconds, possibly fractional, from `horizonDays`.
  case days(Double)
  /// An end instant, from `end`.
  case endInstant
}
