extension ConfigObjectReader {
  /// Returns the one member among `keys` that is present, for fields that can be written in
  /// several ways, such as `ratePerSecond` or `ratePerMinute`.
  ///
  /// When none is present, records a "missing required key" issue on the object with `fix`.
  /// When several are, records an issue on each one after the first in the file and still
  /// returns the first.
  /// - Returns: The key and a reader for its value, or `nil` when none is present.
  public func exactlyOne(of keys: [String], missingFix fix: String)
    -> (key: String, value: ConfigValueReader)?
  {
    let present = keys.compactMap { key in optional(key).map { (key: key, value: $0) } }
      .sorted { $0.value.value.position < $1.value.value.position }
    let listed = keys.map { "'\($0)'" }.joined(separator: ", ")
    guard let first = present.first else {
      reportMissing("missing required key: one of \(listed)", fix: fix)
      return nil
    }
    for other in present.dropFirst() {
      other.value.report(
        "only one of \(listed) is allowed, but \(first.key) is also set",
        fix: "Keep either \(first.key) or \(other.key)")
    }
    return first
  }

  /// Records a problem with the object as a whole that names no value, such as a missing key.
  public func reportMissing(_ message: String, fix: String) {
    collector.record(
      ConfigIssue(
        file: collector.file, path: path, position: position, message: message, fix: fix))
  }

  /// Records a problem with the object as a whole, showing the object as the value found.
  public func report(_ message: String, fix: String) {
    collector.report(
      at: path, value: JSONValue(.object(object), at: position), message: message, fix: fix)
  }
}
