import Foundation

/// The `quotasim fit` command: fits a workload block to a request trace.
public enum FitCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "fit",
    abstract: "Fit a workload block (arrival rate by hour, token sizes) to a request trace.",
    arguments: [
      ArgumentSpec(
        name: "TRACE",
        help: "CSV of requests: a timestamp, prompt tokens and completion tokens per row.")
    ],
    options: [
      OptionSpec(
        name: "time-zone", valueName: "ZONE",
        help: "IANA zone whose local hours the hour-of-day profile uses (default: UTC)."),
      OptionSpec(
        name: "name", valueName: "NAME", help: "Name of the fitted workload (default: fitted)."),
      OptionSpec(
        name: "deployment", valueName: "NAME",
        help: "Deployment the fitted workload targets (default: prod)."),
    ],
    discussion: """
      The block is printed on stdout to paste into a model's "workloads" array. Comment lines \
      above it give the hour-by-hour rates and, for prompt and completion sizes, the \
      Kolmogorov-Smirnov distance of the log-normal and gamma fits; the family with the \
      smaller distance is chosen when it passes the test at the 5 % level, and the empirical \
      histogram otherwise.
      """
  ) { parsed, _ in
    run(parsed)
  }

  static func run(_ parsed: ParsedCommand) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let zoneName = parsed.options["time-zone"] ?? "UTC"
    guard let zone = TimeZone(identifier: zoneName) else {
      return CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(
          messages: [
            "option '--time-zone' needs an IANA zone name such as 'UTC' or 'Europe/Berlin', "
              + "but found '\(zoneName)'"
          ], usage: usage),
        status: .usage)
    }
    let url = URL(fileURLWithPath: parsed.arguments["TRACE"] ?? "")
    let loaded: TraceLoadResult
    do throws(TraceFileError) {
      loaded = try TraceFile.load(contentsOf: url)
    } catch {
      return CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(
          messages: [error.description], usage: usage),
        status: .usage)
    }
    let fit: TraceFitResult
    do throws(TraceFitError) {
      fit = try TraceFit.fit(
        rows: loaded.rows, origin: loaded.origin ?? .epoch, timeZone: zone, timeZoneName: zoneName)
    } catch {
      return CommandResult(
        standardError: QuotaSimCommandLine.tool.errorText(
          messages: [error.description], usage: usage),
        status: .usage)
    }
    let warnings = loaded.warnings.map { "// Note: \($0.description)\n" }.joined()
    let block = fit.workloadBlock(
      name: parsed.options["name"] ?? "fitted", deployment: parsed.options["deployment"] ?? "prod")
    return CommandResult(standardOutput: warnings + block, status: .success)
  }
}
