/// The problems that kept a configuration file (a deployment catalog or a scenario) from loading.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Every problem found, in the order they appear in the file.
  public var issues: [ConfigIssue]

  public init(issues: [ConfigIssue]) {
    self.issues = issues
  }

  /// Every issue on its own line, without a trailing newline.
  public var description: String {
    issues.map(\.description).joined(separator: "\n")
  }
}
