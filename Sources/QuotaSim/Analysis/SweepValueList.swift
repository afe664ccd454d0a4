/// The values of a sweep axis written as text: `0.85,0.9,0.95`, `50M,75M,100M`,
/// `0.80:0.99:0.01` or a mix such as `0.8:0.9:0.05,0.99`.
///
/// Items are separated by commas. An item is a range `START:END:STEP`, a number in JSON's
/// grammar with an optional `k`/`K` (thousand), `M` (million) or `G` (billion) suffix,
/// `true` or `false`, or else a string. A range runs from START up to END in steps of STEP,
/// computed in exact decimals, and includes END when a step lands on it.
public enum SweepValueList {
  /// The maximum number of values of one axis.
  public static let maximumValues = 10_000

  /// Parses a list of values.
  ///
  /// - Throws: ``SweepValueError`` for an empty item, a malformed or descending range, a
  ///   repeated value, or more than ``maximumValues`` values.
  public static func parse(_ text: String) throws(SweepValueError) -> [SweepValue] {
    var values: [SweepValue] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard !item.isEmpty else { throw .emptyItem(list: text) }
      values += try parseItem(item)
      guard values.count <= maximumValues else {
        throw .tooManyValues(list: text, limit: maximumValues)
      }
    }
    var seen = Set<SweepValue>()
    for value in values where !seen.insert(value).inserted {
      throw .repeatedValue(value.description)
    }
    return values
  }

  private static func parseItem(_ item: Substring) throws(SweepValueError) -> [SweepValue] {
    if item == "true" { return [.bool(true)] }
    if item == "false" { return [.bool(false)] }
    if let number = ExactDecimal(item) { return [.number(number.text)] }

    let parts = item.split(separator: ":", omittingEmptySubsequences: false)
    let numbers = parts.compactMap { ExactDecimal($0) }
    guard parts.count >= 2, numbers.count == parts.count else { return [.string(String(item))] }
    guard numbers.count == 3 else { throw .rangeNeedsStep(String(item)) }
    return try expandRange(String(item), start: numbers[0], end: numbers[1], step: numbers[2])
  }

  private static func expandRange(
    _ item: String, start: ExactDecimal, end: ExactDecimal, step: ExactDecimal
  ) throws(SweepValueError) -> [SweepValue] {
    guard step.significand > 0 else { throw .rangeStepNotPositive(item) }
    let exponent = min(start.exponent, end.exponent, step.exponent)
    guard let first = start.significand(atExponent: exponent),
      let last = end.significand(atExponent: exponent),
      let increment = step.significand(atExponent: exponent)
    else { throw .rangeTooPrecise(item) }
    guard first <= last else {
      throw .rangeGoesDown(item, start: start.text, end: end.text)
    }

    let (span, overflow) = last.subtractingReportingOverflow(first)
    guard !overflow else { throw .rangeTooPrecise(item) }
    let count = span / increment + 1
    guard count <= Int64(maximumValues) else {
      throw .tooManyValues(list: item, limit: maximumValues)
    }
    return (0..<count).map { index in
      .number(ExactDecimal(significand: first + index * increment, exponent: exponent).text)
    }
  }
}

/// A sweep value list that cannot be read. Each case carries the text concerned.
public enum SweepValueError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A list has an empty item, as in `0.8,,0.9` or `0.8,`.
  case emptyItem(list: String)
  /// A range has two parts instead of three.
  case rangeNeedsStep(String)
  /// A range's step is zero or negative.
  case rangeStepNotPositive(String)
  /// A range's start is above its end.
  case rangeGoesDown(String, start: String, end: String)
  /// A range's numbers cannot share one exact scale in 64 bits.
  case rangeTooPrecise(String)
  /// A list or range has more values than allowed.
  case tooManyValues(list: String, limit: Int)
  /// A value appears twice.
  case repeatedValue(String)

  /// The problem, without a fix.
  public var message: String {
    switch self {
    case .emptyItem(let list):
      "the list '\(list)' has an empty value"
    case .rangeNeedsStep(let item):
      "the range '\(item)' has no step"
    case .rangeStepNotPositive(let item):
      "the range '\(item)' has a step that is not positive"
    case .rangeGoesDown(let item, let start, let end):
      "the range '\(item)' goes down from \(start) to \(end)"
    case .rangeTooPrecise(let item):
      "the range '\(item)' has too many digits to step through exactly"
    case .tooManyValues(let list, let limit):
      "'\(list)' has more than \(limit) values"
    case .repeatedValue(let value):
      "the value \(value) appears twice"
    }
  }

  /// A sentence saying how to write the values instead.
  public var fix: String {
    switch self {
    case .emptyItem:
      "Separate values by single commas, such as 0.85,0.9,0.95"
    case .rangeNeedsStep, .rangeStepNotPositive:
      "Write a range as START:END:STEP with a positive step, such as 0.80:0.99:0.01"
    case .rangeGoesDown:
      "Write the smaller value first, such as 0.80:0.99:0.01"
    case .rangeTooPrecise:
      "Use fewer digits in the range's start, end and step"
    case .tooManyValues:
      "Use a larger step or fewer values"
    case .repeatedValue:
      "List each value once"
    }
  }

  /// The problem and the fix as one text.
  public var description: String { "\(message). \(fix)." }
}
