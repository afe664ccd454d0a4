extension ReplayScript {
  /// Decodes the `requests` array, expanding entries with `count`, and records every
  /// problem in the reader's collector.
  ///
  /// - Parameter catalog: The decoded catalog, or `nil` when it had problems; the entries
  ///   are still checked, but deployment names only against the names written.
  /// - Returns: The requests in the order written, or `nil` when any problem was recorded.
  static func decodeRequests(
    from root: ConfigObjectReader, start: Instant, catalog: DeploymentCatalog?
  ) -> [ScriptedRequest]? {
    let problemsBefore = root.collector.issues.count
    let elements = root.required(
      "requests", fix: "Add a \"requests\" array, such as [{\"at\": 0, \"deployment\": \"A\"}]")?
      .array(
        expected: "an array of request objects",
        fix: "Write the requests in an array, such as [{\"at\": 0, \"deployment\": \"A\"}]")
    guard let elements else { return nil }
    if elements.isEmpty {
      root.optional("requests")?.reportExpected(
        "at least one request", fix: "Add a request, such as {\"at\": 0, \"deployment\": \"A\"}")
    }

    var requests: [ScriptedRequest] = []
    var seenIDs: Set<UInt64> = []
    var nextID: UInt64 = 1
    for element in elements {
      guard
        let object = element.object(
          expected: "a request object", fix: "Write it such as {\"at\": 0, \"deployment\": \"A\"}")
      else { continue }
      let expanded = decodeRequest(object, start: start, catalog: catalog, nextID: nextID)
      for request in expanded {
        if !seenIDs.insert(request.id).inserted {
          (object.optional("id") ?? element).report(
            "request id \(request.id) is used twice",
            fix: "Give every request its own id; an entry with \"count\" uses id, id + 1, …")
          break
        }
      }
      requests += expanded
      nextID = (expanded.last?.id ?? nextID - 1) &+ 1
    }
    return root.collector.issues.count == problemsBefore ? requests : nil
  }

  /// Decodes one entry of `requests` into the requests it stands for.
  private static func decodeRequest(
    _ object: ConfigObjectReader, start: Instant, catalog: DeploymentCatalog?, nextID: UInt64
  ) -> [ScriptedRequest] {
    let id =
      object.optional("id")?
      .integer(
        in: 1...Int64.max, expected: "a positive whole number",
        fix: "Number requests from 1, or leave id out to count on from the previous request"
      )
      .map(UInt64.init) ?? nextID
    let at = object.optional("at").flatMap { readInstant($0, start: start, key: "at") } ?? start
    let deployment = decodeDeploymentName(object, catalog: catalog)
    let promptTokens = readTokens(object, key: "promptTokens")
    let maxTokens = readTokens(object, key: "maxTokens")
    let estimate = readTokens(object, key: "estimate")
    let count =
      object.optional("count")?
      .integer(
        in: 1...maximumRequestCount, expected: "a whole number of requests from 1 to 1000000",
        fix: "Set count to the number of requests this entry stands for") ?? 1
    let every = object.optional("everySeconds")?
      .number(
        in: 0...Double(maximumSpanSeconds), expected: "a non-negative number of seconds",
        fix: "Set everySeconds to the time between the entry's requests, such as 3600")
    if count == 1, every != nil {
      object.optional("everySeconds")?.report(
        "applies only with \"count\"", fix: "Add \"count\", or remove everySeconds")
    }
    object.rejectUnknownKeys()

    guard let deployment else { return [] }
    let stepMicroseconds = Int64(clampingMicroseconds: ((every ?? 0) * 1e6).rounded())
    let last = at.advanced(byMicroseconds: stepMicroseconds.multipliedClamped(by: count - 1))
    if last > start.advanced(by: .seconds(maximumSpanSeconds)) {
      object.optional("count")?.report(
        "puts the last request more than 100 years after start",
        fix: "Lower count or everySeconds")
      return []
    }
    return (0..<count).map { offset in
      ScriptedRequest(
        id: id &+ UInt64(offset),
        at: at.advanced(byMicroseconds: stepMicroseconds.multipliedClamped(by: offset)),
        deployment: deployment, promptTokens: promptTokens ?? 0, maxTokens: maxTokens,
        estimate: estimate)
    }
  }

  private static func decodeDeploymentName(
    _ object: ConfigObjectReader, catalog: DeploymentCatalog?
  ) -> DeploymentID? {
    let value = object.required(
      "deployment", fix: "Add \"deployment\" with the name of the deployment the request goes to")
    guard let value,
      let name = value.nonEmptyString(
        expected: "a deployment name", fix: "Write the name of a deployment in double quotes")
    else { return nil }
    guard let catalog else { return nil }
    guard let id = catalog.id(named: name) else {
      let names = catalog.deployments.map(\.name)
      let fix =
        NameSuggestion.closest(to: name, among: names).map { "Did you mean '\($0)'?" }
        ?? "Use one of: \(names.joined(separator: ", "))"
      value.report("names no deployment of the script", fix: fix)
      return nil
    }
    return id
  }

  private static func readTokens(_ object: ConfigObjectReader, key: String) -> Int64? {
    object.optional(key)?
      .tokenCount(
        in: 0...Int64.max, expected: "a non-negative whole number of tokens",
        fix: "Set \(key) to 0 or more tokens")
  }
}
