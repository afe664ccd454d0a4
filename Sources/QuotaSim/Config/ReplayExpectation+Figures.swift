extension ReplayExpectation {
  /// Reads `{"completed": 256, "failed": 0}`.
  static func decodeOutcomes(_ value: ConfigValueReader) -> [ReplayExpectation] {
    guard
      let object = value.object(
        expected: "an object of request counts by ending",
        fix: "Write it such as {\"completed\": 256, \"failed\": 0}")
    else { return [] }
    var expectations: [ReplayExpectation] = []
    for ending in RequestEnding.allCases {
      guard let entry = object.optional(ending.rawValue), let expected = count(entry) else {
        continue
      }
      expectations.append(expectation(entry, .outcomes(ending), .integer(expected)))
    }
    object.rejectUnknownKeys()
    return expectations.sorted { $0.position(in: object) < $1.position(in: object) }
  }

  /// Reads `{"48": {"outcome": "completed", "retries": 1}}`, keyed by request id.
  static func decodeRequests(_ value: ConfigValueReader, context: ExpectationContext)
    -> [ReplayExpectation]
  {
    guard
      let object = value.object(
        expected: "an object keyed by request id",
        fix: "Write it such as {\"1\": {\"outcome\": \"completed\"}}")
    else { return [] }
    var expectations: [ReplayExpectation] = []
    for member in object.object.members {
      let entry = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      guard let id = requestID(member, in: object, context: context),
        let fields = entry.object(
          expected: "an object of request figures",
          fix: "Write it such as {\"outcome\": \"failed\", \"error\": \"HTTP 408 from A\"}")
      else { continue }
      for member in fields.object.members {
        let field = ConfigValueReader(
          value: member.value, path: fields.path.appending(key: member.key),
          collector: value.collector)
        guard let figure = RequestFigure(rawValue: member.key) else { continue }
        if let expected = requestValue(figure, field, context: context) {
          expectations.append(expectation(field, .request(id: id, figure), expected))
        }
      }
      rejectUnknownMembers(of: fields, known: RequestFigure.allCases.map(\.rawValue))
    }
    return expectations
  }

  private static func requestID(
    _ member: JSONMember, in object: ConfigObjectReader, context: ExpectationContext
  ) -> UInt64? {
    let id = UInt64(member.key)
    let known = id.map { context.requestIDs?.contains($0) ?? true } ?? false
    guard let id, known, member.key == String(id) else {
      object.collector.record(
        ConfigIssue(
          file: object.collector.file, path: object.path.appending(key: member.key),
          position: member.keyPosition, value: JSONValue.quoted(member.key),
          message: "names no request of the script",
          fix: "Use the id of a request, written as a string such as \"1\""))
      return nil
    }
    return id
  }

  private static func requestValue(
    _ figure: RequestFigure, _ value: ConfigValueReader, context: ExpectationContext
  ) -> FigureValue? {
    switch figure {
    case .outcome:
      return value.choice(among: RequestEnding.allCases.map(\.rawValue)).map { .text($0) }
    case .error:
      return textOrNull(value)
    case .retries, .fallbacks:
      return count(value).map { .integer($0) }
    case .tokens:
      return tokens(value).map { .integer($0) }
    case .waitedSeconds:
      return value.number(
        in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative number of seconds",
        fix: "Write the total wait in seconds, such as 18"
      ).map { .number($0) }
    case .attempts:
      return instants(value, context: context).map { .instants($0) }
    }
  }

  /// Reads one deployment's `{"period": "2025-02", "exhausted": true, …}`.
  static func decodeState(
    _ value: ConfigValueReader, deployment: String, context: ExpectationContext
  ) -> [ReplayExpectation] {
    guard
      let object = value.object(
        expected: "an object of state fields",
        fix: "Write it such as {\"period\": \"2025-02\", \"usedTokens\": 1000}")
    else { return [] }
    var expectations: [ReplayExpectation] = []
    for member in object.object.members {
      let field = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      if member.key == "history" {
        expectations += decodeHistory(field, deployment: deployment)
      } else if let figure = stateFigures.first(where: { $0.key == member.key })?.figure,
        let expected = stateValue(figure, field, context: context)
      {
        expectations.append(expectation(field, .state(deployment: deployment, figure), expected))
      }
    }
    rejectUnknownMembers(of: object, known: stateFigures.map(\.key) + ["history"])
    return expectations
  }

  /// The state fields a script can pin, in the order the format documents them.
  private static let stateFigures: [(key: String, figure: StateFigure)] = [
    ("period", .period), ("usedTokens", .usedTokens), ("reservedTokens", .reservedTokens),
    ("exhausted", .exhausted), ("exhaustedUntil", .exhaustedUntil),
    ("blockedUntil", .blockedUntil), ("accessDenied", .accessDenied),
    ("exhaustionEvents", .exhaustionEvents), ("alerts", .alerts), ("throttled", .throttled),
  ]

  private static func stateValue(
    _ figure: StateFigure, _ value: ConfigValueReader, context: ExpectationContext
  ) -> FigureValue? {
    switch figure {
    case .period:
      return value.nonEmptyString(
        expected: "a period key", fix: "Write the key such as \"2025-02\""
      ).map { .text($0) }
    case .usedTokens, .reservedTokens:
      return tokens(value).map { .integer($0) }
    case .exhaustionEvents:
      return count(value).map { .integer($0) }
    case .exhausted, .accessDenied, .throttled:
      return value.bool(fix: "Write true or false without quotes").map { .bool($0) }
    case .exhaustedUntil, .blockedUntil:
      return instantOrNull(value, context: context)
    case .alerts:
      let numbers = value.array(
        expected: "an array of thresholds in percent", fix: "Write it such as [80, 90]"
      )?.map {
        $0.number(
          in: 0...100, excludingLowerBound: true, expected: "a percentage above 0, at most 100",
          fix: "Write the threshold in percent, such as 80")
      }
      guard let numbers, !numbers.contains(nil) else { return nil }
      return .numbers(numbers.compactMap { $0 })
    case .history:
      return nil
    }
  }

  private static func decodeHistory(_ value: ConfigValueReader, deployment: String)
    -> [ReplayExpectation]
  {
    guard
      let object = value.object(
        expected: "an object of closed periods' tokens",
        fix: "Write it such as {\"2025-01\": 900000}")
    else { return [] }
    return object.object.members.compactMap { member in
      let entry = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      return tokens(entry).map {
        expectation(
          entry, .state(deployment: deployment, .history(period: member.key)), .integer($0))
      }
    }
  }

  /// Reads `{"Saved quota differs from the catalog; the catalog's quota applies.": 1}`.
  static func decodeLogged(_ value: ConfigValueReader) -> [ReplayExpectation] {
    guard
      let object = value.object(
        expected: "an object of log message counts",
        fix: "Write it such as {\"Quota alert.\": 2}")
    else { return [] }
    return object.object.members.compactMap { member in
      let entry = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: value.collector)
      return count(entry).map { expectation(entry, .logged(message: member.key), .integer($0)) }
    }
  }

  private static func rejectUnknownMembers(of object: ConfigObjectReader, known: [String]) {
    for key in known { object.allow(key) }
    object.rejectUnknownKeys()
  }

  /// Returns the position in the file of this expectation's value, for ordering.
  fileprivate func position(in object: ConfigObjectReader) -> SourcePosition {
    let key = path.split(separator: ".").last.map(String.init) ?? ""
    return object.object.member(named: key)?.keyPosition ?? object.position
  }
}
