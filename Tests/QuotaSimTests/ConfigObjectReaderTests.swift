import Testing

@testable import QuotaSim

@Suite struct ConfigObjectReaderTests {
  /// Returns a reader over the object `text` in a file named `test.json`.
  private func reader(_ text: String) throws -> ConfigObjectReader {
    let value = try JSONParser().parse(text)
    let collector = ConfigIssueCollector(file: "test.json")
    return try #require(ConfigObjectReader.root(value, collector: collector, fix: "Fix it"))
  }

  /// Returns the rendered issues recorded so far.
  private func lines(_ reader: ConfigObjectReader) -> [String] {
    reader.collector.error().issues.map(\.description)
  }

  private func tokenCount(_ json: String) throws -> (Int64?, [String]) {
    let object = try reader("{\"count\": \(json)}")
    let count = object.required("count", fix: "Add it")?
      .tokenCount(
        in: 1...Int64.max, expected: "a positive whole number of tokens", fix: "Set count")
    return (count, lines(object))
  }

  static let suffixedCounts: [(String, Int64)] = [
    (#""75M""#, 75_000_000),
    (#""1.5k""#, 1_500),
    (#""500K""#, 500_000),
    (#""2G""#, 2_000_000_000),
    (#""0.25M""#, 250_000),
    ("450000", 450_000),
    ("4.5e5", 450_000),
  ]

  @Test(arguments: suffixedCounts)
  func tokenCountAcceptsSuffixes(json: String, expected: Int64) throws {
    let (count, issues) = try tokenCount(json)
    #expect(count == expected)
    #expect(issues == [])
  }

  static let suffixFix =
    #"Write a whole number such as 75000000, or a number with the suffix k, M or G such as "75M"."#

  static let rejectedCounts: [(String, String)] = [
    (#""75m""#, suffixFix),
    (#""1.2345k""#, suffixFix),
    (#""M""#, suffixFix),
    (#""1e3k""#, suffixFix),
    (#""12""#, "Write 12 without quotes."),
    (#""-5k""#, "Set count."),
    ("1.5", "Set count."),
    ("1e400", "Set count."),
    ("0", "Set count."),
    ("true", "Set count."),
  ]

  @Test(arguments: rejectedCounts)
  func tokenCountRejectsWithFix(json: String, fix: String) throws {
    let (count, issues) = try tokenCount(json)
    #expect(count == nil)
    #expect(
      issues == [
        "test.json: count: must be a positive whole number of tokens (found \(json)). \(fix)"
      ]
    )
  }

  static let integers: [(String, Int64?)] = [
    ("3", 3),
    ("1e3", 1000),
    ("1.5", nil),
    ("1e400", nil),
    (#""12""#, nil),
    ("-1", nil),
    ("null", nil),
  ]

  @Test(arguments: integers)
  func integerIsExact(json: String, expected: Int64?) throws {
    let object = try reader("{\"n\": \(json)}")
    let value = object.required("n", fix: "Add n")?
      .integer(in: 0...Int64.max, expected: "a whole number", fix: "Set n")
    #expect(value == expected)
    #expect(object.collector.hasIssues == (expected == nil))
  }

  @Test func quotedIntegerSuggestsRemovingQuotes() throws {
    let object = try reader(#"{"n": "12"}"#)
    _ = object.optional("n")?.integer(in: 0...100, expected: "a whole number", fix: "Set n")
    #expect(
      lines(object) == [
        #"test.json: n: must be a whole number (found "12"). Write 12 without quotes."#
      ])
  }

  @Test func numberRejectsOverflowToInfinity() throws {
    let object = try reader(#"{"price": 1e400}"#)
    let value = object.optional("price")?
      .number(in: 0...Double.greatestFiniteMagnitude, expected: "a finite number", fix: "Set price")
    #expect(value == nil)
    #expect(
      lines(object) == ["test.json: price: must be a finite number (found 1e400). Set price."])
  }

  @Test func numberCanExcludeItsLowerBound() throws {
    let object = try reader(#"{"f": 0}"#)
    let value = object.optional("f")?
      .number(in: 0...1, excludingLowerBound: true, expected: "a fraction", fix: "Set f")
    #expect(value == nil)
  }

  @Test func unknownKeySuggestsNearestKnownKey() throws {
    let object = try reader(#"{"tokensPerMinute": 1, "requestPerMinute": 2}"#)
    _ = object.optional("tokensPerMinute")
    _ = object.optional("requestsPerMinute")
    object.rejectUnknownKeys()
    #expect(
      lines(object) == [
        #"test.json: requestPerMinute: unknown key (found "requestPerMinute"). Did you mean 'requestsPerMinute'?"#
      ])
  }

  @Test func unknownKeyWithoutNearMatchListsKnownKeys() throws {
    let object = try reader(#"{"colour": "red"}"#)
    object.allow("name", "model")
    object.rejectUnknownKeys()
    #expect(
      lines(object) == [
        #"test.json: colour: unknown key (found "colour"). Remove it, or use one of: name, model."#
      ])
  }

  @Test func unknownKeyIgnoresCase() throws {
    let object = try reader(#"{"TimeZone": "UTC"}"#)
    object.allow("timeZone")
    object.rejectUnknownKeys()
    #expect(
      lines(object) == [
        #"test.json: TimeZone: unknown key (found "TimeZone"). Did you mean 'timeZone'?"#
      ])
  }

  @Test func missingRequiredKeyNamesTheObject() throws {
    let object = try reader(#"{"inner": {}}"#)
    let inner = try #require(
      object.required("inner", fix: "Add inner")?.object(fix: "Use an object"))
    _ = inner.required("name", fix: "Add \"name\"")
    #expect(lines(object) == [#"test.json: inner: missing required key 'name'. Add "name"."#])
  }

  @Test func nullCountsAsAbsentForOptionalKeys() throws {
    let object = try reader(#"{"endpoint": null}"#)
    #expect(object.optional("endpoint") == nil)
    #expect(object.contains("endpoint") == false)
  }

  @Test func choiceSuggestsNearMiss() throws {
    let object = try reader(#"{"rule": "fallback"}"#)
    let value = object.optional("rule")?.choice(among: ["fail", "fallBack"])
    #expect(value == nil)
    #expect(
      lines(object) == [
        #"test.json: rule: must be 'fail' or 'fallBack' (found "fallback"). Did you mean 'fallBack'?"#
      ])
  }

  @Test func choiceListsThreeOrMoreNames() throws {
    let object = try reader(#"{"rule": "zzz"}"#)
    _ = object.optional("rule")?.choice(among: ["a", "b", "c"])
    #expect(
      lines(object) == [
        #"test.json: rule: must be one of 'a', 'b', 'c' (found "zzz"). Use one of 'a', 'b', 'c'."#
      ]
    )
  }

  @Test func arrayElementsCarryTheirIndexInThePath() throws {
    let object = try reader(#"{"list": ["a", 2]}"#)
    let elements = object.optional("list")?.array(fix: "Use an array") ?? []
    let names = elements.compactMap { $0.string(fix: "Quote it") }
    #expect(names == ["a"])
    #expect(lines(object) == ["test.json: list[1]: must be a string (found 2). Quote it."])
  }

  @Test func issuesAreOrderedByPosition() throws {
    let object = try reader("{\"b\": true,\n \"a\": true}")
    _ = object.optional("a")?.string(fix: "Quote a")
    _ = object.optional("b")?.string(fix: "Quote b")
    #expect(
      lines(object) == [
        "test.json: b: must be a string (found true). Quote b.",
        "test.json: a: must be a string (found true). Quote a.",
      ])
  }

  @Test func pathQuotesKeysThatAreNotIdentifiers() {
    let path = ConfigPath.root.appending(key: "a").appending(key: "odd key").appending(index: 0)
      .appending(key: "b")
    #expect(path.description == #"a["odd key"][0].b"#)
  }

  @Test func summaryCutsLongValues() throws {
    let value = try JSONParser().parse(
      "[" + Array(repeating: "1234567890", count: 20).joined(separator: ", ") + "]")
    #expect(value.summary.count == JSONValue.summaryLimit)
    #expect(value.summary.hasSuffix("…"))
  }

  @Test func summaryEscapesStrings() throws {
    let value = try JSONParser().parse(#"{"a\nb": "tab\there"}"#)
    #expect(value.summary == #"{"a\nb": "tab\there"}"#)
  }

  @Test func nameSuggestionNeedsCloseMatch() {
    #expect(NameSuggestion.closest(to: "valdate", among: ["validate", "help"]) == "validate")
    #expect(NameSuggestion.closest(to: "xyz", among: ["validate", "help"]) == nil)
    #expect(NameSuggestion.closest(to: "val", among: ["validate", "help"]) == "validate")
    #expect(NameSuggestion.closest(to: "hlep", among: ["validate", "help"]) == "help")
  }
}
