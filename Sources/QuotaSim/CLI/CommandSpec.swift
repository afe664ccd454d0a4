/// The outcome of a `quotasim` run, as its process exit status.
public enum ExitStatus: Int32, Sendable {
  /// The command succeeded, or help was printed.
  case success = 0
  /// The command failed while running, for example when a file could not be written.
  case failure = 1
  /// The command line or an input file was invalid (the BSD `EX_USAGE` code).
  case usage = 64
}

/// The output of a command: text for standard output and standard error, and an exit status.
public struct CommandResult: Sendable, Equatable {
  /// Text for standard output: the results.
  public var standardOutput: String
  /// Text for standard error: errors and diagnostics.
  public var standardError: String
  /// The exit status.
  public var status: ExitStatus

  public init(standardOutput: String = "", standardError: String = "", status: ExitStatus) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.status = status
  }
}

/// A positional argument of a command.
public struct ArgumentSpec: Sendable {
  /// The name shown in usage lines, such as `FILE`.
  public var name: String
  /// A sentence describing the argument.
  public var help: String
  /// Whether the argument may be left out; optional arguments come after required ones.
  public var isOptional: Bool
  /// Whether the argument takes every remaining positional value; only the last may.
  public var isVariadic: Bool

  public init(name: String, help: String, isOptional: Bool = false, isVariadic: Bool = false) {
    self.name = name
    self.help = help
    self.isOptional = isOptional
    self.isVariadic = isVariadic
  }

  /// The argument as written in usage lines: `FILE`, `[COMMAND]` when optional, or
  /// `FILE...` when variadic.
  var synopsis: String {
    let repeated = isVariadic ? name + "..." : name
    return isOptional ? "[\(repeated)]" : repeated
  }
}

/// A command-line option: a flag such as `--quiet`, or an option with a value such as
/// `--seed N`.
public struct OptionSpec: Sendable {
  /// The long name without dashes, such as `seed`.
  public var name: String
  /// The one-letter name without the dash, such as `s`, if any.
  public var shortName: Character?
  /// The value's placeholder in help, such as `N` or `SECONDS`, or `nil` for a flag.
  public var valueName: String?
  /// A sentence describing what the option sets, with its unit.
  public var help: String
  /// Whether the option may be given several times; its values are collected in
  /// ``ParsedCommand/repeatedOptions``.
  public var isRepeatable: Bool

  public init(
    name: String, shortName: Character? = nil, valueName: String? = nil, help: String,
    isRepeatable: Bool = false
  ) {
    self.name = name
    self.shortName = shortName
    self.valueName = valueName
    self.help = help
    self.isRepeatable = isRepeatable
  }

  /// The option as written in help, such as `-s, --seed N`.
  var synopsis: String {
    let long = "--\(name)" + (valueName.map { " \($0)" } ?? "")
    return shortName.map { "-\($0), \(long)" } ?? long
  }

  /// The help option every command accepts.
  static let help = OptionSpec(name: "help", shortName: "h", help: "Show this help.")
}

/// A parsed command line for one command.
public struct ParsedCommand: Sendable, Equatable {
  /// The command's name.
  public var command: String
  /// The positional arguments, by their ``ArgumentSpec/name``.
  public var arguments: [String: String]
  /// The values of options that take one, by long name.
  public var options: [String: String]
  /// The flags given, by long name.
  public var flags: Set<String>
  /// The values of repeatable options, by long name, in the order given.
  public var repeatedOptions: [String: [String]]
  /// The values of a variadic argument, by its name, in the order given; its first value is
  /// also in ``arguments``.
  public var variadicArguments: [String: [String]]

  public init(
    command: String, arguments: [String: String] = [:], options: [String: String] = [:],
    flags: Set<String> = [], repeatedOptions: [String: [String]] = [:],
    variadicArguments: [String: [String]] = [:]
  ) {
    self.command = command
    self.arguments = arguments
    self.options = options
    self.flags = flags
    self.repeatedOptions = repeatedOptions
    self.variadicArguments = variadicArguments
  }

  /// Every value of the command's variadic argument, in order, or none; a command has at most
  /// one variadic argument, its last.
  public var variadicValues: [String] { variadicArguments.values.first ?? [] }
}

/// Services the command line offers a running command.
public struct CommandContext: Sendable {
  /// Receives progress lines for long work; the executable shows them on standard error when
  /// it is a terminal and drops them otherwise.
  public var reportProgress: @Sendable (String) -> Void
  /// Receives standard output text that must be written before the command ends, such as
  /// the lines of `record --progress` that a supervising process reads while it runs. The
  /// executable writes each call at once. When `nil`, commands append that text to their
  /// result's standard output instead.
  public var streamOutput: (@Sendable (String) -> Void)?
  /// Receives a one-line status of long work, such as `sweep: 57/200 runs`, that replaces
  /// the previous status; `nil` clears it. The executable draws it on standard error with a
  /// carriage return when standard error is a terminal and drops it otherwise.
  public var updateStatus: @Sendable (String?) -> Void

  public init(
    reportProgress: @escaping @Sendable (String) -> Void = { _ in },
    streamOutput: (@Sendable (String) -> Void)? = nil,
    updateStatus: @escaping @Sendable (String?) -> Void = { _ in }
  ) {
    self.reportProgress = reportProgress
    self.streamOutput = streamOutput
    self.updateStatus = updateStatus
  }
}

/// One `quotasim` subcommand: its name, help and implementation.
public struct CommandSpec: Sendable {
  /// The name typed after `quotasim`.
  public var name: String
  /// A one-sentence description of the command.
  public var abstract: String
  /// The positional arguments, in order.
  public var arguments: [ArgumentSpec]
  /// The options besides `--help`, which every command accepts.
  public var options: [OptionSpec]
  /// The options part of the usage line, such as `--catalog FILE [options]`, for a command
  /// with required options; `nil` writes `[options]`.
  public var synopsis: String?
  /// Paragraphs shown after the options in the command's help, or `nil`.
  public var discussion: String?
  /// Runs the command on a parsed command line.
  public var run: @Sendable (ParsedCommand, CommandContext) -> CommandResult

  public init(
    name: String, abstract: String, arguments: [ArgumentSpec] = [], options: [OptionSpec] = [],
    synopsis: String? = nil, discussion: String? = nil,
    run: @escaping @Sendable (ParsedCommand, CommandContext) -> CommandResult
  ) {
    self.name = name
    self.abstract = abstract
    self.arguments = arguments
    self.options = options
    self.synopsis = synopsis
    self.discussion = discussion
    self.run = run
  }

  /// The options in help order: the command's own, then `--help`.
  var allOptions: [OptionSpec] { options + [.help] }

  /// Returns the usage line without `Usage: `, such as `quotasim validate FILE`.
  func usage(toolName: String) -> String {
    var parts = [toolName, name]
    if let synopsis {
      parts.append(synopsis)
    } else if !options.isEmpty {
      parts.append("[options]")
    }
    parts += arguments.map(\.synopsis)
    return parts.joined(separator: " ")
  }
}
