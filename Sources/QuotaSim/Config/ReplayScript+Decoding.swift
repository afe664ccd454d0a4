import Foundation

extension ReplayScript {
  /// The start of a script that names none.
  public static let defaultStart = Instant(microsecondsSinceEpoch: 1_735_689_600_000_000)

  /// The maximum number of requests one `requests` entry may stand for with `count`.
  public static let maximumRequestCount: Int64 = 1_000_000

  /// The latest instant of a script, in seconds after its start: 36,525 days (100 years), the
  /// longest span of a scenario too. A replay without `end` stops there.
  public static let maximumSpanSeconds: Int64 = 36_525 * 86_400

  /// The first instant of the year 10000, the first that `start` may not be.
  static let latestStart = Instant(microsecondsSinceEpoch: 253_402_300_800_000_000)

  /// Reads, parses and validates the replay script at `url`.
  ///
  /// The format is described in `docs/replay-format.md`.
  /// - Throws: `ConfigError` with every problem found, each naming the file, the JSON path,
  ///   the value and the fix.
  public static func load(contentsOf url: URL) throws(ConfigError) -> ReplayScript {
    try decode(try ConfigFile.parse(contentsOf: url), file: ConfigFile.displayName(for: url))
  }

  /// Validates a parsed replay script from `file`.
  ///
  /// - Throws: `ConfigError` with every problem found, ordered by position in the file.
  public static func decode(_ value: JSONValue, file: String) throws(ConfigError)
    -> ReplayScript
  {
    let collector = ConfigIssueCollector(file: file)
    let root = ConfigObjectReader.root(
      value, collector: collector,
      fix: "Write the script as a JSON object with \"deployments\", \"requests\" and \"expect\"")
    guard let root else { throw collector.error() }

    let name = scriptName(from: root, file: file)
    let summary = root.optional("description")?
      .string(fix: "Write the description as a string in double quotes")
    let start = decodeStart(from: root)
    let end = root.optional("end").flatMap { value in
      readInstant(value, start: start, key: "end")
    }
    let policy = root.optional("policy")?
      .object(fix: "Write the policy as a JSON object, such as {\"maxRetries\": 3}")
      .map(LimiterPolicy.decode(from:))
    let decodedCatalog = DeploymentCatalog.decodeDeployments(
      from: root, extraDeploymentKeys: [EndpointConfig.deploymentKey])
    let responses = ScriptedResponse.decodeAll(from: root, start: start)
    let names = decodedCatalog?.catalog.deployments.map(\.name)
    let requests = decodeRequests(from: root, start: start, catalog: decodedCatalog?.catalog)
    let initialState = decodeInitialState(from: root)
    let expectations = root.optional("expect")?
      .object(fix: "Write the expectations as an object, such as {\"calls\": {\"A\": 2}}")
      .map { reader in
        ReplayExpectation.decodeAll(
          from: reader,
          context: ExpectationContext(
            start: start, deploymentNames: names, requestIDs: requests.map { $0.map(\.id) },
            hasState: initialState != nil))
      }
    root.rejectUnknownKeys()

    if let end, end < start {
      root.optional("end")?.reportExpected(
        "at or after start, which is \(start)", fix: "Set end to a later instant")
    }
    guard !collector.hasIssues, let decodedCatalog, let responses, let requests else {
      throw collector.error()
    }
    return ReplayScript(
      name: name, summary: summary, start: start, end: end, catalog: decodedCatalog.catalog,
      policy: policy ?? LimiterPolicy(), responses: responses, requests: requests,
      initialState: initialState, expectations: expectations ?? [])
  }

  /// Reads `name`, or returns the file name without `.json` when it is absent.
  private static func scriptName(from root: ConfigObjectReader, file: String) -> String {
    var defaultName = URL(fileURLWithPath: file).lastPathComponent
    if defaultName.hasSuffix(".json") { defaultName.removeLast(".json".count) }
    return root.optional("name")?
      .nonEmptyString(
        expected: "a non-empty name", fix: "Write a name such as \"retry-after-ms-wins\"")
      ?? defaultName
  }

  private static func decodeStart(from root: ConfigObjectReader) -> Instant {
    guard let value = root.optional("start") else { return defaultStart }
    let fix = "Write the first instant such as \"2025-03-10T09:00:00Z\""
    guard let text = value.string(expected: "an ISO 8601 instant with a time zone", fix: fix)
    else { return defaultStart }
    guard let instant = Instant(iso8601: text) else {
      value.reportExpected("an ISO 8601 instant with a time zone", fix: fix)
      return defaultStart
    }
    guard instant >= .epoch, instant < latestStart else {
      value.reportExpected("an instant from 1970 through 9999", fix: fix)
      return defaultStart
    }
    return instant
  }

  /// Reads an instant written as seconds after `start` or as an ISO 8601 instant, at most
  /// ``maximumSpanSeconds`` after `start`.
  static func readInstant(_ value: ConfigValueReader, start: Instant, key: String) -> Instant? {
    let expected =
      "seconds after start (a number from 0 to 3155760000) or an ISO 8601 instant at most "
      + "100 years after start"
    let fix =
      "Write \(key) as seconds after start, such as 1.5, or as an instant such as "
      + "\"2025-03-10T09:00:01.5Z\""
    switch value.value.kind {
    case .string(let text):
      guard let instant = Instant(iso8601: text),
        instant <= start.advanced(by: .seconds(maximumSpanSeconds))
      else {
        value.reportExpected(expected, fix: fix)
        return nil
      }
      return instant
    case .number:
      let seconds = value.number(
        in: 0...Double(maximumSpanSeconds), expected: expected, fix: fix)
      return seconds.map {
        start.advanced(byMicroseconds: Int64(clampingMicroseconds: ($0 * 1e6).rounded()))
      }
    default:
      value.reportExpected(expected, fix: fix)
      return nil
    }
  }

  /// Reads `initialState`: an object is the state document, a string its exact text.
  private static func decodeInitialState(from root: ConfigObjectReader) -> String? {
    guard let value = root.optional("initialState") else { return nil }
    switch value.value.kind {
    case .object:
      return value.value.compactText
    case .string(let text):
      return text
    default:
      value.reportExpected(
        "a state document as an object, or its exact text as a string",
        fix: "Write it such as {\"version\": 1, \"deployments\": {}}")
      return nil
    }
  }
}
