/// The names and ids the expectation decoder checks an `expect` object against.
struct ExpectationContext {
  /// The script's start, from which instants written as numbers count.
  var start: Instant
  /// The deployments' names, or `nil` when the catalog had problems.
  var deploymentNames: [String]?
  /// The requests' ids, or `nil` when the requests had problems.
  var requestIDs: [UInt64]?
  /// Whether the script has an initial state, which restart and state-file figures need.
  var hasState: Bool
}

extension ReplayExpectation {
  /// The keys of the `expect` object.
  static let keys = [
    "calls", "attempts", "responses", "usage", "outcomes", "requests", "state",
    "usageAfterRestart", "stateError", "logged",
  ]

  /// Decodes the `expect` object in file order, recording every problem in the reader's
  /// collector. The format is described in `docs/replay-format.md`.
  static func decodeAll(from reader: ConfigObjectReader, context: ExpectationContext)
    -> [ReplayExpectation]
  {
    var expectations: [ReplayExpectation] = []
    for member in reader.object.members where keys.contains(member.key) {
      let value = ConfigValueReader(
        value: member.value, path: reader.path.appending(key: member.key),
        collector: reader.collector)
      if ["usageAfterRestart", "stateError"].contains(member.key), !context.hasState {
        value.report(
          "needs an initial state", fix: "Add \"initialState\", or remove \(member.key)")
        continue
      }
      expectations += decode(member.key, value, context: context)
    }
    for key in keys { reader.allow(key) }
    reader.rejectUnknownKeys()
    return expectations
  }

  private static func decode(
    _ key: String, _ value: ConfigValueReader, context: ExpectationContext
  ) -> [ReplayExpectation] {
    switch key {
    case "calls":
      return perDeployment(value, context) { name, entry in
        count(entry).map { [expectation(entry, .calls(deployment: name), .integer($0))] } ?? []
      }
    case "attempts":
      return perDeployment(value, context) { name, entry in
        instants(entry, context: context).map {
          [expectation(entry, .callInstants(deployment: name), .instants($0))]
        } ?? []
      }
    case "responses":
      return perDeployment(value, context, read: responseCounts)
    case "usage":
      return perDeployment(value, context) { name, entry in
        tokens(entry).map { [expectation(entry, .usedTokens(deployment: name), .integer($0))] }
          ?? []
      }
    case "usageAfterRestart":
      return perDeployment(value, context) { name, entry in
        tokens(entry).map {
          [expectation(entry, .usageAfterRestart(deployment: name), .integer($0))]
        } ?? []
      }
    case "outcomes":
      return decodeOutcomes(value)
    case "requests":
      return decodeRequests(value, context: context)
    case "state":
      return perDeployment(value, context) { name, entry in
        decodeState(entry, deployment: name, context: context)
      }
    case "stateError":
      return textOrNull(value).map { [expectation(value, .stateError, $0)] } ?? []
    default:
      return decodeLogged(value)
    }
  }

  // MARK: - Maps keyed by deployment

  /// Returns the expectations of an object keyed by deployment name, reporting names the
  /// script does not define; `read` turns each member into expectations.
  private static func perDeployment(
    _ value: ConfigValueReader, _ context: ExpectationContext,
    read: (String, ConfigValueReader) -> [ReplayExpectation]
  ) -> [ReplayExpectation] {
    guard
      let object = value.object(
        expected: "an object keyed by deployment name", fix: "Write it such as {\"A\": 2}")
    else { return [] }
    var expectations: [ReplayExpectation] = []
    for member in object.object.members {
      let entry = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      guard checkDeployment(member, in: object, context: context) else { continue }
      expectations += read(member.key, entry)
    }
    return expectations
  }

  private static func checkDeployment(
    _ member: JSONMember, in object: ConfigObjectReader, context: ExpectationContext
  ) -> Bool {
    guard let names = context.deploymentNames, !names.contains(member.key) else { return true }
    let fix =
      NameSuggestion.closest(to: member.key, among: names).map { "Did you mean '\($0)'?" }
      ?? "Use one of: \(names.joined(separator: ", "))"
    object.collector.record(
      ConfigIssue(
        file: object.collector.file, path: object.path.appending(key: member.key),
        position: member.keyPosition, value: JSONValue.quoted(member.key),
        message: "names no deployment of the script", fix: fix))
    return false
  }

  /// Reads one deployment's `{"429": 1, "200": 1}`: response counts by HTTP status or outcome name.
  private static func responseCounts(_ name: String, _ value: ConfigValueReader)
    -> [ReplayExpectation]
  {
    guard
      let object = value.object(
        expected: "an object of answer counts", fix: "Write it such as {\"429\": 1, \"200\": 1}")
    else { return [] }
    var expectations: [ReplayExpectation] = []
    for member in object.object.members {
      let entry = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      if let expected = count(entry) {
        let figure = ReplayFigure.responses(deployment: name, response: member.key)
        expectations.append(expectation(entry, figure, .integer(expected)))
      }
    }
    return expectations
  }

  // MARK: - Values

  static func expectation(
    _ value: ConfigValueReader, _ figure: ReplayFigure, _ expected: FigureValue
  )
    -> ReplayExpectation
  {
    ReplayExpectation(path: value.path.description, figure: figure, expected: expected)
  }

  static func count(_ value: ConfigValueReader) -> Int64? {
    value.integer(
      in: 0...Int64.max, expected: "a whole number, 0 or more", fix: "Write a count such as 2")
  }

  static func tokens(_ value: ConfigValueReader) -> Int64? {
    value.tokenCount(
      in: 0...Int64.max, expected: "a whole number of tokens, 0 or more",
      fix: "Write a token count such as 900")
  }

  static func instants(_ value: ConfigValueReader, context: ExpectationContext) -> [Instant]? {
    guard
      let elements = value.array(
        expected: "an array of instants",
        fix: "Write seconds after start, such as [0, 1.5], or ISO 8601 instants")
    else { return nil }
    let instants = elements.map { ReplayScript.readInstant($0, start: context.start, key: "it") }
    return instants.contains(nil) ? nil : instants.compactMap { $0 }
  }

  static func textOrNull(_ value: ConfigValueReader) -> FigureValue? {
    if value.value.isNull { return FigureValue.none }
    return value.string(
      expected: "a string or null", fix: "Write the exact text in double quotes, or null"
    ).map { .text($0) }
  }

  static func instantOrNull(_ value: ConfigValueReader, context: ExpectationContext)
    -> FigureValue?
  {
    if value.value.isNull { return FigureValue.none }
    return ReplayScript.readInstant(value, start: context.start, key: "it").map { .instant($0) }
  }
}
