/// The `quotasim record` command: charges token usage to a deployment in a shared tracker
/// state file, as a shell wrapper around parallel scanner workers would.
public enum RecordCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "record",
    abstract: "Charge token usage to a deployment in a tracker state file that several "
      + "processes may share.",
    options: StateCommandInput.options + [
      OptionSpec(
        name: "deployment", valueName: "NAME",
        help: "Name of the deployment to charge, as the catalog defines it. Required."),
      OptionSpec(
        name: "tokens", valueName: "N",
        help: "Total tokens of one record, as Azure's usage.total_tokens reports them. "
          + "Give this, or --prompt-tokens and --completion-tokens."),
      OptionSpec(
        name: "prompt-tokens", valueName: "N",
        help: "Prompt tokens of one record; needs --completion-tokens, and the total is "
          + "their sum."),
      OptionSpec(
        name: "completion-tokens", valueName: "N",
        help: "Completion tokens of one record; needs --prompt-tokens."),
      OptionSpec(
        name: "count", valueName: "N",
        help: "Number of records to charge, each saved before the next. Default: 1."),
      OptionSpec(
        name: "reset-state",
        help: "If the state file is damaged (empty, truncated, malformed or of a newer "
          + "version), rename it to FILE.corrupt-<UTC time> and start with no usage."),
      OptionSpec(
        name: "progress",
        help: "After each saved record, print a line with the records saved so far and the "
          + "deployment's used tokens."),
      StateCommandInput.atOption(
        deciding: "it selects the quota period and is the time of any alert fired"),
    ],
    synopsis: "--catalog FILE --state FILE --deployment NAME "
      + "(--tokens N | --prompt-tokens N --completion-tokens N) [options]",
    discussion: """
      Each record is written through to the state file before the next one starts: the \
      writer locks FILE.lock, adds its usage to the totals in the file, writes a temporary \
      file, syncs it and renames it over FILE. Several processes may record into one file \
      at once and no count is lost, and a process that is killed loses only the record it \
      was saving.

      Prints the deployment's usage and percentage of its quota after the last record, \
      then the text of every alert the records fired. The exit status is 0 on success, 64 \
      for an invalid command line or catalog, and 1 when the state file is damaged or \
      cannot be read or written; a damaged file is left unchanged unless --reset-state is \
      given.
      """
  ) { parsed, context in
    run(parsed, context: context)
  }

  /// Runs `quotasim record` on a parsed command line.
  ///
  /// - Parameters:
  ///   - parsed: the command line.
  ///   - context: receives the `--progress` lines as they happen, through
  ///     ``CommandContext/streamOutput``, or appends them to the result when that is `nil`.
  /// - Returns: the usage summary and alerts on standard output, the load notices on
  ///   standard error, and the exit status.
  public static func run(_ parsed: ParsedCommand, context: CommandContext) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let request: RecordRequest
    let input: StateCommandInput
    do throws(StateCommandFailure) {
      input = try StateCommandInput(parsed, usage: usage)
      request = try RecordRequest(parsed, catalog: input.loaded.catalog, usage: usage)
    } catch {
      return error.result()
    }

    let log = MemoryLogSink()
    let tracker: QuotaTracker
    do throws(StateCommandFailure) {
      tracker = try input.openTracker(
        mode: .writeThrough, ifDamaged: request.ifDamaged, log: log)
    } catch {
      return error.result(standardError: log.entries.map(\.diagnosticLine).joined())
    }
    let notices = log.entries.map(\.diagnosticLine).joined()

    var session = RecordSession(request: request, tracker: tracker, context: context)
    let outcome = session.recordAll()
    switch outcome {
    case .success(let warnings):
      return CommandResult(
        standardOutput: session.collectedOutput + session.summary(),
        standardError: notices + warnings, status: .success)
    case .failure(let failure):
      // No summary: the usage in memory includes the record whose save failed.
      return failure.result(standardOutput: session.collectedOutput, standardError: notices)
    }
  }
}

/// A checked `quotasim record` command line.
struct RecordRequest {
  /// The deployment to charge.
  var deployment: DeploymentID
  /// The usage of one record.
  var usage: TokenUsage
  /// How many records to charge.
  var count: Int64
  /// Whether a progress line follows each saved record.
  var reportsProgress: Bool
  /// The action taken when the state file is damaged.
  var ifDamaged: DamagedStateFileAction

  /// Checks the command's own options against `catalog`.
  ///
  /// - Throws: `StateCommandFailure.usage` for a missing or invalid option, or a deployment
  ///   the catalog does not define.
  init(_ parsed: ParsedCommand, catalog: DeploymentCatalog, usage: String)
    throws(StateCommandFailure)
  {
    let name = try StateCommandInput.required(
      "deployment", valueName: "NAME", in: parsed, usage: usage)
    guard let id = catalog.id(named: name) else {
      let names = catalog.deployments.map(\.name)
      let suggestion = NameSuggestion.closest(to: name, among: names)
      throw .usage(
        UsageError(
          message: "unknown deployment '\(name)'; the catalog defines: "
            + names.joined(separator: ", ") + "."
            + (suggestion.map { " Did you mean '\($0)'?" } ?? ""),
          usage: usage))
    }
    deployment = id
    self.usage = try Self.usage(parsed, usage: usage)
    count =
      try parsed.options["count"].map { text throws(StateCommandFailure) in
        try parseWholeNumber(text, option: "count", minimum: 1, usage: usage)
      } ?? 1
    reportsProgress = parsed.flags.contains("progress")
    ifDamaged = parsed.flags.contains("reset-state") ? .resetState : .fail
  }

  /// Returns the usage of one record from `--tokens`, or from `--prompt-tokens` and
  /// `--completion-tokens`.
  private static func usage(_ parsed: ParsedCommand, usage: String) throws(StateCommandFailure)
    -> TokenUsage
  {
    let total = parsed.options["tokens"]
    let prompt = parsed.options["prompt-tokens"]
    let completion = parsed.options["completion-tokens"]
    let choice =
      "give --tokens N, or --prompt-tokens N with --completion-tokens N"

    if let total {
      guard prompt == nil, completion == nil else {
        throw .usage(
          UsageError(
            message: "option '--tokens' cannot be combined with '--prompt-tokens' or "
              + "'--completion-tokens'; \(choice)",
            usage: usage))
      }
      let tokens = try parseWholeNumber(total, option: "tokens", minimum: 0, usage: usage)
      return TokenUsage(totalTokens: tokens)
    }
    guard let prompt, let completion else {
      let message =
        prompt == nil && completion == nil
        ? "missing token count; \(choice)"
        : "options '--prompt-tokens' and '--completion-tokens' go together; \(choice)"
      throw .usage(UsageError(message: message, usage: usage))
    }
    return TokenUsage(
      promptTokens: try parseWholeNumber(prompt, option: "prompt-tokens", minimum: 0, usage: usage),
      completionTokens: try parseWholeNumber(
        completion, option: "completion-tokens", minimum: 0, usage: usage))
  }
}
