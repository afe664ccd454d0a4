import Foundation

/// The `quotasim plan` command: the smallest purchasable monthly quota or TPM of a deployment
/// that meets targets for quota exhaustion and dropped requests.
public enum PlanCommand {
  /// Replications per candidate when `--replications` is absent.
  public static let defaultReplications = 10
  /// The quota step when `--step` is absent, in tokens a month.
  public static let defaultQuotaStep: Int64 = 1_000_000
  /// The default ceiling as a multiple of the model's value.
  public static let defaultCeilingFactor: Int64 = 10
  /// The exhaustion target of a quota plan without targets.
  public static let defaultMaxExhaustionProbability = 0.05
  /// The drop-rate target of a plan without targets.
  public static let defaultMaxDropRate = 0.01

  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "plan",
    abstract: "Find the smallest monthly quota or TPM of a deployment that meets targets.",
    arguments: [
      ArgumentSpec(name: "MODEL", help: "Path of the scenario file (JSON with comments).")
    ],
    options: [
      OptionSpec(name: "deployment", valueName: "NAME", help: "The deployment to plan for."),
      OptionSpec(
        name: "quantity", valueName: "QUANTITY",
        help: "What to buy: monthlyTokenQuota (the default) or tokensPerMinute."),
      OptionSpec(
        name: "max-exhaustion-probability", valueName: "P",
        help: "Highest acceptable fraction of replications, from 0 to 1, in which the "
          + "deployment's quota runs out before a period ends (default: 0.05 for a quota plan "
          + "without targets)."),
      OptionSpec(
        name: "max-drop-rate", valueName: "D",
        help: "Highest acceptable fraction of dropped requests, from 0 to 1 (default: 0.01 "
          + "for a plan without targets)."),
      OptionSpec(
        name: "step", valueName: "TOKENS",
        help: "Step of the quota in tokens a month, such as 1M (default: 1M). TPM is bought in "
          + "steps of 1,000."),
      OptionSpec(
        name: "ceiling", valueName: "TOKENS",
        help: "Largest value to consider, such as 2G (default: 10 times the model's value)."),
      StudyOptions.replicationsOption(defaultText: "at least 2, default: \(defaultReplications)"),
      StudyOptions.jobsOption, StudyOptions.quietOption, StudyOptions.htmlOption,
    ] + ScenarioOverrides.options
      + [StudyCommandSupport.formatOption, StudyCommandSupport.outputOption],
    synopsis: "--deployment NAME [options]",
    discussion: """
      Candidates are the multiples of the step up to the ceiling. A candidate meets the \
      targets when the upper ends of their 95 % confidence intervals (Student t over the \
      replications) are within them; for exhaustion, in every period of the deployment. The \
      search bisects the grid, assuming that more quota or TPM never makes the figures \
      worse, and runs every candidate with the same random streams.

      The output gives the recommendation, its change and the cost change against the \
      model's value, and every evaluated value as evidence; plan.json and plan.csv go to the \
      output folder, and with --html report.html with the evidence charted. The exit status is 1 when no value up to the ceiling meets the targets.
      """
  ) { parsed, context in
    run(parsed, context: context)
  }

  static func run(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let inputs: StudyInputs
    let settings: PlanSettings
    do throws(UsageError) {
      inputs = try StudyCommandSupport.inputs(parsed, usage: usage)
      settings = try PlanSettings(parsed: parsed, options: inputs.options, usage: usage)
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }
    let (options, format) = (inputs.options, inputs.format)

    let document: ScenarioDocument
    switch StudyCommandSupport.model(parsed, overrides: inputs.overrides, usage: usage) {
    case .success(let loaded): document = loaded
    case .failure(let failure): return failure.result
    }
    let request: PlanRequest
    do throws(UsageError) {
      request = try settings.request(for: document, jobs: options.jobs, usage: usage)
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }

    let planner = QuotaPlanner(document: document, request: request)
    let progress = ProgressLine(
      label: "plan", total: planner.maximumEvaluations * request.replications, context: context,
      quiet: options.quiet)
    let result: PlanResult
    do throws(PlanError) {
      result = try planner.plan(finished: { progress.advance() })
    } catch {
      progress.finish()
      return CommandResult(standardError: "Error: \(error.description).\n", status: .failure)
    }
    progress.finish()

    let text = PlanReport.render(result, as: format)
    let folder = StudyCommandSupport.folder(parsed, model: result.model)
    let status: ExitStatus = result.recommendation == nil ? .failure : .success
    var files = [
      ("plan.json", PlanReport.render(result, as: .json)), ("plan.csv", PlanReport.csv(result)),
    ]
    if options.html { files.append((HTMLReport.fileName, HTMLReport.plan(result))) }
    do {
      try ReportFiles.write(files, to: folder)
    } catch {
      return CommandResult(
        standardOutput: text,
        standardError: document.loaded.overrideNoteLines + "Error: \(error.description)\n",
        status: .failure)
    }
    return CommandResult(
      standardOutput: text, standardError: document.loaded.overrideNoteLines, status: status)
  }
}
