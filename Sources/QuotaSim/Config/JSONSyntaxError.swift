/// A reason why text is not valid JSON, at the position where the parser stopped.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kind of syntax error.
  public enum Reason: Sendable, Equatable {
    /// The input contains no value: it is empty or only whitespace and comments.
    case emptyInput
    /// The input ended where `expected` was needed.
    case unexpectedEndOfInput(expected: String)
    /// `found` is where `expected` was needed.
    case unexpectedCharacter(found: String, expected: String)
    /// A string has no closing quote before the end of its line or of the input.
    case unterminatedString
    /// A `/*` comment has no closing `*/`.
    case unterminatedComment
    /// A backslash in a string is followed by `found`, which is no JSON escape.
    case invalidEscape(found: String)
    /// A `\u` escape is not followed by four hexadecimal digits, or pairs surrogates wrongly.
    case invalidUnicodeEscape(found: String)
    /// A string contains the raw control character with code `code`.
    case controlCharacterInString(code: UInt8)
    /// A number does not follow JSON's number grammar.
    case invalidNumber(found: String)
    /// A word that is not `true`, `false` or `null` is where a value was needed.
    case invalidLiteral(found: String)
    /// The bytes at this position are not valid UTF-8.
    case invalidUTF8
    /// The key appears a second time in one object; the first one is at `firstPosition`.
    case duplicateKey(String, firstPosition: SourcePosition)
    /// Arrays and objects are nested deeper than `limit` levels.
    case nestingTooDeep(limit: Int)
    /// More text follows the complete top-level value.
    case trailingContent(found: String)
  }

  /// The kind of error.
  public var reason: Reason
  /// The position where the parser found the error.
  public var position: SourcePosition

  public init(_ reason: Reason, at position: SourcePosition) {
    self.reason = reason
    self.position = position
  }

  /// The problem as a phrase, such as `expected ':' after object key but found '='`.
  public var message: String {
    switch reason {
    case .emptyInput:
      "the input is empty"
    case .unexpectedEndOfInput(let expected):
      "unexpected end of input, expected \(expected)"
    case .unexpectedCharacter(let found, let expected):
      "expected \(expected) but found \(found)"
    case .unterminatedString:
      "unterminated string"
    case .unterminatedComment:
      "unterminated comment"
    case .invalidEscape(let found):
      "invalid escape '\\\(found)' in string"
    case .invalidUnicodeEscape(let found):
      "invalid Unicode escape '\(found)' in string"
    case .controlCharacterInString(let code):
      "control character \(Self.hex(code)) in string"
    case .invalidNumber(let found):
      "invalid number '\(found)'"
    case .invalidLiteral(let found):
      "unexpected word '\(found)'"
    case .invalidUTF8:
      "invalid UTF-8 byte sequence"
    case .duplicateKey(let key, let first):
      "duplicate key '\(key)', first defined at line \(first.line), column \(first.column)"
    case .nestingTooDeep(let limit):
      "arrays and objects nested deeper than \(limit) levels"
    case .trailingContent(let found):
      "unexpected \(found) after the top-level value"
    }
  }

  /// A sentence, without the final period, describing how to fix the problem.
  public var fix: String {
    switch reason {
    case .emptyInput:
      "Write a JSON object such as {\"deployments\": []}"
    case .unexpectedEndOfInput:
      "Complete the value or close every open '{' and '['"
    case .unexpectedCharacter(_, let expected):
      Self.fix(forExpected: expected)
    case .unterminatedString:
      "Close the string with '\"' on the same line"
    case .unterminatedComment:
      "Close the comment with '*/'"
    case .invalidEscape:
      "Use one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, or write '\\\\' for a backslash"
    case .invalidUnicodeEscape:
      "Write \\u followed by four hexadecimal digits, with surrogates in high-low pairs"
    case .controlCharacterInString:
      "Write the character as an escape such as \\n or \\t"
    case .invalidNumber:
      "Write numbers in decimal, such as 12, 0.5 or 1e6, without leading zeros, '+' or a trailing '.'"
    case .invalidLiteral:
      "Quote strings with '\"', and write true, false and null in lowercase"
    case .invalidUTF8:
      "Save the file as UTF-8"
    case .duplicateKey(let key, _):
      "Remove one of the two '\(key)' keys"
    case .nestingTooDeep:
      "Flatten the structure"
    case .trailingContent:
      "Remove the text after the closing bracket, or wrap all values in one array or object"
    }
  }

  /// The error as `line:column: message. Fix.`
  public var description: String { "\(position): \(message). \(fix)." }

  private static func fix(forExpected expected: String) -> String {
    switch expected {
    case "',' or '}' after object member":
      "Separate object members with ',' or close the object with '}'"
    case "',' or ']' after array element":
      "Separate array elements with ',' or close the array with ']'"
    case "':' after object key":
      "Write ':' between the key and its value"
    case "a quoted key or '}'":
      "Quote the key with '\"', as in \"name\": value"
    case "a value", "a value or ']'":
      "Write an object, an array, a string in double quotes, a number, true, false or null"
    default:
      "Check the JSON syntax at this position"
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "U+00" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
  }
}
