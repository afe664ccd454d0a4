/// The header fields of an HTTP response, in the order received.
///
/// Lookup by name ignores ASCII case, as HTTP field names are case-insensitive, and returns the
/// first field with that name when a response repeats one. Equality compares the fields in
/// order, with names spelled as given.
public struct HTTPHeaders: Sendable, Equatable {
  /// One header field.
  public struct Field: Sendable, Equatable {
    /// The field name as received, such as `Retry-After`.
    public var name: String
    /// The field value as received, without any trimming.
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The fields in the order received.
  public private(set) var fields: [Field]

  /// Creates headers from `(name, value)` pairs, keeping their order.
  public init(_ pairs: [(String, String)]) {
    fields = pairs.map { Field(name: $0.0, value: $0.1) }
  }

  /// Returns the value of the first field named `name`, ignoring ASCII case, or `nil`.
  ///
  /// - Complexity: O(n) in the number of fields.
  public subscript(name: String) -> String? {
    fields.withUnsafeBufferPointer { buffer in
      for field in buffer where Self.namesMatch(field.name, name) { return field.value }
      return nil
    }
  }

  /// Creates headers from fields, keeping their order.
  public init(fields: [Field]) {
    self.fields = fields
  }

  /// Appends a field after the existing ones; an earlier field with the same name still wins.
  public mutating func append(name: String, value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// Returns whether two field names are equal, comparing ASCII letters without case.
  ///
  /// Names spelled alike compare as plain strings. Others that are stored contiguously, as
  /// native strings are, compare byte by byte without an iterator.
  static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
    if lhs == rhs { return true }
    let left = lhs.utf8
    let right = rhs.utf8
    guard left.count == right.count else { return false }
    let contiguous = left.withContiguousStorageIfAvailable { leftBytes in
      right.withContiguousStorageIfAvailable { rightBytes in
        bytesMatch(leftBytes, rightBytes)
      }
    }
    if let contiguous, let matched = contiguous { return matched }
    return zip(left, right).allSatisfy { asciiLowercase($0) == asciiLowercase($1) }
  }

  /// Returns whether two byte buffers of the same length are equal, ignoring ASCII case.
  private static func bytesMatch(
    _ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for index in left.indices where asciiLowercase(left[index]) != asciiLowercase(right[index]) {
      return false
    }
    return true
  }

  private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
  }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
  /// Creates headers from a literal such as `["retry-after": "2"]`, in the order written.
  public init(dictionaryLiteral elements: (String, String)...) {
    self.init(elements)
  }
}

extension HTTPHeaders: Sequence {
  /// Returns an iterator over the fields as `(name, value)` pairs, in the order received.
  public func makeIterator() -> some IteratorProtocol<(name: String, value: String)> {
    fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
  }
}
