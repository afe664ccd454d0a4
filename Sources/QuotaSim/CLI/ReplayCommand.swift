import Foundation

/// The `quotasim replay` command: runs replay scripts and checks their expectations.
public enum ReplayCommand {
  /// The default of `--trace-limit` for `replay`: trace lines printed per script.
  public static let defaultTraceLimit = 10_000

  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "replay",
    abstract: "Replay scripted responses through the limiter and check the expected decisions.",
    arguments: [
      ArgumentSpec(
        name: "SCRIPT",
        help: "Path of a replay script (JSON with comments); several may be given.",
        isVariadic: true)
    ],
    options: [
      OptionSpec(
        name: "trace", valueName: "FILE",
        help: "Also write the decision trace as JSON lines to FILE (one script only)."),
      OptionSpec(
        name: "trace-limit", valueName: "N",
        help: "Maximum number of trace lines printed per script (default: 10000); the rest "
          + "are counted."),
      OptionSpec(
        name: "brief",
        help: "Print one verdict line per script, with the expectations that failed, instead "
          + "of the trace and the summary."),
    ],
    discussion: """
      Each script's deployments answer from canned responses while the real tracker and \
      enforcer run on a virtual clock. The report lists every decision (instant, request, \
      deployment, attempt, response, decision, wait), the calls per deployment, the tokens \
      charged, the tracker's final state, and each expectation as ok or FAILED.

      The exit status is 0 when every expectation of every script holds, 1 when one fails or \
      a deployment ran out of scripted responses, and 64 when a script is invalid. The \
      script format is described in docs/replay-format.md.
      """
  ) { parsed, _ in
    run(parsed)
  }

  static func run(_ parsed: ParsedCommand) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    func usageError(_ messages: [String]) -> CommandResult {
      CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(messages: messages, usage: usage),
        status: .usage)
    }

    let files = parsed.variadicValues
    let traceLimit: Int
    switch TraceOptions.limit(parsed, default: defaultTraceLimit) {
    case .success(let limit): traceLimit = limit
    case .failure(let error): return usageError([error.message])
    }
    if parsed.options["trace"] != nil, files.count > 1 {
      return usageError(["option '--trace' takes one script, but \(files.count) were given"])
    }

    var scripts: [(file: String, script: ReplayScript)] = []
    var problems: [String] = []
    for path in files {
      let url = URL(fileURLWithPath: path)
      do throws(ConfigError) {
        scripts.append((ConfigFile.displayName(for: url), try ReplayScript.load(contentsOf: url)))
      } catch {
        problems += error.issues.map(\.description)
      }
    }
    guard problems.isEmpty else { return usageError(problems) }

    var output = ""
    var errors = ""
    var passed = true
    for (file, script) in scripts {
      let result = ScriptRun(script: script).run()
      passed = passed && result.passed
      if parsed.flags.contains("brief") {
        output += brief(result, file: file)
      } else {
        if !output.isEmpty { output += "\n" }
        output += ReplayReport.render(result, file: file, traceLimit: traceLimit)
      }
      if let path = parsed.options["trace"] {
        do throws(TraceOutputError) {
          try writeTrace(result, to: URL(fileURLWithPath: path))
        } catch {
          errors += "Error: \(error.description)\n"
          passed = false
        }
      }
    }
    return CommandResult(
      standardOutput: output, standardError: errors, status: passed ? .success : .failure)
  }

  /// Returns the verdict line of `result`, then a line per failed expectation or problem.
  static func brief(_ result: ReplayResult, file: String) -> String {
    let verdict = result.passed ? "PASSED" : "FAILED"
    var lines = ["\(verdict)  \(file)  (\(result.checks.count) expectations)"]
    for problem in result.problems { lines.append("  problem: \(problem)") }
    for check in result.failedChecks {
      lines.append(
        "  \(check.expectation.path): expected "
          + "\(check.expectation.expected.rendered(origin: result.start)), got "
          + check.actual.rendered(origin: result.start))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func writeTrace(_ result: ReplayResult, to url: URL) throws(TraceOutputError) {
    let writer = try TraceFileWriter(url: url, lineLimit: .max, origin: result.start)
    for event in result.trace { writer.write(event) }
    try writer.close()
  }
}

/// The `--trace-limit` option shared by `run` and `replay`.
enum TraceOptions {
  /// Reads `--trace-limit`, or returns `defaultLimit` when it is absent.
  static func limit(_ parsed: ParsedCommand, default defaultLimit: Int) -> Result<Int, UsageError> {
    guard let text = parsed.options["trace-limit"] else { return .success(defaultLimit) }
    guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let limit = Int(text)
    else {
      return .failure(
        UsageError(
          message: "option '--trace-limit' needs a whole number of lines, 0 or more, but "
            + "found '\(text)'",
          usage: ""))
    }
    return .success(limit)
  }
}
