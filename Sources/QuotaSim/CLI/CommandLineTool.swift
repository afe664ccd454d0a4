/// A command-line program made of subcommands, with built-in help.
///
/// The tool parses the arguments, dispatches to a command from its table and turns usage
/// errors into the standard error text:
///
/// ```
/// Error: unknown command 'valdate'. Did you mean 'validate'?
/// Usage: quotasim <command> [options]
/// See 'quotasim --help'.
/// ```
///
/// `quotasim --help` lists the commands, and `quotasim help COMMAND` or
/// `quotasim COMMAND --help` print one command's usage, arguments and options.
public struct CommandLineTool: Sendable {
  /// The program's name in usage lines.
  public var name: String
  /// A one-sentence description of the program, shown first in `--help`.
  public var overview: String
  /// The commands in the order `--help` lists them, without the built-in `help`.
  public var commands: [CommandSpec]

  public init(name: String, overview: String, commands: [CommandSpec]) {
    self.name = name
    self.overview = overview
    self.commands = commands
  }

  /// The request a command line makes: help, or a command to run.
  enum Invocation {
    /// Print the list of commands.
    case overviewHelp
    /// Print one command's help.
    case commandHelp(CommandSpec)
    /// Run a command.
    case run(CommandSpec, ParsedCommand)
  }

  /// The built-in `help` command, listed after the table's commands.
  var helpCommand: CommandSpec {
    CommandSpec(
      name: "help", abstract: "Show the help of a command, or list the commands.",
      arguments: [
        ArgumentSpec(
          name: "COMMAND", help: "The command to describe; without it, every command is listed.",
          isOptional: true)
      ]
    ) { _, _ in CommandResult(status: .success) }
  }

  /// Every command, `help` included, in help order.
  var allCommands: [CommandSpec] { commands + [helpCommand] }

  /// The program's usage line without `Usage: `.
  var usage: String { "\(name) <command> [options]" }

  /// Runs the command line `arguments` (without the program name).
  public func run(_ arguments: [String], context: CommandContext = CommandContext())
    -> CommandResult
  {
    do {
      switch try parse(arguments) {
      case .overviewHelp:
        return CommandResult(standardOutput: overviewHelp(), status: .success)
      case .commandHelp(let command):
        return CommandResult(standardOutput: help(for: command), status: .success)
      case .run(let command, let parsed):
        return command.run(parsed, context)
      }
    } catch {
      return CommandResult(standardError: errorText(error), status: .usage)
    }
  }

  /// Returns the text printed for a usage error: the message, the usage line and a pointer to
  /// the help.
  public func errorText(_ error: UsageError) -> String {
    errorText(messages: [error.message], usage: error.usage)
  }

  /// Returns `Error: ` lines for `messages`, then the usage line and a pointer to the help.
  public func errorText(messages: [String], usage: String) -> String {
    let lines = messages.map { message in
      let ended = message.last.map { ".?!".contains($0) } ?? false
      return "Error: " + message + (ended ? "" : ".")
    }
    return (lines + [Self.usageLine(usage), "See '\(name) --help'."]).joined(separator: "\n")
      + "\n"
  }

  /// Parses `arguments` into what they ask for.
  ///
  /// - Throws: `UsageError` for an unknown command or option, a missing or extra argument, or
  ///   an option without its value.
  func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
    guard let first = arguments.first else {
      throw UsageError(message: "missing command", usage: usage)
    }
    if first == "--help" || first == "-h" {
      guard arguments.count == 1 else {
        throw UsageError(message: "unexpected argument '\(arguments[1])'", usage: usage)
      }
      return .overviewHelp
    }
    if first.hasPrefix("-"), first != "-" {
      throw unknownOption(first, among: [.help], usage: usage)
    }
    guard let command = allCommands.first(where: { $0.name == first }) else {
      let suggestion = NameSuggestion.closest(to: first, among: allCommands.map(\.name))
      throw UsageError(
        message: "unknown command '\(first)'."
          + (suggestion.map { " Did you mean '\($0)'?" } ?? ""),
        usage: usage)
    }

    guard let parsed = try parse(arguments.dropFirst(), for: command) else {
      return .commandHelp(command)
    }
    guard command.name == helpCommand.name else { return .run(command, parsed) }
    guard let topic = parsed.arguments["COMMAND"] else { return .overviewHelp }
    guard let described = allCommands.first(where: { $0.name == topic }) else {
      let suggestion = NameSuggestion.closest(to: topic, among: allCommands.map(\.name))
      throw UsageError(
        message: "unknown command '\(topic)'."
          + (suggestion.map { " Did you mean '\($0)'?" } ?? ""),
        usage: command.usage(toolName: name))
    }
    return .commandHelp(described)
  }

  /// Returns the usage error for the unknown option `token`, with the nearest option as a hint.
  func unknownOption(_ token: String, among options: [OptionSpec], usage: String) -> UsageError {
    let spelled = token.split(separator: "=", maxSplits: 1).first.map(String.init) ?? token
    let names =
      options.map { "--\($0.name)" } + options.compactMap { $0.shortName.map { "-\($0)" } }
    let suggestion = NameSuggestion.closest(to: spelled, among: names)
    return UsageError(
      message: "unknown option '\(spelled)'." + (suggestion.map { " Did you mean '\($0)'?" } ?? ""),
      usage: usage)
  }
}

/// A command line that does not fit the command's usage.
public struct UsageError: Error, Sendable, Equatable {
  /// The problem, with the user's token in single quotes.
  public var message: String
  /// The usage line of the command concerned, without `Usage: `.
  public var usage: String

  public init(message: String, usage: String) {
    self.message = message
    self.usage = usage
  }
}
