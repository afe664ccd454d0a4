import Foundation

extension Scenario {
  /// Reads, parses and validates the scenario file at `url`, then applies `overrides`.
  ///
  /// The format is described in `docs/scenario-format.md`. Trace files are read relative to
  /// the folder that contains `url`.
  /// - Throws: `ConfigError` with every problem found, each naming the file, the JSON path,
  ///   the value and the fix.
  public static func load(contentsOf url: URL, overrides: ScenarioOverrides = .init())
    throws(ConfigError) -> LoadedScenario
  {
    let file = ConfigFile.displayName(for: url)
    return try decode(
      try ConfigFile.parse(contentsOf: url), file: file,
      baseDirectory: url.deletingLastPathComponent(), overrides: overrides)
  }

  /// Validates a parsed scenario document from `file`, then applies `overrides`.
  ///
  /// - Parameters:
  ///   - value: The parsed document.
  ///   - file: The file as the user named it, for messages and the default name.
  ///   - baseDirectory: The folder that relative `traceFile` paths start from.
  ///   - overrides: Command-line values that replace the file's seed or horizon.
  /// - Precondition: `overrides.months`, when set, is from 1 to
  ///   ``ScenarioOverrides/maximumMonths``.
  /// - Throws: `ConfigError` with every problem found, ordered by position in the file.
  public static func decode(
    _ value: JSONValue, file: String, baseDirectory: URL, overrides: ScenarioOverrides = .init()
  ) throws(ConfigError) -> LoadedScenario {
    if let months = overrides.months {
      precondition(
        (1...ScenarioOverrides.maximumMonths).contains(months),
        "months override \(months) is outside 1...\(ScenarioOverrides.maximumMonths)")
    }
    let collector = ConfigIssueCollector(file: file)
    let root = ConfigObjectReader.root(
      value, collector: collector,
      fix: "Write the scenario as a JSON object with \"start\", a horizon, \"deployments\" and "
        + "\"workloads\"")
    guard let root else { throw collector.error() }

    let name = decodeName(from: root, file: file)
    let timeZone = scenarioTimeZone(of: root)
    let start = decodeStart(from: root)
    let horizon = decodeHorizon(from: root, start: start, timeZone: timeZone)
    let seed = root.optional("seed")?
      .integer(
        in: 0...Int64.max, expected: "a non-negative whole number",
        fix: "Set seed to a whole number from 0 to 9223372036854775807")
    let policy = root.optional("policy")?
      .object(fix: "Write the policy as a JSON object, such as {\"maxRetries\": 3}")
      .map(LimiterPolicy.decode(from:))
    let sweep = root.optional("sweep").flatMap { SweepAxis.decodeBlock($0, document: value) }

    let decodedCatalog = DeploymentCatalog.decodeDeployments(
      from: root, extraDeploymentKeys: [EndpointConfig.deploymentKey])
    let endpoints = EndpointConfig.decodeAll(from: root, catalog: decodedCatalog?.catalog)
    let workloads = WorkloadConfig.decodeAll(
      from: root,
      context: WorkloadDecodingContext(
        deploymentNames: decodedCatalog?.catalog.deployments.map(\.name)
          ?? writtenDeploymentNames(in: root),
        baseDirectory: baseDirectory))
    root.rejectUnknownKeys()

    guard !collector.hasIssues, let start, let horizon, let decodedCatalog, let endpoints,
      let workloads
    else { throw collector.error() }

    var span = horizon
    if let months = overrides.months {
      span = (.months(months), Self.end(addingMonths: months, to: start, timeZone: timeZone))
    }
    let scenario = Scenario(
      name: name, start: start, end: span.end, timeZoneIdentifier: timeZone,
      seed: overrides.seed ?? UInt64(seed ?? 1), catalog: decodedCatalog.catalog,
      policy: policy ?? LimiterPolicy(), endpoints: endpoints.configs,
      workloads: workloads.configs)
    checkRequestVolume(of: scenario, in: root)
    guard !collector.hasIssues else { throw collector.error() }

    var notes = DeploymentCatalog.notes(for: decodedCatalog.catalog)
    notes += endpoints.notes + workloads.notes
    let replaced = overrideNotes(overrides, fileSeed: seed, fileHorizon: horizon.kind)
    notes += replaced
    return LoadedScenario(
      file: file, scenario: scenario, horizon: span.kind, derived: decodedCatalog.derived,
      notes: notes, sweep: sweep ?? [], overrideNotes: replaced)
  }

  /// Reads `name`, or returns the file name without `.json` when it is absent.
  private static func decodeName(from root: ConfigObjectReader, file: String) -> String {
    var defaultName = URL(fileURLWithPath: file).lastPathComponent
    if defaultName.hasSuffix(".json") { defaultName.removeLast(".json".count) }
    guard let value = root.optional("name") else { return defaultName }

    let fix = "Write a name such as \"nightly-scans\", because it names the output folder"
    guard let name = value.nonEmptyString(expected: "a non-empty name", fix: fix) else {
      return defaultName
    }
    let isFolderName =
      !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0))
      }
    guard isFolderName else {
      value.reportExpected(
        "letters, digits, '.', '_' and '-', not starting with '.'", fix: fix)
      return defaultName
    }
    return name
  }

  /// The first instant of the year 10000, the first that `start` may not be.
  private static let latestStart = Instant(microsecondsSinceEpoch: 253_402_300_800_000_000)

  /// Returns the scenario's time zone without recording problems, because the shared
  /// deployment decoder reports an invalid `timeZone`.
  private static func scenarioTimeZone(of root: ConfigObjectReader) -> String {
    guard let name = root.object["timeZone"]?.stringValue, Deployment.isKnownTimeZone(name)
    else { return "UTC" }
    return name
  }

  private static func decodeStart(from root: ConfigObjectReader) -> Instant? {
    let fix = "Write the first simulated instant such as \"2026-01-01T00:00:00Z\""
    let value = root.required("start", fix: "Add \"start\", such as \"2026-01-01T00:00:00Z\"")
    guard let value,
      let text = value.string(expected: "an ISO 8601 instant with a time zone", fix: fix)
    else { return nil }
    guard let instant = Instant(iso8601: text) else {
      value.reportExpected("an ISO 8601 instant with a time zone", fix: fix)
      return nil
    }
    // Foundation's ISO 8601 parser switches to the Julian calendar before 1582, and the
    // summary prints four-digit years, so starts outside 1970…9999 are rejected.
    guard instant >= .epoch, instant < latestStart else {
      value.reportExpected("an instant from 1970 through 9999", fix: fix)
      return nil
    }
    return instant
  }

  /// Returns the names written in the deployments array, for checking workloads when the
  /// catalog itself has problems, or `nil` when there is no array to read.
  private static func writtenDeploymentNames(in root: ConfigObjectReader) -> [String]? {
    guard let elements = root.object["deployments"]?.arrayValue else { return nil }
    return elements.compactMap { $0.objectValue?["name"]?.stringValue }
  }

  private static func overrideNotes(
    _ overrides: ScenarioOverrides, fileSeed: Int64?, fileHorizon: ScenarioHorizon
  ) -> [String] {
    var notes: [String] = []
    if let seed = overrides.seed {
      let written =
        fileSeed.map { "the file's seed \($0)" } ?? "the default seed 1, because the file sets none"
      notes.append("seed \(seed) from the command line replaces \(written)")
    }
    if let months = overrides.months {
      let written =
        switch fileHorizon {
        case .months(let count): "horizonMonths \(count)"
        case .days(let days): "horizonDays \(QuantityFormat.decimal(days, fractionDigits: 6))"
        case .endInstant: "end"
        }
      notes.append(
        "horizon of \(months) calendar month\(months == 1 ? "" : "s") from the command line "
          + "replaces the file's \(written)")
    }
    return notes
  }
}
