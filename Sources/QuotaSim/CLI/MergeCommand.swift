import Foundation

/// The `quotasim merge` command: combines the partial result files of a sharded study.
public enum MergeCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "merge",
    abstract: "Combine the partial results of every shard into the study's report.",
    arguments: [
      ArgumentSpec(
        name: "FILE",
        help: "Partial result files written by 'run --replications' or 'sweep' "
          + "with --shard K/N, one per shard, in any order.",
        isVariadic: true)
    ],
    options: [StudyCommandSupport.formatOption, StudyCommandSupport.outputOption],
    discussion: """
      The output, on stdout and in the output folder, is exactly what one machine prints for \
      the same command without --shard: the files hold every run's result, and the merge \
      summarizes them in the same order. Every shard of the study must be given once, and \
      all must come from the same model file and options.
      """
  ) { parsed, _ in
    run(parsed)
  }

  static func run(_ parsed: ParsedCommand) -> CommandResult {
    let usage = spec.usage(toolName: QuotaSimCommandLine.tool.name)
    let format: ReportFormat
    do throws(UsageError) {
      format = try StudyCommandSupport.format(parsed, usage: usage).get()
    } catch {
      return CommandResult(standardError: QuotaSimCommandLine.tool.errorText(error), status: .usage)
    }

    let files = parsed.variadicArguments["FILE"] ?? parsed.arguments["FILE"].map { [$0] } ?? []
    let merged: (study: StudyDescriptor, results: [TaskResult])
    do throws(MergeError) {
      let partials = try files.map { file throws(MergeError) in
        (
          file: file,
          result: try PartialResult.read(contentsOf: URL(fileURLWithPath: file), file: file)
        )
      }
      merged = try PartialResult.merge(partials)
    } catch {
      return StudyCommandSupport.usageError([error.description], usage: usage)
    }
    return StudyCommandSupport.finish(
      study: merged.study, results: merged.results, format: format,
      folder: StudyCommandSupport.folder(parsed, model: merged.study.model))
  }
}
