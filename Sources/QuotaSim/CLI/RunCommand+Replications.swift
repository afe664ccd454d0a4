import Foundation

extension RunCommand {
  /// Runs `run --replications R`: R replications of the model, summarized with intervals.
  static func runReplications(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let overrides: ScenarioOverrides
    let options: StudyOptions
    let format: ReportFormat
    do throws(UsageError) {
      overrides = try ScenarioOverrides(parsed: parsed, usage: usage)
      options = try StudyOptions(parsed: parsed, usage: usage)
      format = try StudyCommandSupport.format(parsed, usage: usage).get()
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }
    let singleRunOptions =
      ["trace", "trace-limit"].filter { parsed.options[$0] != nil }
      + (parsed.flags.contains("timing") ? ["timing"] : [])
    if let option = singleRunOptions.first {
      return StudyCommandSupport.usageError(
        ["option '--\(option)' applies to a single run; leave out '--replications'"],
        usage: usage)
    }

    let document: ScenarioDocument
    do throws(ConfigError) {
      document = try ScenarioDocument.load(
        contentsOf: URL(fileURLWithPath: parsed.arguments["MODEL"] ?? ""), overrides: overrides)
    } catch {
      return StudyCommandSupport.usageError(error.issues.map(\.description), usage: usage)
    }

    let scenario = document.loaded.scenario
    let study = StudyDescriptor(
      kind: .replications, model: scenario.name, modelDigest: document.digest,
      seed: scenario.seed, months: overrides.months, replications: options.replications ?? 1,
      axes: [], deployment: nil)
    if let problem = study.problem {
      return StudyCommandSupport.usageError([problem], usage: usage)
    }
    return StudyCommandSupport.execute(
      study: study, scenarios: [scenario], options: options, parsed: parsed, format: format,
      context: context)
  }
}
