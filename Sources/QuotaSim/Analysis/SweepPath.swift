/// The location of a field in a scenario document, written with dots:
/// `policy.throttleThreshold`, `deployments.prod.monthlyTokenQuota`,
/// `workloads.chat.hourOfDayProfile.3`.
///
/// A segment after an array picks the element whose `name` is the segment, so deployments
/// and workloads are addressed by name. A whole number picks an element by its index from 0.
/// Any other segment names an object member, which is created when absent, so a field left
/// at its default can be set too.
public struct SweepPath: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The segments between the dots.
  public var segments: [String]

  /// Parses a dotted path.
  ///
  /// - Throws: ``SweepPathError/emptySegment(path:)`` when the path or one of its segments is
  ///   empty.
  public init(parsing text: String) throws(SweepPathError) {
    let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !segments.contains(where: \.isEmpty) else { throw .emptySegment(path: text) }
    self.segments = segments
  }

  /// Creates a path from its segments.
  ///
  /// - Precondition: no segment is empty.
  public init(segments: [String]) {
    precondition(
      !segments.isEmpty && !segments.contains(where: \.isEmpty), "empty path segment in \(segments)"
    )
    self.segments = segments
  }

  /// The path with dots, as written.
  public var description: String { segments.joined(separator: ".") }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A sweep path that does not lead to a field of the scenario document.
public enum SweepPathError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path, or a segment between dots, is empty.
  case emptySegment(path: String)
  /// The path sets the sweep block itself.
  case sweepBlock(path: String)
  /// The path goes into a value that is neither an object nor an array.
  case notAContainer(path: String, prefix: String, kind: String)
  /// No element of an array has the name.
  case noElementNamed(path: String, array: String, name: String, suggestion: String?)
  /// An index is past the end of an array.
  case indexOutOfRange(path: String, array: String, index: Int, count: Int)
  /// The path ends at an array, which a sweep value cannot address by name.
  case endsAtArrayElement(path: String)

  /// The problem, naming the path.
  public var message: String {
    switch self {
    case .emptySegment(let path):
      "the path '\(path)' has an empty segment"
    case .sweepBlock(let path):
      "the path '\(path)' points into the sweep block"
    case .notAContainer(let path, let prefix, let kind):
      "the path '\(path)' goes into '\(prefix)', which is \(kind)"
    case .noElementNamed(let path, let array, let name, _):
      "the path '\(path)' names no \(Self.elementNoun(of: array)) '\(name)' in '\(array)'"
    case .indexOutOfRange(let path, let array, let index, let count):
      "the path '\(path)' has index \(index), but '\(array)' has \(count) "
        + "element\(count == 1 ? "" : "s")"
    case .endsAtArrayElement(let path):
      "the path '\(path)' ends at a whole array element"
    }
  }

  /// A sentence saying how to write the path instead.
  public var fix: String {
    switch self {
    case .emptySegment:
      "Separate names by single dots, such as 'policy.throttleThreshold'"
    case .sweepBlock:
      "Sweep fields of the model, not the sweep block itself"
    case .notAContainer:
      "End the path at that field, or set the enclosing object's fields one by one"
    case .noElementNamed(_, _, _, let suggestion?):
      "Did you mean '\(suggestion)'?"
    case .noElementNamed(_, let array, _, nil):
      "Use the name of one of the \(array), or an index from 0"
    case .indexOutOfRange(_, _, _, let count):
      "Use an index from 0 to \(max(0, count - 1))"
    case .endsAtArrayElement(let path):
      "Add the field to set, such as '\(path).tokensPerMinute'"
    }
  }

  /// The problem and the fix as one text.
  public var description: String { "\(message). \(fix)" + (fix.hasSuffix("?") ? "" : ".") }

  /// Returns "deployment" for `deployments`, "workload" for `workloads`, else "element".
  private static func elementNoun(of array: String) -> String {
    switch array {
    case "deployments": "deployment"
    case "workloads": "workload"
    default: "element"
    }
  }
}
