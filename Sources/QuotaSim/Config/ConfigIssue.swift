/// One problem in a configuration file: where it is, the value found, what is wrong and the fix.
///
/// ``description`` renders the issue as one line in one of three shapes:
///
/// - a value that does not fit the schema:
///   `<file>: <path>: <message> (found <value>). <Fix>.`, where the top-level value's path reads
///   `top level` and `(found …)` is left out when there is no value, as for a missing key;
/// - text that is not JSON: `<file>:<line>:<column>: invalid JSON: <message>. <Fix>.`;
/// - a file that cannot be read: `<file>: <message>. <Fix>.`
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
  /// The kind of problem, which selects the shape of the rendered line.
  public enum Kind: Sendable, Equatable {
    /// A value has the wrong type, is out of range, is unknown or is missing.
    case invalidValue
    /// The text is not valid JSON.
    case invalidJSON
    /// The file could not be read.
    case unreadableFile
  }

  /// The kind of problem.
  public var kind: Kind
  /// The file as the user named it.
  public var file: String
  /// The JSON path of the offending value, such as `deployments[1].tokensPerMinute`.
  public var path: ConfigPath
  /// The position of the offending value or syntax error in the file, when known.
  public var position: SourcePosition?
  /// The offending value as compact JSON, or `nil` when there is none.
  public var value: String?
  /// The problem, as a phrase starting in lowercase.
  public var message: String
  /// A sentence describing how to fix the problem.
  public var fix: String

  public init(
    kind: Kind = .invalidValue, file: String, path: ConfigPath, position: SourcePosition? = nil,
    value: String? = nil, message: String, fix: String
  ) {
    self.kind = kind
    self.file = file
    self.path = path
    self.position = position
    self.value = value
    self.message = message
    self.fix = fix
  }

  /// Creates the issue for a JSON syntax error in `file`.
  public init(syntaxError: JSONSyntaxError, file: String) {
    self.init(
      kind: .invalidJSON, file: file, path: .root, position: syntaxError.position,
      message: syntaxError.message, fix: syntaxError.fix)
  }

  /// The issue as one line; see the type's documentation for its shapes.
  public var description: String {
    let fixSentence = Self.sentence(fix)
    switch kind {
    case .invalidJSON:
      let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
      return "\(location): invalid JSON: \(message). \(fixSentence)"
    case .unreadableFile:
      return "\(file): \(message). \(fixSentence)"
    case .invalidValue:
      let pathText = path.components.isEmpty ? "top level" : path.description
      let found = value.map { " (found \($0))" } ?? ""
      return "\(file): \(pathText): \(message)\(found). \(fixSentence)"
    }
  }

  /// Returns `text` with its first letter capitalized and a period added unless it already
  /// ends a sentence.
  static func sentence(_ text: String) -> String {
    guard let first = text.first else { return text }
    let capitalized = first.uppercased() + text.dropFirst()
    if let last = capitalized.last, ".?!".contains(last) { return capitalized }
    return capitalized + "."
  }
}
