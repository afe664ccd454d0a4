import Foundation

/// The `quotasim sweep` command: replications of a model at every point of a grid of
/// settings, one row per point.
public enum SweepCommand {
  /// The number of replications per point when `--replications` is absent.
  public static let defaultReplications = 10

  /// The `--set PATH=VALUES` option.
  static let setOption = OptionSpec(
    name: "set", valueName: "PATH=VALUES",
    help: "A sweep axis: the field at PATH takes each of VALUES, such as "
      + "policy.throttleThreshold=0.85,0.9 or deployments.prod.monthlyTokenQuota=50M:100M:25M. "
      + "May be given several times; it replaces the model's sweep axis of the same path.",
    isRepeatable: true)

  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "sweep",
    abstract: "Run replications of a model at every point of a grid of settings.",
    arguments: [
      ArgumentSpec(name: "MODEL", help: "Path of the scenario file (JSON with comments).")
    ],
    options: [setOption]
      + [
        StudyOptions.replicationsOption(defaultText: "default: \(defaultReplications)"),
        OptionSpec(
          name: "deployment", valueName: "NAME",
          help: "Deployment whose exhaustion and throttle start the rows report (default: the "
            + "first of any deployment)."),
        StudyOptions.jobsOption, StudyOptions.shardOption, StudyOptions.quietOption,
        StudyOptions.htmlOption,
      ] + ScenarioOverrides.options
      + [StudyCommandSupport.formatOption, StudyCommandSupport.outputOption],
    discussion: """
      The points are the cartesian product of the axes from the model's "sweep" block and \
      from --set, the first axis varying slowest. A path names any field of the model, with \
      deployments and workloads addressed by name: policy.throttleThreshold, \
      deployments.prod.tokensPerMinute, workloads.chat.ratePerHour, \
      deployments.prod.azure.backgroundTokensPerDay. VALUES are separated by commas; a number \
      may end in k, M or G, and START:END:STEP is a range such as 0.80:0.99:0.01.

      Each row shows the 429 and 403 rates per attempt, the drop rate, the fallback share, \
      the fraction of replications in which a quota ran out, the median instant it ran out \
      with its 95 % interval, the median throttle start and the cost, each with half its \
      95 % interval. Replication r uses the same random streams at every point. The results \
      go to sweep.json and sweep.csv in the output folder, and with --html to report.html with \
      each figure charted against the swept values.
      """
  ) { parsed, context in
    run(parsed, context: context)
  }

  static func run(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let inputs: StudyInputs
    let axes: [SweepAxis]
    do throws(UsageError) {
      inputs = try StudyCommandSupport.inputs(parsed, usage: usage)
      axes = try commandLineAxes(parsed, usage: usage)
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }
    let (overrides, options, format) = (inputs.overrides, inputs.options, inputs.format)

    let document: ScenarioDocument
    switch StudyCommandSupport.model(parsed, overrides: overrides, usage: usage) {
    case .success(let loaded): document = loaded
    case .failure(let failure): return failure.result
    }
    switch study(parsed, document: document, axes: axes, options: options, usage: usage) {
    case .failure(let failure):
      return failure.result
    case .success(let study):
      switch StudyCommandSupport.scenarios(of: study, document: document, usage: usage) {
      case .failure(let failure):
        return failure.result
      case .success(let scenarios):
        var result = StudyCommandSupport.execute(
          study: study, scenarios: scenarios, options: options, parsed: parsed, format: format,
          context: context)
        result.standardError = document.loaded.overrideNoteLines + result.standardError
        return result
      }
    }
  }

  /// Reads every `--set`, rejecting a path given twice.
  private static func commandLineAxes(_ parsed: ParsedCommand, usage: String) throws(UsageError)
    -> [SweepAxis]
  {
    var axes: [SweepAxis] = []
    for text in parsed.repeatedOptions["set"] ?? [] {
      let axis: SweepAxis
      do throws(SweepAxisError) {
        axis = try SweepAxis(assignment: text)
      } catch {
        throw UsageError(
          message: "option '--set' has an invalid value \(error.description)", usage: usage)
      }
      guard !axes.contains(where: { $0.path == axis.path }) else {
        throw UsageError(
          message: "option '--set' sets '\(axis.path)' twice; give each path once with all its "
            + "values",
          usage: usage)
      }
      axes.append(axis)
    }
    return axes
  }

  /// Returns the usage error for an axis over the seed or the horizon when `--seed` or
  /// `--months` replaces that field at every point, or `nil` when no axis clashes.
  private static func overriddenAxisProblem(_ axes: [SweepAxis], overrides: ScenarioOverrides)
    -> String?
  {
    for axis in axes where axis.path.segments.count == 1 {
      let key = axis.path.segments[0]
      let option: String
      let field: String
      if key == "seed", overrides.seed != nil {
        (option, field) = ("--seed", "the seed")
      } else if Scenario.horizonKeys.contains(key), overrides.months != nil {
        (option, field) = ("--months", "the horizon")
      } else {
        continue
      }
      return "option '\(option)' replaces \(field) at every sweep point, so the sweep axis "
        + "'\(key)' would have no effect; remove \(option) or the axis"
    }
    return nil
  }

  /// Combines the model's and the command line's axes and checks them against the model.
  private static func study(
    _ parsed: ParsedCommand, document: ScenarioDocument, axes commandLine: [SweepAxis],
    options: StudyOptions, usage: String
  ) -> Result<StudyDescriptor, UsageFailure> {
    for axis in commandLine {
      do throws(SweepPathError) {
        try document.check(axis.path)
      } catch {
        return .failure(
          UsageFailure(
            StudyCommandSupport.usageError(
              ["option '--set' has an invalid path: \(error.description)"], usage: usage)))
      }
    }
    let axes = SweepAxis.combining(document.loaded.sweep, with: commandLine)
    if let problem = overriddenAxisProblem(axes, overrides: document.overrides) {
      return .failure(UsageFailure(StudyCommandSupport.usageError([problem], usage: usage)))
    }
    let scenario = document.loaded.scenario
    let deployment = parsed.options["deployment"]
    if let deployment, scenario.catalog.id(named: deployment) == nil {
      let names = scenario.catalog.deployments.map(\.name)
      let hint =
        NameSuggestion.closest(to: deployment, among: names).map { " Did you mean '\($0)'?" }
        ?? " The model's deployments are \(names.map { "'\($0)'" }.joined(separator: ", "))."
      return .failure(
        UsageFailure(
          StudyCommandSupport.usageError(
            ["option '--deployment' names no deployment of the model: '\(deployment)'.\(hint)"],
            usage: usage)))
    }
    let study = StudyDescriptor(
      kind: .sweep, model: scenario.name, modelDigest: document.digest, seed: scenario.seed,
      months: document.overrides.months,
      replications: options.replications ?? defaultReplications, axes: axes,
      deployment: deployment)
    if let problem = study.problem {
      return .failure(UsageFailure(StudyCommandSupport.usageError([problem], usage: usage)))
    }
    return .success(study)
  }
}
