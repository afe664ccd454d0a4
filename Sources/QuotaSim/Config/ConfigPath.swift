/// The location of a value inside a JSON document, such as `deployments[1].tokensPerMinute`.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
  /// One step from a container to a value inside it.
  public enum Component: Sendable, Hashable {
    /// A member of an object.
    case key(String)
    /// An element of an array, counted from 0.
    case index(Int)
  }

  /// The steps from the top-level value.
  public var components: [Component]

  public init(_ components: [Component] = []) {
    self.components = components
  }

  /// The path of the top-level value.
  public static let root = ConfigPath()

  /// Returns the path of the member `key` of the object at this path.
  public func appending(key: String) -> ConfigPath {
    ConfigPath(components + [.key(key)])
  }

  /// Returns the path of element `index` of the array at this path.
  public func appending(index: Int) -> ConfigPath {
    ConfigPath(components + [.index(index)])
  }

  /// The path in JavaScript notation: `a.b[2].c`, with keys that are not identifiers written
  /// as `["odd key"]`; the top-level value's path is the empty string.
  public var description: String {
    var text = ""
    for component in components {
      switch component {
      case .key(let key) where Self.isIdentifier(key):
        text += text.isEmpty ? key : "." + key
      case .key(let key):
        text += "[" + JSONValue.quoted(key) + "]"
      case .index(let index):
        text += "[\(index)]"
      }
    }
    return text
  }

  private static func isIdentifier(_ key: String) -> Bool {
    let bytes = Array(key.utf8)
    guard let first = bytes.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
      return false
    }
    return bytes.allSatisfy { byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }
  }
}
