import Testing

@testable import QuotaSim

@Suite struct JSONParserTests {
  private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    try JSONParser().parse(text)
  }

  private func syntaxError(_ text: String) -> JSONSyntaxError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  private func syntaxError(bytes: [UInt8]) -> JSONSyntaxError? {
    do {
      _ = try JSONParser().parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func commentsAreSkipped() throws {
    let value = try parse(
      """
      // leading comment
      { /* block
         comment */ "a": 1, // after a member
        "b": /* inline */ 2 }
      """)
    #expect(value.objectValue?.keys == ["a", "b"])
    #expect(value.objectValue?["b"]?.numberValue?.text == "2")
  }

  @Test func trailingCommasAreAccepted() throws {
    let value = try parse(#"{"a": [1, 2,], "b": {"c": true,},}"#)
    #expect(value.objectValue?["a"]?.arrayValue?.count == 2)
    #expect(value.objectValue?["b"]?.objectValue?["c"]?.boolValue == true)
  }

  @Test func objectKeepsKeyOrder() throws {
    let value = try parse(#"{"z": 1, "a": 2, "m": 3}"#)
    #expect(value.objectValue?.keys == ["z", "a", "m"])
  }

  @Test func positionsOfKeysAndValues() throws {
    let value = try parse("{\n  \"name\": \"prod\",\n  \"list\": [10, null]\n}")
    let object = try #require(value.objectValue)
    #expect(value.position == SourcePosition(line: 1, column: 1))
    #expect(object.member(named: "name")?.keyPosition == SourcePosition(line: 2, column: 3))
    #expect(object["name"]?.position == SourcePosition(line: 2, column: 11))
    #expect(object["list"]?.arrayValue?[1].position == SourcePosition(line: 3, column: 16))
  }

  @Test func columnsCountUnicodeScalars() throws {
    let value = try parse(#"{"é€😀": 1}"#)
    #expect(value.objectValue?["é€😀"]?.position == SourcePosition(line: 1, column: 9))
  }

  @Test func numbersKeepTheirSourceText() throws {
    let value = try parse("[2.50, 1e400, -0, 12]")
    #expect(value.arrayValue?.map { $0.numberValue?.text } == ["2.50", "1e400", "-0", "12"])
  }

  @Test func stringEscapesAreResolved() throws {
    let value = try parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#)
    #expect(value.stringValue == "a\"b\\c/d\u{08}\u{0C}\n\r\té😀")
  }

  @Test func literalsParse() throws {
    let value = try parse("[true, false, null]")
    #expect(value.arrayValue?[0].boolValue == true)
    #expect(value.arrayValue?[1].boolValue == false)
    #expect(value.arrayValue?[2].isNull == true)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let value = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
    #expect(value.arrayValue?.count == 1)
  }

  @Test func emptyInputIsAnError() {
    #expect(syntaxError("") == JSONSyntaxError(.emptyInput, at: .init(line: 1, column: 1)))
  }

  @Test func onlyCommentsIsEmptyInput() {
    #expect(
      syntaxError("// nothing\n  ") == JSONSyntaxError(.emptyInput, at: .init(line: 2, column: 3)))
  }

  @Test func duplicateKeyNamesBothPositions() {
    let error = syntaxError("{\"a\": 1,\n \"a\": 2}")
    #expect(
      error
        == JSONSyntaxError(
          .duplicateKey("a", firstPosition: .init(line: 1, column: 2)),
          at: .init(line: 2, column: 2)))
    #expect(
      error?.description
        == "2:2: duplicate key 'a', first defined at line 1, column 2. Remove one of the two 'a' keys."
    )
  }

  @Test func sameKeyInDifferentObjectsIsAllowed() throws {
    let value = try parse(#"[{"a": 1}, {"a": 2}]"#)
    #expect(value.arrayValue?.count == 2)
  }

  @Test func nestingAtTheLimitParses() throws {
    let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(try parse(text).arrayValue?.count == 1)
  }

  @Test func nestingBeyondTheLimitIsAnError() {
    let text = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(
      syntaxError(text)
        == JSONSyntaxError(.nestingTooDeep(limit: 512), at: .init(line: 1, column: 513)))
  }

  @Test func veryDeepInputFailsWithoutRecursingFurther() {
    let text = String(repeating: "{\"a\":", count: 100_000)
    #expect(syntaxError(text)?.reason == .nestingTooDeep(limit: 512))
  }

  @Test func invalidUTF8IsAnErrorAtItsPosition() {
    let bytes: [UInt8] = Array("{\n \"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8)
    #expect(
      syntaxError(bytes: bytes) == JSONSyntaxError(.invalidUTF8, at: .init(line: 2, column: 9)))
  }

  @Test func encodedSurrogateIsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xED, 0xA0, 0x80, 0x22]
    #expect(syntaxError(bytes: bytes)?.reason == .invalidUTF8)
  }

  @Test func overlongEncodingIsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xC0, 0xAF, 0x22]
    #expect(syntaxError(bytes: bytes)?.reason == .invalidUTF8)
  }

  @Test func truncatedSequenceAtEndIsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0x61, 0xE2, 0x82]
    #expect(
      syntaxError(bytes: bytes) == JSONSyntaxError(.invalidUTF8, at: .init(line: 1, column: 3)))
  }

  /// Inputs that are not JSON: the text, the reason, line and column the parser must report,
  /// and the rendered error, or "" where only the reason is checked.
  static let invalidInputs: [(String, JSONSyntaxError.Reason, Int, Int, String)] = [
    (
      #"{"a": 1"#, .unexpectedEndOfInput(expected: "',' or '}' after object member"), 1, 8,
      "1:8: unexpected end of input, expected ',' or '}' after object member. Complete the value or close every open '{' and '['."
    ),
    (
      #"{"a" 1}"#, .unexpectedCharacter(found: "'1'", expected: "':' after object key"), 1, 6,
      "1:6: expected ':' after object key but found '1'. Write ':' between the key and its value."
    ),
    (
      #"{"a": 1 "b": 2}"#,
      .unexpectedCharacter(found: "'\"'", expected: "',' or '}' after object member"), 1, 9,
      "1:9: expected ',' or '}' after object member but found '\"'. Separate object members with ',' or close the object with '}'."
    ),
    (
      "[1 2]", .unexpectedCharacter(found: "'2'", expected: "',' or ']' after array element"), 1,
      4,
      "1:4: expected ',' or ']' after array element but found '2'. Separate array elements with ',' or close the array with ']'."
    ),
    (
      "{a: 1}", .unexpectedCharacter(found: "'a'", expected: "a quoted key or '}'"), 1, 2,
      "1:2: expected a quoted key or '}' but found 'a'. Quote the key with '\"', as in \"name\": value."
    ),
    (
      "{,}", .unexpectedCharacter(found: "','", expected: "a quoted key or '}'"), 1, 2,
      "1:2: expected a quoted key or '}' but found ','. Quote the key with '\"', as in \"name\": value."
    ),
    (
      "[,1]", .unexpectedCharacter(found: "','", expected: "a value or ']'"), 1, 2,
      "1:2: expected a value or ']' but found ','. Write an object, an array, a string in double quotes, a number, true, false or null."
    ),
    (
      "['a']", .unexpectedCharacter(found: "'''", expected: "a value"), 1, 2,
      "1:2: expected a value but found '''. Write an object, an array, a string in double quotes, a number, true, false or null."
    ),
    (
      "[1, \u{7}]", .unexpectedCharacter(found: "U+0007", expected: "a value"), 1, 5,
      "1:5: expected a value but found U+0007. Write an object, an array, a string in double quotes, a number, true, false or null."
    ),
    (
      "{\"a\": }", .unexpectedCharacter(found: "'}'", expected: "a value"), 1, 7,
      "1:7: expected a value but found '}'. Write an object, an array, a string in double quotes, a number, true, false or null."
    ),
    (
      "{\"a\":", .unexpectedEndOfInput(expected: "a value"), 1, 6,
      "1:6: unexpected end of input, expected a value. Complete the value or close every open '{' and '['."
    ),
    (
      "\"abc", .unterminatedString, 1, 1,
      "1:1: unterminated string. Close the string with '\"' on the same line."
    ),
    (
      "[\"abc\n\"]", .unterminatedString, 1, 2,
      "1:2: unterminated string. Close the string with '\"' on the same line."
    ),
    (
      "[1] /* open", .unterminatedComment, 1, 5,
      "1:5: unterminated comment. Close the comment with '*/'."
    ),
    (
      "[1 / 2]",
      .unexpectedCharacter(found: "'/'", expected: "'//' or '/*' to start a comment"), 1, 4,
      "1:4: expected '//' or '/*' to start a comment but found '/'. Check the JSON syntax at this position."
    ),
    (
      #""a\xb""#, .invalidEscape(found: "x"), 1, 3,
      #"1:3: invalid escape '\x' in string. Use one of the escapes \" \\ \/ \b \f \n \r \t \uXXXX, or write '\\' for a backslash."#
    ),
    (
      #""\u12G4""#, .invalidUnicodeEscape(found: #"\u12G4"#), 1, 2,
      #"1:2: invalid Unicode escape '\u12G4' in string. Write \u followed by four hexadecimal digits, with surrogates in high-low pairs."#
    ),
    (
      #""\udc00""#, .invalidUnicodeEscape(found: #"\udc00"#), 1, 2,
      #"1:2: invalid Unicode escape '\udc00' in string. Write \u followed by four hexadecimal digits, with surrogates in high-low pairs."#
    ),
    (
      #""\ud83dx""#, .invalidUnicodeEscape(found: #"\ud83d"#), 1, 2,
      #"1:2: invalid Unicode escape '\ud83d' in string. Write \u followed by four hexadecimal digits, with surrogates in high-low pairs."#
    ),
    (
      "\"a\tb\"", .controlCharacterInString(code: 9), 1, 3,
      "1:3: control character U+0009 in string. Write the character as an escape such as \\n or \\t."
    ),
    (
      "01", .invalidNumber(found: "01"), 1, 1,
      "1:1: invalid number '01'. Write numbers in decimal, such as 12, 0.5 or 1e6, without leading zeros, '+' or a trailing '.'."
    ),
    ("[1.]", .invalidNumber(found: "1."), 1, 2, ""),
    ("[+1]", .invalidNumber(found: "+1"), 1, 2, ""),
    ("[.5]", .invalidNumber(found: ".5"), 1, 2, ""),
    ("[1e]", .invalidNumber(found: "1e"), 1, 2, ""),
    ("[-]", .invalidNumber(found: "-"), 1, 2, ""),
    ("[0x1F]", .invalidNumber(found: "0x1F"), 1, 2, ""),
    ("[-Infinity]", .invalidNumber(found: "-Infinity"), 1, 2, ""),
    (
      "[True]", .invalidLiteral(found: "True"), 1, 2,
      "1:2: unexpected word 'True'. Quote strings with '\"', and write true, false and null in lowercase."
    ),
    ("[nul]", .invalidLiteral(found: "nul"), 1, 2, ""),
    ("[NaN]", .invalidLiteral(found: "NaN"), 1, 2, ""),
    (
      "{} {}", .trailingContent(found: "'{'"), 1, 4,
      "1:4: unexpected '{' after the top-level value. Remove the text after the closing bracket, or wrap all values in one array or object."
    ),
  ]

  @Test(arguments: invalidInputs)
  func invalidInputIsRejected(
    text: String, reason: JSONSyntaxError.Reason, line: Int, column: Int, description: String
  ) {
    let error = syntaxError(text)
    #expect(error == JSONSyntaxError(reason, at: SourcePosition(line: line, column: column)))
    if !description.isEmpty {
      #expect(error?.description == description)
    }
  }

  /// Mutates a valid catalog at random, byte by byte, and parses each result; the parser must
  /// return a value or throw, never trap. Each seed's mutations are reproducible.
  @Test(arguments: 0..<64)
  func mutatedInputNeverTraps(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var bytes = Array(Self.sampleCatalog.utf8)
    for _ in 0..<(1 + Int(generator.next() % 8)) {
      let position = Int(generator.next() % UInt64(bytes.count + 1))
      let byte = UInt8(truncatingIfNeeded: generator.next())
      switch generator.next() % 3 {
      case 0 where position < bytes.count: bytes[position] = byte
      case 1: bytes.insert(byte, at: position)
      default: if position < bytes.count { bytes.remove(at: position) }
      }
    }
    let outcome: String
    do {
      let value = try JSONParser().parse(bytes)
      outcome =
        (try? DeploymentCatalog.decode(value, file: "fuzz.json")) == nil ? "invalid" : "valid"
    } catch {
      outcome = "syntax error"
    }
    #expect(["valid", "invalid", "syntax error"].contains(outcome), "seed \(seed)")
  }

  static let sampleCatalog = """
    // sample
    {"timeZone": "UTC", "deployments": [
      {"name": "prod", "model": "gpt-4o", "tokensPerMinute": "450k", "monthlyTokenQuota": 120000,
       "fallbacks": ["dev"], "promptPricePerMillion": 2.5, "endpoint": "https://e.example/\\u00e9"},
      {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 1000, /* c */ },
    ], "policy": {"maxRetries": 3, "overflow": {"defer": {"maxWaitSeconds": 300}}}}
    """
}
