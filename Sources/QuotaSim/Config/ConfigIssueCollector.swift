/// The issues found so far while decoding one configuration file.
///
/// Decoders record every problem and go on, so one run reports all of them. The collector is
/// a class because every reader of one file shares it; it is not thread-safe, and a file is
/// decoded on one thread.
public final class ConfigIssueCollector {
  /// The file as the user named it.
  public let file: String
  /// The issues in the order they were recorded.
  public private(set) var issues: [ConfigIssue] = []

  /// Creates an empty collector for `file`.
  public init(file: String) {
    self.file = file
  }

  /// Whether any issue was recorded.
  public var hasIssues: Bool { !issues.isEmpty }

  /// Records `issue`.
  public func record(_ issue: ConfigIssue) {
    issues.append(issue)
  }

  /// Records a problem with `value` at `path`.
  public func report(at path: ConfigPath, value: JSONValue?, message: String, fix: String) {
    record(
      ConfigIssue(
        file: file, path: path, position: value?.position, value: value?.summary,
        message: message, fix: fix))
  }

  /// Returns the issues as an error, ordered by their position in the file; issues without a
  /// position keep their recorded order after the others.
  public func error() -> ConfigError {
    let ordered = issues.enumerated().sorted { lhs, rhs in
      switch (lhs.element.position, rhs.element.position) {
      case (let left?, let right?) where left != right: left < right
      case (.some, nil): true
      case (nil, .some): false
      default: lhs.offset < rhs.offset
      }
    }
    return ConfigError(issues: ordered.map(\.element))
  }
}
