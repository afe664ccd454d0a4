import Foundation

/// The `quotasim check` command: reruns models and compares their figures with baselines.
public enum CheckCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "check",
    abstract: "Rerun models with their seeds and compare every figure with a stored baseline.",
    arguments: [
      ArgumentSpec(
        name: "MODEL",
        help: "Path of a scenario file; several may be given, and deployment catalogs among "
          + "them are skipped.", isVariadic: true)
    ],
    options: [
      OptionSpec(
        name: "baseline", valueName: "DIR",
        help: "Folder of the baselines, one <model>.json per model (required)."),
      OptionSpec(
        name: "update",
        help: "Record the baselines: run each model and write its figures, listing what "
          + "changed."),
      ScenarioOverrides.seedOption,
      ScenarioOverrides.monthsOption,
    ],
    synopsis: "--baseline DIR [options]",
    discussion: """
      A check reruns each run a baseline stores (its seed and replication, and the --months \
      it was recorded with) and compares every figure: counts, tokens and instants exactly, \
      costs and other fractions to a relative 1e-9, and confidence intervals from replications \
      by overlap. Each model gets a verdict line and a table of the figures that changed, with \
      the old and new values.

      --seed and --months apply only with --update; a check always reruns what the baseline \
      recorded. The exit status is 0 when nothing changed (or the baselines were written), 1 \
      when a figure changed, and 64 for an invalid model, a missing or invalid baseline, or a \
      bad option.
      """
  ) { parsed, context in
    run(parsed, context: context)
  }

  static func run(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    func usageError(_ messages: [String]) -> CommandResult {
      CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(messages: messages, usage: usage),
        status: .usage)
    }

    guard let folderPath = parsed.options["baseline"] else {
      return usageError(["missing option '--baseline DIR'"])
    }
    let isUpdate = parsed.flags.contains("update")
    let overrides: ScenarioOverrides
    do throws(UsageError) {
      overrides = try ScenarioOverrides(parsed: parsed, usage: usage)
    } catch {
      return usageError([error.message])
    }
    if !isUpdate, overrides != ScenarioOverrides() {
      let option = overrides.seed != nil ? "--seed" : "--months"
      return usageError([
        "option '\(option)' applies only with '--update'; a check reruns the seeds and months "
          + "its baseline recorded"
      ])
    }

    let folder = URL(fileURLWithPath: folderPath)
    let catalogs = CheckPlan.skippedCatalogs(among: parsed.variadicValues)
    let plans: [CheckPlan]
    switch CheckPlan.make(
      models: parsed.variadicValues, skipping: Set(catalogs), folder: folder,
      isUpdate: isUpdate, overrides: overrides)
    {
    case .success(let made): plans = made
    case .failure(let problems): return usageError(problems.messages)
    }

    let skipped = catalogs.map {
      "Note: skipped \($0), a deployment catalog without workloads; check runs scenarios.\n"
    }
    guard !plans.isEmpty else {
      return usageError(["no scenario among the files given; check runs scenario files"])
    }
    var output = ""
    var anyChanged = false
    for plan in plans {
      context.reportProgress("checking \(plan.scenario.name)…")
      switch plan.execute(overrides: overrides) {
      case .success(let report):
        output += report.rendered()
        anyChanged = anyChanged || report.verdict == .changed
      case .failure(let failure):
        return CommandResult(
          standardOutput: output,
          standardError: skipped.joined() + "Error: \(failure.message)\n", status: .failure)
      }
    }
    return CommandResult(
      standardOutput: output, standardError: skipped.joined(),
      status: anyChanged ? .failure : .success)
  }
}
