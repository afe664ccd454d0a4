import Foundation

/// The `quotasim run` command: simulates a model and reports per deployment and period.
public enum RunCommand {
  /// The default of `--trace-limit` for `run`: JSON lines written.
  public static let defaultTraceLimit = 1_000_000

  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "run",
    abstract: "Simulate a model and print per-deployment, per-period figures.",
    arguments: [
      ArgumentSpec(name: "MODEL", help: "Path of the scenario file (JSON with comments).")
    ],
    options: ScenarioOverrides.options + [
      OptionSpec(
        name: "format", valueName: "FORMAT",
        help: "Output on stdout: table (the default), json, csv or markdown."),
      OptionSpec(
        name: "output", valueName: "DIR",
        help: "Folder for the JSON and CSV results, written to DIR/<model>/ (default: output)."),
      StudyOptions.replicationsOption(defaultText: "default: one run without intervals"),
      StudyOptions.jobsOption,
      StudyOptions.shardOption,
      StudyOptions.quietOption,
      OptionSpec(
        name: "trace", valueName: "FILE",
        help: "Write one JSON line per request decision to FILE (off by default)."),
      OptionSpec(
        name: "trace-limit", valueName: "N",
        help: "Maximum number of lines written with --trace (default: 1000000); later "
          + "decisions are counted."),
      StudyOptions.htmlOption,
      OptionSpec(
        name: "timing",
        help: "Print to standard error how long the event loop took and how many simulated "
          + "requests per second it ran; the results are unchanged."),
    ],
    discussion: """
      The run is a pure function of the model and its seed: the same inputs print the same \
      bytes. Besides stdout, the result is written as run.json and run.csv in the output folder, \
      and with --html as report.html, a page of charts: tokens used against the quota, 429s \
      and 403s per day, tokens per minute on the busiest day and the latency distribution.

      With --replications R, the model runs R times and every figure is reported as its mean \
      with a 95 % confidence interval (Student t), along with how often and when each quota \
      ran out; the results go to replications.json and replications.csv. They are the same \
      for any --jobs. With --shard K/N, only every N-th run is computed and written to a \
      partial result file; 'quotasim merge' combines the N files into the same output.

      With --trace, each decision of the limiter (send, done, retry, fallBack, defer, fail, \
      drop) is written as a JSON line with the instant, request, workload, deployment, \
      attempt, response and wait, for inspection with jq. The format is described in \
      docs/replay-format.md.
      """
  ) { parsed, context in
    if parsed.options["replications"] != nil {
      return runReplications(parsed, context: context)
    }
    return run(parsed, context: context)
  }

  static func run(_ parsed: ParsedCommand, context: CommandContext = CommandContext())
    -> CommandResult
  {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    func usageError(_ message: String) -> CommandResult {
      CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(messages: [message], usage: usage),
        status: .usage)
    }

    let overrides: ScenarioOverrides
    do throws(UsageError) {
      overrides = try ScenarioOverrides(parsed: parsed, usage: usage)
    } catch {
      return CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }
    for option in ["jobs", "shard"] where parsed.options[option] != nil {
      return usageError("option '--\(option)' needs '--replications'")
    }
    let formatText = parsed.options["format"] ?? ReportFormat.table.rawValue
    guard let format = ReportFormat(rawValue: formatText) else {
      let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
      return usageError("option '--format' needs one of \(names), but found '\(formatText)'")
    }
    let traceLimit: Int
    switch TraceOptions.limit(parsed, default: defaultTraceLimit) {
    case .success(let limit): traceLimit = limit
    case .failure(let error): return usageError(error.message)
    }
    if parsed.options["trace-limit"] != nil, parsed.options["trace"] == nil {
      return usageError("option '--trace-limit' needs '--trace FILE'")
    }

    let modelURL = URL(fileURLWithPath: parsed.arguments["MODEL"] ?? "")
    let loaded: LoadedScenario
    do throws(ConfigError) {
      loaded = try Scenario.load(contentsOf: modelURL, overrides: overrides)
    } catch {
      return CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(
          messages: error.issues.map(\.description), usage: usage),
        status: .usage)
    }

    let result: RunResult
    var notes: String
    let loopTime: Duration
    switch simulate(
      loaded.scenario, tracePath: parsed.options["trace"], traceLimit: traceLimit,
      recordsSeries: parsed.flags.contains("html"),
      progress: RunProgressPrinter(report: context.reportProgress))
    {
    case .success(let simulated):
      (result, notes, loopTime) = simulated
      notes = loaded.overrideNoteLines + notes
    case .failure(let failure): return failure.result
    }
    if parsed.flags.contains("timing") {
      notes += timingLine(requests: result.requests.simulated, loopTime: loopTime)
    }

    let folder = URL(fileURLWithPath: parsed.options["output"] ?? "output")
      .appendingPathComponent(loaded.scenario.name, isDirectory: true)
    var withoutSeries = result
    withoutSeries.series = nil
    var files = [
      ("run.json", RunReport.json(withoutSeries)), ("run.csv", RunReport.csv(withoutSeries)),
    ]
    if result.series != nil { files.append((HTMLReport.fileName, HTMLReport.run([result]))) }
    do {
      try ReportFiles.write(files, to: folder)
    } catch {
      return CommandResult(
        standardOutput: RunReport.render(result, as: format),
        standardError: notes + "Error: \(error.description)\n", status: .failure)
    }
    return CommandResult(
      standardOutput: RunReport.render(result, as: format), standardError: notes,
      status: .success)
  }

  /// Returns the line `--timing` prints: the requests simulated, the event loop's wall time
  /// and their ratio.
  static func timingLine(requests: Int64, loopTime: Duration) -> String {
    let seconds =
      Double(loopTime.components.seconds)
      + Double(loopTime.components.attoseconds) / 1e18
    let rate = seconds > 0 ? Double(requests) / seconds : 0
    return "Timing: \(requests) requests simulated in "
      + "\(String(format: "%.6f", seconds)) s of event loop, "
      + "\(String(format: "%.0f", rate)) simulated requests per second\n"
  }

  /// Runs `scenario`, writing its trace to `tracePath` when given and recording the chart
  /// series when `recordsSeries` is set, and returns the result with the trace's limit note
  /// for standard error and the wall time of the run's event loop.
  private static func simulate(
    _ scenario: Scenario, tracePath: String?, traceLimit: Int, recordsSeries: Bool,
    progress: RunProgressPrinter
  ) -> Result<(RunResult, String, Duration), RunFailure> {
    do {
      let simulation = try SimulationRun(scenario: scenario)
      if recordsSeries { simulation.recordSeries() }
      var writer: TraceFileWriter?
      if let tracePath {
        let traceWriter = try TraceFileWriter(
          url: URL(fileURLWithPath: tracePath), lineLimit: traceLimit, origin: scenario.start)
        simulation.traceEvents(to: traceWriter.write)
        writer = traceWriter
      }
      let clock = ContinuousClock()
      let began = clock.now
      let result = simulation.run(progress: progress.receive)
      let loopTime = clock.now - began
      try writer?.close()
      return .success((result, writer?.limitNote.map { $0 + "\n" } ?? "", loopTime))
    } catch let error as TraceOutputError {
      return .failure(RunFailure(message: error.description))
    } catch {
      return .failure(RunFailure(message: "could not start the simulation: \(error)."))
    }
  }

  /// A run that could not start or whose trace could not be written.
  private struct RunFailure: Error {
    var message: String

    var result: CommandResult {
      CommandResult(standardError: "Error: \(message)\n", status: .failure)
    }
  }
}
