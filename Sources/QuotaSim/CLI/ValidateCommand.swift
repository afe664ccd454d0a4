import Foundation

/// The `quotasim validate` command: checks a configuration file and prints what it defines.
public enum ValidateCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "validate",
    abstract: "Check a deployment catalog or a scenario and print what it defines.",
    arguments: [
      ArgumentSpec(
        name: "FILE",
        help: "Path of the catalog or scenario, a JSON file that may contain comments and "
          + "trailing commas. A file whose top level has \"workloads\", \"start\" or a horizon "
          + "key is a scenario.")
    ],
    discussion: """
      For a catalog, the summary lists each deployment's limits and route, then the policy. \
      For a scenario it also shows the simulated span, the Azure side of each deployment and \
      one line per workload.

      Every problem in the file is reported on its own line as \
      '<file>: <JSON path>: <problem> (found <value>). <Fix>.' The exit status is 0 when the \
      file is valid and 64 when it has problems or cannot be read.
      """
  ) { parsed, _ in
    run(file: parsed.arguments["FILE"] ?? "")
  }

  /// Validates the file at `path` and returns the summary, or every problem.
  public static func run(file path: String) -> CommandResult {
    let url = URL(fileURLWithPath: path)
    do throws(ConfigError) {
      let document = try ConfigFile.parse(contentsOf: url)
      let file = ConfigFile.displayName(for: url)
      switch ConfigDocumentKind.detect(document) {
      case .catalog:
        let loaded = try DeploymentCatalog.decode(document, file: file)
        return CommandResult(standardOutput: loaded.summary(), status: .success)
      case .scenario:
        let loaded = try Scenario.decode(
          document, file: file, baseDirectory: url.deletingLastPathComponent())
        return CommandResult(standardOutput: loaded.summary(), status: .success)
      }
    } catch {
      let text = QuotaSimCommandLine.tool.errorText(
        messages: error.issues.map(\.description),
        usage: spec.usage(toolName: QuotaSimCommandLine.tool.name))
      return CommandResult(standardError: text, status: .usage)
    }
  }
}
