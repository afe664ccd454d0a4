/// Compares two reports, given as JSON documents, figure by figure.
///
/// Every leaf of the documents is a figure, named by its path, such as
/// `deployments.prod.periods[2026-01].rateLimited`. The rules:
///
/// - Whole numbers, strings (instants among them), Booleans and `null` must be equal.
/// - Other numbers must agree to a relative difference of 10⁻⁹, which absorbs the last-digit
///   differences of floating-point sums between machines and nothing a change to the limiter
///   could cause.
/// - An object with numeric `lower` and `upper` members is a confidence interval from
///   replications. It is unchanged while the old and new intervals overlap, and its other
///   members (the mean, say) are not compared on their own.
/// - A figure present on one side only is a change.
///
/// Arrays of objects that each have a distinct string `name` are matched by name, written
/// `.name` in paths; arrays of objects with a distinct `period` are matched by period,
/// written `[2026-01]`; other arrays by position.
public enum FigureComparison {
  /// One figure that changed.
  public struct Change: Sendable, Equatable {
    /// The figure's path, such as `deployments.prod.periods[2026-01].rateLimited`.
    public var figure: String
    /// The baseline's value as compact JSON, or `absent`.
    public var old: String
    /// The new value as compact JSON, or `absent`.
    public var new: String
  }

  /// The result of comparing two documents.
  public struct Outcome: Sendable, Equatable {
    /// The figures compared, intervals counting as one.
    public var figuresCompared = 0
    /// The figures that changed, in document order.
    public var changes: [Change] = []
  }

  /// The text that stands for a figure missing on one side.
  public static let absent = "absent"

  /// Relative difference below which two fractional numbers are equal.
  public static let relativeTolerance = 1e-9

  /// Compares `new` with `old` and returns every figure that changed.
  ///
  /// - Parameter path: The path of the documents' root, empty for a whole report.
  public static func compare(old: JSONValue, new: JSONValue, path: String = "") -> Outcome {
    var outcome = Outcome()
    compare(old, new, path: path, into: &outcome)
    return outcome
  }

  private static func compare(
    _ old: JSONValue, _ new: JSONValue, path: String, into outcome: inout Outcome
  ) {
    if let oldInterval = interval(old), let newInterval = interval(new) {
      outcome.figuresCompared += 1
      if newInterval.upper < oldInterval.lower || newInterval.lower > oldInterval.upper {
        outcome.changes.append(
          Change(figure: path, old: render(oldInterval), new: render(newInterval)))
      }
      return
    }
    switch (old.kind, new.kind) {
    case (.object(let oldObject), .object(let newObject)):
      compareObjects(oldObject, newObject, path: path, into: &outcome)
    case (.array(let oldElements), .array(let newElements)):
      compareArrays(oldElements, newElements, path: path, into: &outcome)
    default:
      outcome.figuresCompared += 1
      if !leavesEqual(old, new) {
        outcome.changes.append(Change(figure: path, old: old.compactText, new: new.compactText))
      }
    }
  }

  private static func compareObjects(
    _ old: JSONObject, _ new: JSONObject, path: String, into outcome: inout Outcome
  ) {
    var keys = old.keys
    for key in new.keys where !keys.contains(key) { keys.append(key) }
    for key in keys {
      let childPath = path.isEmpty ? key : path + "." + key
      compareMembers(old[key], new[key], path: childPath, into: &outcome)
    }
  }

  private static func compareArrays(
    _ old: [JSONValue], _ new: [JSONValue], path: String, into outcome: inout Outcome
  ) {
    for (key, style) in [("name", KeyStyle.member), ("period", .bracket)] {
      guard let oldKeys = identities(old, key: key), let newKeys = identities(new, key: key)
      else { continue }
      var order = oldKeys
      for identity in newKeys where !order.contains(identity) { order.append(identity) }
      for identity in order {
        let childPath =
          style == .member
          ? (path.isEmpty ? identity : path + "." + identity) : path + "[\(identity)]"
        compareMembers(
          oldKeys.firstIndex(of: identity).map { old[$0] },
          newKeys.firstIndex(of: identity).map { new[$0] }, path: childPath, into: &outcome)
      }
      return
    }
    for index in 0..<max(old.count, new.count) {
      compareMembers(
        old.indices.contains(index) ? old[index] : nil,
        new.indices.contains(index) ? new[index] : nil, path: path + "[\(index)]",
        into: &outcome)
    }
  }

  private static func compareMembers(
    _ old: JSONValue?, _ new: JSONValue?, path: String, into outcome: inout Outcome
  ) {
    switch (old, new) {
    case (let old?, let new?):
      compare(old, new, path: path, into: &outcome)
    case (let old?, nil):
      outcome.figuresCompared += 1
      outcome.changes.append(Change(figure: path, old: old.compactText, new: absent))
    case (nil, let new?):
      outcome.figuresCompared += 1
      outcome.changes.append(Change(figure: path, old: absent, new: new.compactText))
    case (nil, nil):
      break
    }
  }

  private enum KeyStyle { case member, bracket }

  /// Returns each element's string member `key` when every element is an object with one
  /// and no two share it, else `nil`.
  private static func identities(_ elements: [JSONValue], key: String) -> [String]? {
    var identities: [String] = []
    for element in elements {
      guard let identity = element.objectValue?[key]?.stringValue,
        !identities.contains(identity)
      else { return nil }
      identities.append(identity)
    }
    return identities
  }

  private static func leavesEqual(_ old: JSONValue, _ new: JSONValue) -> Bool {
    guard case .number(let oldNumber) = old.kind, case .number(let newNumber) = new.kind else {
      return old.kind == new.kind
    }
    if let oldInteger = oldNumber.int64Value, let newInteger = newNumber.int64Value {
      return oldInteger == newInteger
    }
    guard let a = oldNumber.doubleValue, let b = newNumber.doubleValue else {
      return oldNumber.text == newNumber.text
    }
    return a == b || (a - b).magnitude <= relativeTolerance * max(a.magnitude, b.magnitude)
  }

  /// Returns the bounds of an interval object, or `nil` for any other value.
  private static func interval(_ value: JSONValue) -> (lower: Double, upper: Double)? {
    // TODO: intervals are recognised by their `lower` and `upper` members. Replication
    // results are not encoded yet, and if they name the bounds otherwise, their baselines
    // will be compared member by member, exactly, until this check uses their names.
    guard let object = value.objectValue,
      let lower = object["lower"]?.numberValue?.doubleValue,
      let upper = object["upper"]?.numberValue?.doubleValue
    else { return nil }
    return (lower, upper)
  }

  private static func render(_ interval: (lower: Double, upper: Double)) -> String {
    "[\(FigureValue.decimal(interval.lower)), \(FigureValue.decimal(interval.upper))]"
  }
}
