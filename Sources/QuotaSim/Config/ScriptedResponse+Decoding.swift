extension ScriptedResponse {
  /// The limit profile of every deployment in a replay script.
  static let scriptedProfile = "scripted"

  /// Decodes the `azure` object of every deployment in the `deployments` array of a replay
  /// script, recording every problem in the reader's collector.
  ///
  /// A deployment without an `azure` object has no responses, so every call to it is
  /// reported when the script runs.
  /// - Returns: Each deployment's responses in file order, or `nil` when any problem was
  ///   recorded or the array is missing.
  static func decodeAll(from root: ConfigObjectReader, start: Instant) -> [[ScriptedResponse]]? {
    let collector = root.collector
    let problemsBefore = collector.issues.count
    guard let elements = root.object["deployments"]?.arrayValue else { return nil }

    let deploymentsPath = root.path.appending(key: "deployments")
    let lists = elements.enumerated().map { index, element -> [ScriptedResponse] in
      guard let azure = element.objectValue?[EndpointConfig.deploymentKey], !azure.isNull else {
        return []
      }
      let reader = ConfigValueReader(
        value: azure,
        path: deploymentsPath.appending(index: index).appending(key: EndpointConfig.deploymentKey),
        collector: collector)
      let object = reader.object(
        expected: "an object with the deployment's scripted responses",
        fix: "Write it such as {\"profile\": \"scripted\", \"responses\": [{\"status\": 200}]}")
      return object.map { decodeList(from: $0, start: start) } ?? []
    }
    return collector.issues.count == problemsBefore ? lists : nil
  }

  private static func decodeList(from reader: ConfigObjectReader, start: Instant)
    -> [ScriptedResponse]
  {
    if let profile = reader.optional("profile"),
      let name = profile.string(fix: "Write \"scripted\" in double quotes"),
      name != scriptedProfile
    {
      profile.reportExpected(
        "'scripted', the only limit profile of a replay script",
        fix: "Write \"scripted\", or remove profile; a scenario simulates the other profiles")
    }
    let elements = reader.required(
      "responses", fix: "Add \"responses\", such as [{\"status\": 200}]")?
      .array(
        expected: "an array of response objects",
        fix: "Write the responses in an array, such as [{\"status\": 429}, {\"status\": 200}]")
    reader.rejectUnknownKeys()

    return (elements ?? []).compactMap { element in
      element.object(
        expected: "a response object",
        fix: "Write it such as {\"status\": 429, \"headers\": {\"retry-after-ms\": \"1500\"}}"
      ).flatMap { decode(from: $0, start: start) }
    }
  }

  /// Decodes one response entry, or records its problems and returns `nil`.
  static func decode(from reader: ConfigObjectReader, start: Instant) -> ScriptedResponse? {
    let problemsBefore = reader.collector.issues.count
    let answer = decodeAnswer(from: reader)
    let serviceTime = reader.optional("serviceTimeSeconds")?
      .number(
        in: 0...86_400, expected: "a number of seconds from 0 to 86400",
        fix: "Set serviceTimeSeconds to the time the response takes, such as 0.8"
      ).map { Duration.microseconds(Int64(clampingMicroseconds: ($0 * 1e6).rounded())) }
    let uses = decodeUses(from: reader)
    var from = reader.optional("from").flatMap {
      ReplayScript.readInstant($0, start: start, key: "from")
    }
    var until = reader.optional("until").flatMap {
      ReplayScript.readInstant($0, start: start, key: "until")
    }
    if let atValue = reader.optional("at") {
      if from != nil || until != nil {
        atValue.report(
          "cannot be combined with from or until",
          fix: "Use at for one instant, or from and until for a window")
      }
      from = ReplayScript.readInstant(atValue, start: start, key: "at")
      until = from?.advanced(byMicroseconds: 1)
    }
    if let from, let until, until <= from {
      reader.optional("until")?.reportExpected(
        "after from, which is \(from)", fix: "Set until later than from")
    }
    reader.rejectUnknownKeys()

    guard reader.collector.issues.count == problemsBefore, let answer else { return nil }
    return ScriptedResponse(
      answer: answer, serviceTime: serviceTime ?? .zero, uses: uses, from: from, until: until)
  }

  private static func decodeUses(from reader: ConfigObjectReader) -> Uses {
    let times = reader.optional("times")?
      .integer(
        in: 1...Int64(Int32.max), expected: "a positive whole number of calls",
        fix: "Set times to the number of calls this response answers")
    let repeats = reader.optional("repeat")?
      .bool(fix: "Write true to answer every call, or remove repeat")
    if times != nil, repeats == true {
      reader.optional("repeat")?.report(
        "cannot be combined with times", fix: "Keep either times or \"repeat\": true")
    }
    if repeats == true { return .always }
    return .times(Int(times ?? 1))
  }

  private static func decodeAnswer(from reader: ConfigObjectReader) -> Answer? {
    let kind = reader.exactlyOne(
      of: ["status", "connectionFailure", "timeout"],
      missingFix: "Add \"status\" with the HTTP status, or \"connectionFailure\" with an error "
        + "text, or \"timeout\": true")
    let headers = decodeHeaders(from: reader)
    let body = decodeBody(from: reader)
    reader.allow("headers", "body", "usage")
    guard let (key, value) = kind else { return nil }

    if key != "status" {
      for name in ["headers", "body", "usage"] {
        reader.optional(name)?.report(
          "applies only to a response with a status", fix: "Remove \(name), or write a status")
      }
    }
    switch key {
    case "status":
      let status = value.integer(
        in: 100...599, expected: "an HTTP status from 100 to 599",
        fix: "Write the status as a number, such as 429")
      return status.map {
        .response(status: Int($0), headers: headers ?? [:], body: body)
      }
    case "connectionFailure":
      return value.nonEmptyString(
        expected: "the error text", fix: "Write the error, such as \"connection refused\""
      ).map { .connectionFailure($0) }
    default:
      guard value.value.boolValue == true else {
        value.reportExpected("true", fix: "Write \"timeout\": true, or remove it")
        return nil
      }
      return .timeout
    }
  }

  private static func decodeHeaders(from reader: ConfigObjectReader) -> HTTPHeaders? {
    guard
      let object = reader.optional("headers")?
        .object(fix: "Write the headers as an object, such as {\"retry-after-ms\": \"1500\"}")
    else { return nil }
    var pairs: [(String, String)] = []
    for member in object.object.members {
      let value = ConfigValueReader(
        value: member.value, path: object.path.appending(key: member.key),
        collector: reader.collector)
      let text = value.string(
        expected: "the header's value as a string",
        fix: "Write the value in double quotes, exactly as the server sends it, such as \"2\"")
      if let text { pairs.append((member.key, text)) }
    }
    return HTTPHeaders(pairs)
  }

  /// Reads `body` and `usage` into the body text: a string is sent as it is written, any
  /// other value as compact JSON, and `usage` becomes the body's `usage` member.
  private static func decodeBody(from reader: ConfigObjectReader) -> String? {
    let body = reader.optional("body")
    let usage = reader.optional("usage")?
      .object(
        fix: "Write usage as Azure sends it, such as {\"prompt_tokens\": 10, "
          + "\"completion_tokens\": 20, \"total_tokens\": 30}")
    guard let usage else {
      guard let body else { return nil }
      if case .string(let text) = body.value.kind { return text }
      return body.value.compactText
    }

    let usageValue = JSONValue(.object(usage.object), at: usage.position)
    guard let body else {
      let member = JSONMember(key: "usage", keyPosition: usage.position, value: usageValue)
      return JSONValue(.object(JSONObject(members: [member])), at: usage.position).compactText
    }
    guard var object = body.value.objectValue, object["usage"] == nil else {
      body.report(
        "cannot be combined with usage unless it is an object without its own usage",
        fix: "Put the usage inside the body, or remove one of them")
      return nil
    }
    object.members.append(JSONMember(key: "usage", keyPosition: usage.position, value: usageValue))
    return JSONValue(.object(object), at: body.value.position).compactText
  }
}
