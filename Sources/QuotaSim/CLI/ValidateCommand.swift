import Foundation

/// The `quotasim validate` command: checks a configuration file and prints what it defines.
public enum ValidateCommand {
  /// The command's table entry.
  public static let spec = CommandSpec(
    name: "validate",
    abstract: "Check a deployment catalog and print its deployments, limits, routes and policy.",
    arguments: [
      ArgumentSpec(
        name: "FILE",
        help: "Path of the catalog, a JSON file that may contain comments and trailing commas.")
    ],
    discussion: """
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
      switch ConfigDocumentKind.detect(document) {
      case .catalog:
        let loaded = try DeploymentCatalog.decode(document, file: ConfigFile.displayName(for: url))
        return CommandResult(standardOutput: loaded.summary(), status: .success)
      case .scenario:
        // TODO: validate scenario files once their decoder exists; until then they are
        // reported as unsupported rather than misread as catalogs.
        let issue = ConfigIssue(
          file: ConfigFile.displayName(for: url), path: .root, position: document.position,
          value: nil,
          message: "scenario files (with a top-level \"workloads\" key) cannot be validated yet",
          fix: "Validate the deployment catalog alone")
        throw ConfigError(issues: [issue])
      }
    } catch {
      let text = QuotaSimCommandLine.tool.errorText(
        messages: error.issues.map(\.description),
        usage: spec.usage(toolName: QuotaSimCommandLine.tool.name))
      return CommandResult(standardError: text, status: .usage)
    }
  }
}
