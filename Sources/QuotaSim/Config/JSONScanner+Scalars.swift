extension JSONScanner {
  /// Parses a string starting at its opening quote and returns it with escapes resolved.
  ///
  /// A raw line break ends the string as unterminated, because JSON strings cannot span lines
  /// and the real mistake is almost always a missing closing quote.
  mutating func parseString() throws(JSONSyntaxError) -> String {
    let start = position
    advance()
    var buffer: [UInt8] = []
    while let byte = peek {
      switch byte {
      case UInt8(ascii: "\""):
        advance()
        return String(decoding: buffer, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try parseEscape(into: &buffer)
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        throw JSONSyntaxError(.unterminatedString, at: start)
      case 0..<0x20:
        throw JSONSyntaxError(.controlCharacterInString(code: byte), at: position)
      default:
        buffer.append(byte)
        advance()
      }
    }
    throw JSONSyntaxError(.unterminatedString, at: start)
  }

  private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
    let start = position
    advance()
    guard let byte = peek else { throw JSONSyntaxError(.unterminatedString, at: start) }
    let simple: UInt8? =
      switch byte {
      case UInt8(ascii: "\""): UInt8(ascii: "\"")
      case UInt8(ascii: "\\"): UInt8(ascii: "\\")
      case UInt8(ascii: "/"): UInt8(ascii: "/")
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      buffer.append(simple)
      advance()
      return
    }
    guard byte == UInt8(ascii: "u") else {
      throw JSONSyntaxError(.invalidEscape(found: describeCurrentCharacterBare()), at: start)
    }

    advance()
    let first = try parseHexQuad(escapeStart: start)
    var scalarValue = first
    if (0xD800...0xDBFF).contains(first) {
      guard peek == UInt8(ascii: "\\"), offset + 1 < bytes.count,
        bytes[offset + 1] == UInt8(ascii: "u")
      else { throw invalidUnicodeEscape(at: start) }
      advance()
      advance()
      let second = try parseHexQuad(escapeStart: start)
      guard (0xDC00...0xDFFF).contains(second) else { throw invalidUnicodeEscape(at: start) }
      scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(scalarValue) else { throw invalidUnicodeEscape(at: start) }
    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// Reads four hexadecimal digits after `\u`.
  private mutating func parseHexQuad(escapeStart: SourcePosition) throws(JSONSyntaxError) -> UInt32
  {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek, let digit = Self.hexDigitValue(byte) else {
        throw invalidUnicodeEscape(at: escapeStart)
      }
      value = value << 4 | digit
      advance()
    }
    return value
  }

  private func invalidUnicodeEscape(at start: SourcePosition) -> JSONSyntaxError {
    // The escape's text runs from the backslash; show it up to the cursor plus a little more.
    let escapeOffset = bytes[..<offset].lastIndex(of: UInt8(ascii: "\\")) ?? offset
    var end = min(bytes.count, max(offset, escapeOffset + 6))
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    let text = String(decoding: bytes[escapeOffset..<end], as: UTF8.self)
    return JSONSyntaxError(.invalidUnicodeEscape(found: Self.clipped(text)), at: start)
  }

  /// Returns the character at the cursor without quotes, for escape messages.
  private func describeCurrentCharacterBare() -> String {
    let quoted = describeCurrentCharacter()
    if quoted.hasPrefix("'"), quoted.hasSuffix("'"), quoted.count >= 3 {
      return String(quoted.dropFirst().dropLast())
    }
    return quoted
  }

  private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// Parses a number token and checks it against JSON's number grammar.
  ///
  /// The token runs over every character that could belong to a number written carelessly
  /// (`+1`, `.5`, `0x1F`, `1e`, `01`), so the message shows the whole offending text.
  mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
    let start = position
    let tokenStart = offset
    while let byte = peek, Self.isNumberTokenByte(byte) { advance() }
    let token = Array(bytes[tokenStart..<offset])
    let text = String(decoding: token, as: UTF8.self)
    guard Self.matchesNumberGrammar(token) else {
      throw JSONSyntaxError(.invalidNumber(found: Self.clipped(text)), at: start)
    }
    return JSONNumber(text: text)
  }

  private static func isNumberTokenByte(_ byte: UInt8) -> Bool {
    isWordByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: "-")
  }

  /// Returns whether `token` is `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  static func matchesNumberGrammar(_ token: [UInt8]) -> Bool {
    var index = 0
    func isDigit(_ offset: Int) -> Bool {
      offset < token.count && token[offset] >= UInt8(ascii: "0")
        && token[offset] <= UInt8(ascii: "9")
    }
    func skipDigits() -> Int {
      let begin = index
      while isDigit(index) { index += 1 }
      return index - begin
    }

    if index < token.count, token[index] == UInt8(ascii: "-") { index += 1 }
    guard isDigit(index) else { return false }
    if token[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      _ = skipDigits()
    }
    if index < token.count, token[index] == UInt8(ascii: ".") {
      index += 1
      guard skipDigits() > 0 else { return false }
    }
    if index < token.count, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
      index += 1
      if index < token.count, token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard skipDigits() > 0 else { return false }
    }
    return index == token.count
  }
}
