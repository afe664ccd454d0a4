import Foundation

extension RunCommand {
  /// Runs `run --replications R`: R replications of the model, summarized with intervals.
  static func runReplications(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let inputs: StudyInputs
    do throws(UsageError) {
      inputs = try StudyCommandSupport.inputs(parsed, usage: usage)
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }
    let (overrides, options, format) = (inputs.overrides, inputs.options, inputs.format)
    let singleRunOptions =
      ["trace", "trace-limit"].filter { parsed.options[$0] != nil }
      + (parsed.flags.contains("timing") ? ["timing"] : [])
    if let option = singleRunOptions.first {
      return StudyCommandSupport.usageError(
        ["option '--\(option)' applies to a single run; leave out '--replications'"],
        usage: usage)
    }

    let document: ScenarioDocument
    switch StudyCommandSupport.model(parsed, overrides: overrides, usage: usage) {
    case .success(let loaded): document = loaded
    case .failure(let failure): return failure.result
    }

    let scenario = document.loaded.scenario
    let study = StudyDescriptor(
      kind: .replications, model: scenario.name, modelDigest: document.digest,
      seed: scenario.seed, months: overrides.months, replications: options.replications ?? 1,
      axes: [], deployment: nil)
    if let problem = study.problem {
      return StudyCommandSupport.usageError([problem], usage: usage)
    }
    var result = StudyCommandSupport.execute(
      study: study, scenarios: [scenario], options: options, parsed: parsed, format: format,
      context: context)
    result.standardError = document.loaded.overrideNoteLines + result.standardError
    return result
  }
}
