import Foundation

/// The `quotasim run` command: simulates a model and reports per deployment and period.
public enum RunCommand {
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
      StudyOptions.htmlOption,
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
      """
  ) { parsed, context in
    if parsed.options["replications"] != nil {
      return runReplications(parsed, context: context)
    }
    return run(parsed)
  }

  static func run(_ parsed: ParsedCommand) -> CommandResult {
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
    do {
      let simulation = try SimulationRun(scenario: loaded.scenario)
      if parsed.flags.contains("html") { simulation.recordSeries() }
      result = simulation.run()
    } catch {
      return CommandResult(
        standardError: "Error: could not start the simulation: \(error.description).\n",
        status: .failure)
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
        standardError: "Error: \(error.description)\n", status: .failure)
    }
    return CommandResult(standardOutput: RunReport.render(result, as: format), status: .success)
  }
}
