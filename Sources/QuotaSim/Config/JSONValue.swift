/// A line and column in a source file, both counted from 1.
///
/// Columns count Unicode scalars, so a column matches what an editor shows for text without
/// combining characters or tabs.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The line number, from 1.
  public var line: Int
  /// The column number in Unicode scalars, from 1.
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The position as `line:column`.
  public var description: String { "\(line):\(column)" }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A parsed JSON value with the position where it starts in its source.
///
/// Unlike Foundation's `JSONSerialization`, the tree keeps the order of object keys, the
/// position of every key and value, and each number's source text. Configuration errors can
/// then name the exact value, and integers are read without a detour through `Double`.
public struct JSONValue: Sendable, Equatable {
  /// The kind of value and its content.
  public enum Kind: Sendable, Equatable {
    /// An object, with its members in source order.
    case object(JSONObject)
    /// An array, with its elements in source order.
    case array([JSONValue])
    /// A string, with escapes resolved.
    case string(String)
    /// A number, kept as its source text.
    case number(JSONNumber)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
  }

  /// The value's kind and content.
  public var kind: Kind
  /// The position of the value's first character.
  public var position: SourcePosition

  public init(_ kind: Kind, at position: SourcePosition) {
    self.kind = kind
    self.position = position
  }

  /// The object, or `nil` for other kinds.
  public var objectValue: JSONObject? {
    if case .object(let object) = kind { return object }
    return nil
  }

  /// The array elements, or `nil` for other kinds.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = kind { return elements }
    return nil
  }

  /// The string, or `nil` for other kinds.
  public var stringValue: String? {
    if case .string(let string) = kind { return string }
    return nil
  }

  /// The number, or `nil` for other kinds.
  public var numberValue: JSONNumber? {
    if case .number(let number) = kind { return number }
    return nil
  }

  /// The Boolean, or `nil` for other kinds.
  public var boolValue: Bool? {
    if case .bool(let bool) = kind { return bool }
    return nil
  }

  /// Whether the value is `null`.
  public var isNull: Bool {
    if case .null = kind { return true }
    return false
  }

  /// The kind's name with an article, such as "an object" or "a string", for messages.
  public var kindName: String {
    switch kind {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a Boolean"
    case .null: "null"
    }
  }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
  /// The key, with escapes resolved.
  public var key: String
  /// The position of the key's opening quote.
  public var keyPosition: SourcePosition
  /// The member's value.
  public var value: JSONValue

  public init(key: String, keyPosition: SourcePosition, value: JSONValue) {
    self.key = key
    self.keyPosition = keyPosition
    self.value = value
  }
}

/// A JSON object whose members keep their source order; keys are unique.
public struct JSONObject: Sendable, Equatable {
  /// The members in source order.
  public var members: [JSONMember]

  public init(members: [JSONMember]) {
    self.members = members
  }

  /// The keys in source order.
  public var keys: [String] { members.map(\.key) }

  /// Returns the member named `key`, or `nil`.
  ///
  /// - Complexity: O(n) in the number of members; configuration objects are small.
  public func member(named key: String) -> JSONMember? {
    members.first { $0.key == key }
  }

  /// The value of the member named `key`, or `nil`.
  public subscript(key: String) -> JSONValue? { member(named: key)?.value }
}
