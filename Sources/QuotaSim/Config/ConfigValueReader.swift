/// A JSON value at a known path, with typed accessors that record a ``ConfigIssue`` and
/// return `nil` when the value does not fit.
///
/// Every accessor takes `expected`, a noun phrase completing "must be …" (for example
/// "a positive whole number of tokens per minute"), and `fix`, a sentence telling what to write
/// instead. The recorded line then reads
/// `<file>: <path>: must be <expected> (found <value>). <fix>.`
public struct ConfigValueReader {
  /// The value being read.
  public let value: JSONValue
  /// The value's path in the file.
  public let path: ConfigPath
  /// The collector that receives problems.
  public let collector: ConfigIssueCollector

  public init(value: JSONValue, path: ConfigPath, collector: ConfigIssueCollector) {
    self.value = value
    self.path = path
    self.collector = collector
  }

  /// Records a problem with this value.
  public func report(_ message: String, fix: String) {
    collector.report(at: path, value: value, message: message, fix: fix)
  }

  /// Records that this value is not `expected`.
  public func reportExpected(_ expected: String, fix: String) {
    report("must be \(expected)", fix: fix)
  }

  /// Reads a string.
  public func string(expected: String = "a string", fix: String) -> String? {
    guard let string = value.stringValue else {
      reportExpected(expected, fix: fix)
      return nil
    }
    return string
  }

  /// Reads a string that is not empty.
  public func nonEmptyString(expected: String = "a non-empty string", fix: String) -> String? {
    guard let string = value.stringValue, !string.isEmpty else {
      reportExpected(expected, fix: fix)
      return nil
    }
    return string
  }

  /// Reads a Boolean.
  public func bool(expected: String = "true or false", fix: String) -> Bool? {
    guard let bool = value.boolValue else {
      reportExpected(expected, fix: fix)
      return nil
    }
    return bool
  }

  /// Reads a whole number in `range`, exactly: `1.5`, `1e400` and the string `"12"` are
  /// rejected, while `1e3` reads as 1,000.
  public func integer(in range: ClosedRange<Int64>, expected: String, fix: String) -> Int64? {
    guard let integer = value.numberValue?.int64Value, range.contains(integer) else {
      let fits = { (number: JSONNumber) in number.int64Value.map(range.contains) ?? false }
      reportExpected(expected, fix: unquotedFix(or: fix, whenFitting: fits))
      return nil
    }
    return integer
  }

  /// Reads a token count in `range`, written as a whole number or as a string with a suffix.
  ///
  /// The suffixes are `k` or `K` (thousand), `M` (million) and `G` (billion), after a decimal
  /// number whose product is whole: `"75M"` is 75,000,000 and `"1.5k"` is 1,500.
  public func tokenCount(in range: ClosedRange<Int64>, expected: String, fix: String) -> Int64? {
    guard case .string(let text) = value.kind else {
      return integer(in: range, expected: expected, fix: fix)
    }
    if let count = Self.tokenCount(suffixed: text) {
      guard range.contains(count) else {
        reportExpected(expected, fix: fix)
        return nil
      }
      return count
    }
    let suffixFix =
      "Write a whole number such as 75000000, or a number with the suffix k, M or G such as "
      + "\"75M\""
    let fits = { (number: JSONNumber) in number.int64Value.map(range.contains) ?? false }
    reportExpected(expected, fix: unquotedFix(or: suffixFix, whenFitting: fits))
    return nil
  }

  /// Reads a finite number in `range`, optionally excluding the lower bound.
  public func number(
    in range: ClosedRange<Double>, excludingLowerBound: Bool = false, expected: String,
    fix: String
  ) -> Double? {
    guard let number = value.numberValue?.doubleValue, range.contains(number),
      !(excludingLowerBound && number == range.lowerBound)
    else {
      let fits = { (number: JSONNumber) in
        number.doubleValue.map {
          range.contains($0) && !(excludingLowerBound && $0 == range.lowerBound)
        }
          ?? false
      }
      reportExpected(expected, fix: unquotedFix(or: fix, whenFitting: fits))
      return nil
    }
    return number
  }

  /// Reads one of `names`, compared exactly; a near miss gets a "Did you mean …?" fix.
  public func choice(among names: [String]) -> String? {
    let listed = Self.alternatives(names)
    guard let string = value.stringValue else {
      reportExpected(listed, fix: "Write one of them as a string in double quotes")
      return nil
    }
    guard names.contains(string) else {
      let fix =
        NameSuggestion.closest(to: string, among: names).map { "Did you mean '\($0)'?" }
        ?? "Use \(listed)"
      reportExpected(listed, fix: fix)
      return nil
    }
    return string
  }

  /// Reads an array and returns a reader for each element.
  public func array(expected: String = "an array", fix: String) -> [ConfigValueReader]? {
    guard let elements = value.arrayValue else {
      reportExpected(expected, fix: fix)
      return nil
    }
    return elements.enumerated().map { index, element in
      ConfigValueReader(value: element, path: path.appending(index: index), collector: collector)
    }
  }

  /// Reads an object and returns a reader for its members.
  public func object(expected: String = "an object", fix: String) -> ConfigObjectReader? {
    guard let object = value.objectValue else {
      reportExpected(expected, fix: fix)
      return nil
    }
    return ConfigObjectReader(
      object: object, position: value.position, path: path, collector: collector)
  }

  /// Returns "'a' or 'b'" or "one of 'a', 'b', 'c'".
  static func alternatives(_ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }
    if quoted.count <= 2 { return quoted.joined(separator: " or ") }
    return "one of " + quoted.joined(separator: ", ")
  }

  /// Parses a token count written as a string with a suffix, or returns `nil`.
  static func tokenCount(suffixed text: String) -> Int64? {
    guard let suffix = text.last else { return nil }
    let exponent: Int
    switch suffix {
    case "k", "K": exponent = 3
    case "M": exponent = 6
    case "G": exponent = 9
    default: return nil
    }
    let mantissa = Array(text.dropLast().utf8)
    guard !mantissa.contains(UInt8(ascii: "e")), !mantissa.contains(UInt8(ascii: "E")),
      JSONScanner.matchesNumberGrammar(mantissa)
    else { return nil }
    return JSONNumber(text: String(decoding: mantissa, as: UTF8.self) + "e\(exponent)")
      .int64Value
  }

  /// Returns "Write 12 without quotes" when the value is a string holding a JSON number that
  /// `fits` accepts, else `fix`.
  private func unquotedFix(or fix: String, whenFitting fits: (JSONNumber) -> Bool) -> String {
    guard let text = value.stringValue, JSONScanner.matchesNumberGrammar(Array(text.utf8)),
      fits(JSONNumber(text: text))
    else { return fix }
    return "Write \(text) without quotes"
  }
}
