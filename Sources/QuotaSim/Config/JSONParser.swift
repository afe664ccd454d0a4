/// A JSON parser for configuration files that keeps source positions.
///
/// It accepts standard JSON (RFC 8259) plus `//` line comments, `/* */` block comments,
/// trailing commas in objects and arrays, and a leading UTF-8 byte order mark. It rejects
/// duplicate keys in one object, empty input, invalid UTF-8 and nesting deeper than
/// ``maximumDepth``. It never traps on any input: every problem becomes a
/// ``JSONSyntaxError`` with its line and column.
public struct JSONParser: Sendable {
  /// The default limit on nested arrays and objects, which keeps the recursive descent well
  /// inside a thread's stack.
  public static let defaultMaximumDepth = 512

  /// The deepest nesting of arrays and objects accepted; the top-level container is level 1.
  public var maximumDepth: Int

  /// Creates a parser that accepts at most `maximumDepth` levels of nesting.
  public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
    self.maximumDepth = maximumDepth
  }

  /// Parses `bytes` as one JSON value.
  ///
  /// - Throws: `JSONSyntaxError` naming the line, column and problem of the first error.
  public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
    return try scanner.parseDocument()
  }

  /// Parses `text` as one JSON value.
  ///
  /// - Throws: `JSONSyntaxError` naming the line, column and problem of the first error.
  public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

/// The parser's cursor over the input bytes, tracking line and column as it moves.
struct JSONScanner {
  let bytes: [UInt8]
  let maximumDepth: Int
  private(set) var offset = 0
  private var line = 1
  private var column = 1
  private var depth = 0

  init(bytes: [UInt8], maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  var position: SourcePosition { SourcePosition(line: line, column: column) }

  var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

  /// Parses the whole input as one value followed by nothing but whitespace and comments.
  mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
    if let invalid = Self.firstInvalidUTF8Offset(in: bytes) {
      while offset < invalid { advance() }
      throw JSONSyntaxError(.invalidUTF8, at: position)
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }

    try skipWhitespaceAndComments()
    guard peek != nil else { throw JSONSyntaxError(.emptyInput, at: position) }
    let value = try parseValue()
    try skipWhitespaceAndComments()
    if peek != nil {
      throw JSONSyntaxError(.trailingContent(found: describeCurrentCharacter()), at: position)
    }
    return value
  }

  /// Moves past one byte, updating the line and the column.
  mutating func advance() {
    let byte = bytes[offset]
    offset += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      // UTF-8 continuation bytes belong to the scalar already counted.
      column += 1
    }
  }

  mutating func skipWhitespaceAndComments() throws(JSONSyntaxError) {
    while let byte = peek {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        advance()
      case UInt8(ascii: "/"):
        try skipComment()
      default:
        return
      }
    }
  }

  private mutating func skipComment() throws(JSONSyntaxError) {
    let start = position
    let next = offset + 1 < bytes.count ? bytes[offset + 1] : nil
    if next == UInt8(ascii: "/") {
      while let byte = peek, byte != UInt8(ascii: "\n") { advance() }
      return
    }
    guard next == UInt8(ascii: "*") else {
      throw JSONSyntaxError(
        .unexpectedCharacter(found: "'/'", expected: "'//' or '/*' to start a comment"), at: start)
    }
    advance()
    advance()
    while let byte = peek {
      advance()
      if byte == UInt8(ascii: "*"), peek == UInt8(ascii: "/") {
        advance()
        return
      }
    }
    throw JSONSyntaxError(.unterminatedComment, at: start)
  }

  mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    let start = position
    guard let byte = peek else {
      throw JSONSyntaxError(.unexpectedEndOfInput(expected: "a value"), at: start)
    }
    switch byte {
    case UInt8(ascii: "{"):
      return JSONValue(.object(try parseObject()), at: start)
    case UInt8(ascii: "["):
      return JSONValue(.array(try parseArray()), at: start)
    case UInt8(ascii: "\""):
      return JSONValue(.string(try parseString()), at: start)
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return JSONValue(.number(try parseNumber()), at: start)
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return JSONValue(try parseLiteral(), at: start)
    default:
      throw JSONSyntaxError(
        .unexpectedCharacter(found: describeCurrentCharacter(), expected: "a value"), at: start)
    }
  }

  private mutating func enterContainer() throws(JSONSyntaxError) {
    depth += 1
    if depth > maximumDepth {
      throw JSONSyntaxError(.nestingTooDeep(limit: maximumDepth), at: position)
    }
  }

  private mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
    try enterContainer()
    advance()
    var members: [JSONMember] = []
    var keyPositions: [String: SourcePosition] = [:]
    while true {
      try skipWhitespaceAndComments()
      try expectPresent("a quoted key or '}'")
      if peek == UInt8(ascii: "}") {
        advance()
        depth -= 1
        return JSONObject(members: members)
      }
      guard peek == UInt8(ascii: "\"") else { throw unexpected(expected: "a quoted key or '}'") }

      let keyPosition = position
      let key = try parseString()
      if let first = keyPositions[key] {
        throw JSONSyntaxError(.duplicateKey(key, firstPosition: first), at: keyPosition)
      }
      keyPositions[key] = keyPosition

      try skipWhitespaceAndComments()
      try expectPresent("':' after object key")
      guard peek == UInt8(ascii: ":") else { throw unexpected(expected: "':' after object key") }
      advance()
      try skipWhitespaceAndComments()
      let value = try parseValue()
      members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))

      try skipWhitespaceAndComments()
      try expectPresent("',' or '}' after object member")
      if peek == UInt8(ascii: ",") {
        advance()
      } else if peek != UInt8(ascii: "}") {
        throw unexpected(expected: "',' or '}' after object member")
      }
    }
  }

  private mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
    try enterContainer()
    advance()
    var elements: [JSONValue] = []
    while true {
      try skipWhitespaceAndComments()
      try expectPresent("a value or ']'")
      if peek == UInt8(ascii: "]") {
        advance()
        depth -= 1
        return elements
      }
      if peek == UInt8(ascii: ",") { throw unexpected(expected: "a value or ']'") }
      elements.append(try parseValue())

      try skipWhitespaceAndComments()
      try expectPresent("',' or ']' after array element")
      if peek == UInt8(ascii: ",") {
        advance()
      } else if peek != UInt8(ascii: "]") {
        throw unexpected(expected: "',' or ']' after array element")
      }
    }
  }

  private mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue.Kind {
    let start = position
    let wordStart = offset
    while let byte = peek, Self.isWordByte(byte) { advance() }
    let word = String(decoding: bytes[wordStart..<offset], as: UTF8.self)
    switch word {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    default: throw JSONSyntaxError(.invalidLiteral(found: Self.clipped(word)), at: start)
    }
  }

  private func expectPresent(_ expected: String) throws(JSONSyntaxError) {
    if peek == nil {
      throw JSONSyntaxError(.unexpectedEndOfInput(expected: expected), at: position)
    }
  }

  func unexpected(expected: String) -> JSONSyntaxError {
    JSONSyntaxError(
      .unexpectedCharacter(found: describeCurrentCharacter(), expected: expected), at: position)
  }

  /// Returns the character at the cursor as `'x'`, or as `U+XXXX` when it is invisible.
  func describeCurrentCharacter() -> String {
    guard offset < bytes.count else { return "end of input" }
    var iterator = bytes[offset...].makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return "a byte" }
    let scalar = Unicode.UTF8.decode(encoded)
    let invisible =
      scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
      || scalar.properties.generalCategory == .format
    if invisible {
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    return "'\(Character(scalar))'"
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      true
    default:
      false
    }
  }

  /// Shortens `text` to at most 40 characters for a message.
  static func clipped(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(40)) + "…"
  }

  /// Returns the offset of the first byte that starts an invalid UTF-8 sequence, or `nil`.
  static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }
}
