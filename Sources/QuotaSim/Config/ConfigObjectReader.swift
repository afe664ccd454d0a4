/// A JSON object at a known path that remembers which keys its decoder asked for, so that
/// ``rejectUnknownKeys()`` can report every other key as a likely typo.
///
/// A decoder requests every key it understands with ``optional(_:)``, ``required(_:fix:)``
/// or ``allow(_:)``, even after earlier problems, then calls ``rejectUnknownKeys()``. Members
/// whose value is `null` count as absent for ``optional(_:)``.
///
/// The reader is a class so that nested decoders can share it; it is not thread-safe.
public final class ConfigObjectReader {
  /// The object being read.
  public let object: JSONObject
  /// The position of the object's opening brace.
  public let position: SourcePosition
  /// The object's path in the file.
  public let path: ConfigPath
  /// The collector that receives problems.
  public let collector: ConfigIssueCollector
  /// The keys asked for so far, in order, for suggestions.
  public private(set) var knownKeys: [String] = []

  public init(
    object: JSONObject, position: SourcePosition, path: ConfigPath,
    collector: ConfigIssueCollector
  ) {
    self.object = object
    self.position = position
    self.path = path
    self.collector = collector
  }

  /// Creates a reader for the top-level value of a file, or records an issue and returns `nil`
  /// when that value is not an object.
  ///
  /// - Parameter fix: What to write instead, such as `Write the catalog as a JSON object`.
  public static func root(_ value: JSONValue, collector: ConfigIssueCollector, fix: String)
    -> ConfigObjectReader?
  {
    ConfigValueReader(value: value, path: .root, collector: collector).object(fix: fix)
  }

  /// Marks `keys` as understood without reading them.
  public func allow(_ keys: String...) {
    for key in keys where !knownKeys.contains(key) { knownKeys.append(key) }
  }

  /// Returns whether the object has a member named `key` whose value is not `null`.
  public func contains(_ key: String) -> Bool {
    allow(key)
    guard let value = object[key] else { return false }
    return !value.isNull
  }

  /// Returns a reader for the member `key`, or `nil` when it is absent or `null`.
  public func optional(_ key: String) -> ConfigValueReader? {
    allow(key)
    guard let value = object[key], !value.isNull else { return nil }
    return ConfigValueReader(value: value, path: path.appending(key: key), collector: collector)
  }

  /// Returns a reader for the member `key`, or records a "missing required key" issue with
  /// `fix` and returns `nil`.
  ///
  /// A `null` value is returned as a value, so the typed accessor reports it as the wrong type.
  public func required(_ key: String, fix: String) -> ConfigValueReader? {
    allow(key)
    guard let value = object[key] else {
      collector.record(
        ConfigIssue(
          file: collector.file, path: path, position: position,
          message: "missing required key '\(key)'", fix: fix))
      return nil
    }
    return ConfigValueReader(value: value, path: path.appending(key: key), collector: collector)
  }

  /// Records an "unknown key" issue for each member whose key was never asked for, with the
  /// nearest known key as a suggestion.
  public func rejectUnknownKeys() {
    for member in object.members where !knownKeys.contains(member.key) {
      let fix =
        NameSuggestion.closest(to: member.key, among: knownKeys).map { "Did you mean '\($0)'?" }
        ?? "Remove it, or use one of: \(knownKeys.joined(separator: ", "))"
      collector.record(
        ConfigIssue(
          file: collector.file, path: path.appending(key: member.key),
          position: member.keyPosition, value: JSONValue.quoted(member.key),
          message: "unknown key", fix: fix))
    }
  }
}
