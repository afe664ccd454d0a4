import Foundation

/// The inputs that `quotasim record` and `quotasim status` share: the catalog, the state file
/// and the clock, checked and loaded.
struct StateCommandInput {
  /// The catalog and policy read from `--catalog`.
  var loaded: LoadedCatalog
  /// The file named by `--state`.
  var stateFile: TrackerStateFile
  /// The clock: fixed at `--at` when given, otherwise the system clock.
  var clock: any LimiterClock

  /// The `--catalog`, `--state` and `--at` options, whose help both commands share.
  static let options = [
    OptionSpec(
      name: "catalog", valueName: "FILE",
      help: "Path of the deployment catalog (JSON, comments and trailing commas allowed); "
        + "quotas, alert thresholds and the throttle threshold come from it. Required."),
    OptionSpec(
      name: "state", valueName: "FILE",
      help: "Path of the tracker state file (JSON) with the saved usage; writers lock "
        + "FILE.lock next to it. Required."),
  ]

  /// Returns the `--at` option, whose help ends with what the instant decides for the
  /// command, such as `it selects the quota period`.
  static func atOption(deciding effect: String) -> OptionSpec {
    OptionSpec(
      name: "at", valueName: "ISO8601",
      help: "The current instant for the command, with a zone, such as "
        + "2025-03-11T09:00:00Z; \(effect). Default: the system clock.")
  }

  /// Checks the shared options of `parsed` and loads the catalog.
  ///
  /// - Parameters:
  ///   - parsed: the command line.
  ///   - usage: the command's usage line, for errors.
  /// - Throws: `StateCommandFailure` with exit status 64 for a missing option, an invalid
  ///   `--at` or a catalog with problems.
  init(_ parsed: ParsedCommand, usage: String) throws(StateCommandFailure) {
    let catalogPath = try Self.required("catalog", valueName: "FILE", in: parsed, usage: usage)
    let statePath = try Self.required("state", valueName: "FILE", in: parsed, usage: usage)

    if let text = parsed.options["at"] {
      guard let instant = Instant(iso8601: text) else {
        throw .usage(
          UsageError(
            message: "invalid instant '\(text)' for '--at'; expected ISO 8601 with a zone, "
              + "such as 2025-03-11T09:00:00Z",
            usage: usage))
      }
      clock = ManualClock(instant)
    } else {
      clock = SystemClock()
    }

    do throws(ConfigError) {
      loaded = try DeploymentCatalog.load(contentsOf: URL(fileURLWithPath: catalogPath))
    } catch {
      throw .invalidInput(messages: error.issues.map(\.description), usage: usage)
    }
    stateFile = TrackerStateFile(path: statePath)
  }

  /// Returns the value of the required option `name`.
  ///
  /// - Throws: `StateCommandFailure.usage` when the option is missing or empty.
  static func required(
    _ name: String, valueName: String, in parsed: ParsedCommand, usage: String
  ) throws(StateCommandFailure) -> String {
    guard let value = parsed.options[name] else {
      throw .usage(UsageError(message: "missing option '--\(name) \(valueName)'", usage: usage))
    }
    guard !value.isEmpty else {
      throw .usage(UsageError(message: "option '--\(name)' needs a non-empty value", usage: usage))
    }
    return value
  }

  /// Opens the tracker on the state file with `log` collecting what the load reports.
  ///
  /// - Throws: `StateCommandFailure.runtime` with the state file's error (exit status 1).
  func openTracker(
    mode: StateSaveMode, ifDamaged: DamagedStateFileAction, log: MemoryLogSink
  ) throws(StateCommandFailure) -> QuotaTracker {
    do throws(TrackerStateError) {
      return try QuotaTracker.open(
        catalog: loaded.catalog, policy: loaded.policy, clock: clock, log: log,
        stateFile: stateFile, mode: mode, ifDamaged: ifDamaged)
    } catch {
      throw .runtime(messages: [error.description])
    }
  }
}

/// A reason a state command stops, with the text and exit status it ends with.
enum StateCommandFailure: Error {
  /// The command line is invalid (exit status 64).
  case usage(UsageError)
  /// An input file is invalid; `messages` are its problems (exit status 64).
  case invalidInput(messages: [String], usage: String)
  /// The command failed while running, for example on a damaged state file (exit status 1).
  case runtime(messages: [String])

  /// Returns the result the command ends with: the error lines on standard error, after
  /// `standardError` (notices already collected), and the exit status.
  func result(standardOutput: String = "", standardError: String = "") -> CommandResult {
    let tool = QuotaSimCommandLine.tool
    switch self {
    case .usage(let error):
      return CommandResult(
        standardOutput: standardOutput, standardError: standardError + tool.errorText(error),
        status: .usage)
    case .invalidInput(let messages, let usage):
      return CommandResult(
        standardOutput: standardOutput,
        standardError: standardError + tool.errorText(messages: messages, usage: usage),
        status: .usage)
    case .runtime(let messages):
      // A runtime failure is not a usage mistake, so no usage line follows it.
      let lines = messages.map { "Error: " + $0 + "\n" }.joined()
      return CommandResult(
        standardOutput: standardOutput, standardError: standardError + lines, status: .failure)
    }
  }
}

extension LogEntry {
  /// The entry as one line for standard error, such as
  /// `Notice: Saved quota differs from the catalog; the catalog's quota applies. (deployment:
  /// A, savedQuota: 500000)`, with the metadata keys sorted so the text is deterministic.
  var diagnosticLine: String {
    // The set-aside entry carries the whole damage message, whose advice to use
    // --reset-state no longer applies once the file has been renamed.
    if let keptAs = metadata["keptAs"], let file = metadata["file"] {
      return "Warning: state file '\(file)' is damaged, so it was renamed to '\(keptAs)' and "
        + "the tracker starts with no usage.\n"
    }

    let label =
      switch level {
      case .debug: "Debug"
      case .info: "Info"
      case .notice: "Notice"
      case .warning: "Warning"
      case .error: "Error"
      }
    let details = metadata.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
    return "\(label): \(message)\(suffix)\n"
  }
}

/// Parses a whole decimal number of at least `minimum` given for `--name`.
///
/// Only ASCII digits are accepted, so `+5`, `-3`, `1e3` and `5.0` are rejected.
///
/// - Throws: `StateCommandFailure.usage` naming the value, the option and the expected range.
func parseWholeNumber(
  _ text: String, option name: String, minimum: Int64, usage: String
) throws(StateCommandFailure) -> Int64 {
  let isDigits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  guard isDigits, let value = Int64(text), value >= minimum else {
    throw .usage(
      UsageError(
        message: "invalid value '\(text)' for '--\(name)'; expected a whole number from "
          + "\(minimum) to \(Int64.max)",
        usage: usage))
  }
  return value
}
