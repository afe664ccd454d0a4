import Foundation

/// The steps that `run --replications` and `sweep` share: decoding the points, running the
/// tasks, and writing either the report or a shard's partial result.
enum StudyCommandSupport {
  /// The `--format` option of study commands.
  static let formatOption = OptionSpec(
    name: "format", valueName: "FORMAT",
    help: "Output on stdout: table (the default), json, csv or markdown.")

  /// The `--output` option of study commands.
  static let outputOption = OptionSpec(
    name: "output", valueName: "DIR",
    help: "Folder for the JSON and CSV results and partial result files, written to "
      + "DIR/<model>/ (default: output).")

  /// Returns a usage error result with `messages`.
  static func usageError(_ messages: [String], usage: String) -> CommandResult {
    CommandResult(
      standardError: QuotaSimCommandLine.tool.errorText(messages: messages, usage: usage),
      status: .usage)
  }

  /// Reads the options that every study command takes: the scenario overrides, the study
  /// options and `--format`.
  ///
  /// - Throws: `UsageError` for the first option with an invalid value.
  static func inputs(_ parsed: ParsedCommand, usage: String) throws(UsageError) -> StudyInputs {
    StudyInputs(
      overrides: try ScenarioOverrides(parsed: parsed, usage: usage),
      options: try StudyOptions(parsed: parsed, usage: usage),
      format: try format(parsed, usage: usage).get())
  }

  /// Loads the `MODEL` argument with `overrides` applied.
  ///
  /// - Returns: The model, or the usage error result listing every problem of the file.
  static func model(_ parsed: ParsedCommand, overrides: ScenarioOverrides, usage: String)
    -> Result<ScenarioDocument, UsageFailure>
  {
    do throws(ConfigError) {
      return .success(
        try ScenarioDocument.load(
          contentsOf: URL(fileURLWithPath: parsed.arguments["MODEL"] ?? ""), overrides: overrides))
    } catch {
      return .failure(UsageFailure(usageError(error.issues.map(\.description), usage: usage)))
    }
  }

  /// Reads `--format`, or returns the usage error for an unknown format.
  static func format(_ parsed: ParsedCommand, usage: String) -> Result<ReportFormat, UsageError> {
    let text = parsed.options["format"] ?? ReportFormat.table.rawValue
    guard let format = ReportFormat(rawValue: text) else {
      let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
      return .failure(
        UsageError(
          message: "option '--format' needs one of \(names), but found '\(text)'", usage: usage))
    }
    return .success(format)
  }

  /// Returns the folder `DIR/<model>/` for `--output DIR`.
  static func folder(_ parsed: ParsedCommand, model: String) -> URL {
    URL(fileURLWithPath: parsed.options["output"] ?? "output")
      .appendingPathComponent(model, isDirectory: true)
  }

  /// Decodes the scenario of every point of `study`.
  ///
  /// - Returns: The scenarios in point order, or the usage error result naming the first
  ///   point that does not decode and each of its problems.
  static func scenarios(of study: StudyDescriptor, document: ScenarioDocument, usage: String)
    -> Result<[Scenario], UsageFailure>
  {
    guard let plan = try? SweepPlan(axes: study.axes) else {
      preconditionFailure("the study's axes were checked")
    }
    var scenarios: [Scenario] = []
    for point in 0..<plan.pointCount {
      do throws(SweepPointError) {
        scenarios.append(try document.scenario(with: plan.settings(ofPoint: point)))
      } catch {
        let settings = plan.settings(ofPoint: point).map(\.description).joined(separator: ", ")
        let prefix = "the sweep point \(settings) gives an invalid model"
        return .failure(UsageFailure(usageError([prefix] + error.messages, usage: usage)))
      }
    }
    return .success(scenarios)
  }

  /// Runs the study's tasks (or its shard's) and returns the report, or writes the shard's
  /// partial result file.
  static func execute(
    study: StudyDescriptor, scenarios: [Scenario], options: StudyOptions,
    parsed: ParsedCommand, format: ReportFormat, context: CommandContext
  ) -> CommandResult {
    let html = options.html
    let tasks = options.shard?.tasks(of: study.taskCount) ?? Array(0..<study.taskCount)
    let label = study.kind == .sweep ? "sweep" : "run"
    let progress = ProgressLine(
      label: label, total: tasks.count, context: context, quiet: options.quiet)
    let results: [TaskResult]
    do throws(SimulationSetupError) {
      var runner = StudyRunner(
        scenarios: scenarios, replications: study.replications, jobs: options.jobs)
      runner.recordsSeries = html && study.kind == .replications
      results = try runner.run(tasks, finished: { progress.advance() })
    } catch {
      progress.finish()
      return CommandResult(
        standardError: "Error: could not start the simulation: \(error.description).\n",
        status: .failure)
    }
    progress.finish()

    let folder = folder(parsed, model: study.model)
    if let shard = options.shard {
      return writePartial(study: study, shard: shard, results: results, folder: folder)
    }
    return finish(study: study, results: results, format: format, folder: folder, html: html)
  }

  /// Renders a complete study, writes its files and returns what to print.
  ///
  /// - Parameter html: Whether to write report.html as well.
  static func finish(
    study: StudyDescriptor, results: [TaskResult], format: ReportFormat, folder: URL,
    html: Bool = false
  ) -> CommandResult {
    let report = StudyReport.render(study: study, results: results, as: format)
    var files = report.files
    if html {
      let page =
        study.kind == .sweep
        ? HTMLReport.sweep(SweepResult(study: study, results: results))
        : HTMLReport.run(results.map(\.result))
      files.append((HTMLReport.fileName, page))
    }
    do {
      try ReportFiles.write(files, to: folder)
    } catch {
      return CommandResult(
        standardOutput: report.standardOutput, standardError: "Error: \(error.description)\n",
        status: .failure)
    }
    return CommandResult(standardOutput: report.standardOutput, status: .success)
  }

  private static func writePartial(
    study: StudyDescriptor, shard: ShardSpec, results: [TaskResult], folder: URL
  ) -> CommandResult {
    let name = PartialResult.fileName(kind: study.kind, shard: shard)
    let partial = PartialResult(study: study, shard: shard, tasks: results)
    do {
      try ReportFiles.write([(name, partial.encoded())], to: folder)
    } catch {
      return CommandResult(standardError: "Error: \(error.description)\n", status: .failure)
    }
    let path = folder.appendingPathComponent(name).relativePath
    return CommandResult(
      standardOutput: "Wrote shard \(shard) of '\(study.model)' (\(results.count) of "
        + "\(study.taskCount) runs) to \(path).\nCombine every shard's file with "
        + "'quotasim merge'.\n",
      status: .success)
  }
}

/// The options that every study command reads before it loads the model.
struct StudyInputs {
  /// The `--seed` and `--months` overrides of the model.
  var overrides: ScenarioOverrides
  /// Replications, jobs, shard and the other study options.
  var options: StudyOptions
  /// The `--format` of standard output.
  var format: ReportFormat
}

/// A command result for a usage error, as the failure of a `Result`.
struct UsageFailure: Error {
  var result: CommandResult

  init(_ result: CommandResult) {
    self.result = result
  }
}
