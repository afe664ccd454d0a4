/// Runs the tasks of a study (replications of sweep points) in parallel.
///
/// Each task builds its own ``SimulationRun`` from an immutable ``Scenario``, so workers
/// share nothing but the finished results. Replication r of every point draws from the
/// streams of (seed, r, stream), so points see common random numbers: a difference between
/// two points comes from their settings, not from different draws.
public struct StudyRunner: Sendable {
  /// The scenario of each point.
  public var scenarios: [Scenario]
  /// Replications per point.
  public var replications: Int
  /// The maximum number of worker threads.
  public var jobs: Int
  /// Whether each result carries the run's time series for charts.
  public var recordsSeries = false

  public init(scenarios: [Scenario], replications: Int, jobs: Int) {
    precondition(replications >= 1, "replications \(replications) must be at least 1")
    precondition(
      replications <= StreamKey.replicationLimit,
      "replications \(replications) exceed \(StreamKey.replicationLimit)")
    self.scenarios = scenarios
    self.replications = replications
    self.jobs = jobs
  }

  /// Runs `tasks` (each point × ``replications`` + replication) and returns their results in
  /// the order of `tasks`.
  ///
  /// - Parameter finished: Called after each task, on the thread that ran it.
  /// - Throws: The ``SimulationSetupError`` of the first task, in the order of `tasks`, whose
  ///   run could not be set up.
  public func run(_ tasks: [Int], finished: @escaping @Sendable () -> Void = {})
    throws(SimulationSetupError) -> [TaskResult]
  {
    let scenarios = scenarios
    let replications = replications
    let recordsSeries = recordsSeries
    let outcomes = ParallelWork.map(
      count: tasks.count, jobs: jobs,
      body: { position in
        let task = tasks[position]
        let point = task / replications
        let replication = task % replications
        return Result { () throws(SimulationSetupError) -> TaskResult in
          let run = try SimulationRun(scenario: scenarios[point], replication: replication)
          if recordsSeries { run.recordSeries() }
          return TaskResult(point: point, replication: replication, result: run.run())
        }
      }, finished: finished)
    return try outcomes.map { outcome throws(SimulationSetupError) in try outcome.get() }
  }
}
