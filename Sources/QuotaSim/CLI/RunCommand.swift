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
    ],
    discussion: """
      The run is a pure function of the model and its seed: the same inputs print the same \
      bytes. Besides stdout, the result is written as run.json and run.csv in the output folder.
      """
  ) { parsed, context in
    run(parsed, context: context)
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
      let printer = RunProgressPrinter(report: context.reportProgress)
      result = try SimulationRun(scenario: loaded.scenario).run(progress: printer.receive)
    } catch {
      return CommandResult(
        standardError: "Error: could not start the simulation: \(error.description)"
          + (error.description.hasSuffix(".") ? "\n" : ".\n"),
        status: .failure)
    }

    let folder = URL(fileURLWithPath: parsed.options["output"] ?? "output")
      .appendingPathComponent(loaded.scenario.name, isDirectory: true)
    do {
      try ReportFiles.write(
        [("run.json", RunReport.json(result)), ("run.csv", RunReport.csv(result))], to: folder)
    } catch {
      return CommandResult(
        standardOutput: RunReport.render(result, as: format),
        standardError: "Error: \(error.description)\n", status: .failure)
    }
    return CommandResult(standardOutput: RunReport.render(result, as: format), status: .success)
  }
}
