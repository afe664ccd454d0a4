import Foundation

/// Deployment fields that were not written in the file and took a default.
public struct DerivedDeploymentFields: OptionSet, Sendable, Hashable {
  public let rawValue: Int

  public init(rawValue: Int) {
    self.rawValue = rawValue
  }

  /// RPM was derived from TPM by the model's ratio.
  public static let requestsPerMinute = DerivedDeploymentFields(rawValue: 1 << 0)
  /// The output estimate is the model's default.
  public static let defaultOutputEstimate = DerivedDeploymentFields(rawValue: 1 << 1)
  /// The time zone is the catalog's.
  public static let timeZone = DerivedDeploymentFields(rawValue: 1 << 2)
}

/// The result of decoding one deployment object, usable even when some fields were invalid.
public struct DecodedDeployment: Sendable {
  /// The deployment, or `nil` when any of its fields had a problem.
  public var deployment: Deployment?
  /// The name, when it was a valid string, so that fallback checks can still see it.
  public var name: String?
  /// The fallback names that were valid strings.
  public var fallbacks: [String]
  /// For each name in ``fallbacks``, its index in the file's `fallbacks` array.
  public var fallbackIndices: [Int]
  /// The fields that took a default.
  public var derived: DerivedDeploymentFields
}

extension Deployment {
  /// The keys that set a period token quota, with their period.
  public static let quotaKeys: [(key: String, unit: QuotaPeriodUnit)] = [
    ("hourlyTokenQuota", .hour), ("dailyTokenQuota", .day), ("weeklyTokenQuota", .week),
    ("monthlyTokenQuota", .month), ("yearlyTokenQuota", .year),
  ]

  /// Decodes one deployment object, recording every problem in the reader's collector.
  ///
  /// The format is described in `docs/catalog-format.md`. Unknown keys are recorded as
  /// problems too.
  /// - Parameters:
  ///   - reader: The deployment object.
  ///   - defaultTimeZone: The zone used when the deployment names none; already validated.
  public static func decode(from reader: ConfigObjectReader, defaultTimeZone: String)
    -> DecodedDeployment
  {
    let problemsBefore = reader.collector.issues.count
    var derived: DerivedDeploymentFields = []

    let name = reader.required("name", fix: "Add \"name\" with the deployment's name in Azure")?
      .nonEmptyString(
        expected: "a non-empty deployment name",
        fix: "Write the deployment's name in double quotes, as Azure names it")
    let model = reader.required("model", fix: "Add \"model\", such as \"model\": \"gpt-4o\"")?
      .nonEmptyString(
        expected: "a model name", fix: "Write the model name in double quotes, such as \"gpt-4o\"")
    let endpoint = reader.optional("endpoint")?
      .string(expected: "a URL string", fix: "Write the endpoint URL in double quotes")
    let quota = decodeQuota(from: reader)
    let timeZone = decodeTimeZone(from: reader, default: defaultTimeZone, derived: &derived)
    let tokensPerMinute = reader.required(
      "tokensPerMinute", fix: "Add \"tokensPerMinute\" with the deployment's rate limit")?
      .tokenCount(
        in: 1...Int64.max, expected: "a positive whole number of tokens per minute",
        fix: "Set tokensPerMinute to at least 1000")
    let requestsPerMinute = reader.optional("requestsPerMinute")?
      .integer(
        in: 1...Int64.max, expected: "a positive whole number of requests per minute",
        fix: "Set requestsPerMinute to at least 1, or remove it to derive it from tokensPerMinute")
    if !reader.contains("requestsPerMinute") { derived.insert(.requestsPerMinute) }
    let promptPrice = decodePrice(from: reader, key: "promptPricePerMillion", tokens: "prompt")
    let completionPrice = decodePrice(
      from: reader, key: "completionPricePerMillion", tokens: "completion")
    let outputEstimate = reader.optional("defaultOutputEstimate")?
      .tokenCount(
        in: 0...Int64.max, expected: "a non-negative whole number of tokens",
        fix: "Set defaultOutputEstimate to 0 or more tokens, or remove it for the model's default")
    if !reader.contains("defaultOutputEstimate") { derived.insert(.defaultOutputEstimate) }
    let (fallbacks, fallbackIndices) = decodeNames(from: reader, key: "fallbacks")
    reader.rejectUnknownKeys()

    var deployment: Deployment?
    if reader.collector.issues.count == problemsBefore, let name, let model, let tokensPerMinute {
      deployment = Deployment(
        name: name, model: model, endpoint: endpoint, tokenQuota: quota?.tokens,
        quotaPeriod: quota?.unit ?? .month, timeZoneIdentifier: timeZone,
        tokensPerMinute: tokensPerMinute, requestsPerMinute: requestsPerMinute,
        promptPricePerMillion: promptPrice ?? 0, completionPricePerMillion: completionPrice ?? 0,
        fallbacks: fallbacks, defaultOutputEstimate: outputEstimate)
    }
    return DecodedDeployment(
      deployment: deployment, name: name, fallbacks: fallbacks, fallbackIndices: fallbackIndices,
      derived: derived)
  }

  /// Reads the period quota keys, of which at most one may be present. A second one is reported
  /// where it appears in the file.
  private static func decodeQuota(from reader: ConfigObjectReader)
    -> (tokens: Int64, unit: QuotaPeriodUnit)?
  {
    let presentQuotas = quotaKeys.compactMap { key, unit in
      reader.optional(key).map { (key: key, unit: unit, value: $0) }
    }.sorted { $0.value.value.position < $1.value.value.position }

    var quota: (tokens: Int64, unit: QuotaPeriodUnit)?
    for (index, entry) in presentQuotas.enumerated() {
      let tokens = entry.value.tokenCount(
        in: 1...Int64.max, expected: "a positive whole number of tokens per \(entry.unit.rawValue)",
        fix: "Set \(entry.key) to at least 1 token, or remove it for no period quota")
      if index == 0 {
        quota = tokens.map { ($0, entry.unit) }
      } else if tokens != nil {
        entry.value.report(
          "only one period quota is allowed, but \(presentQuotas[0].key) is also set",
          fix: "Keep either \(presentQuotas[0].key) or \(entry.key)")
      }
    }
    return quota
  }

  private static func decodeTimeZone(
    from reader: ConfigObjectReader, default defaultZone: String,
    derived: inout DerivedDeploymentFields
  ) -> String {
    guard let value = reader.optional("timeZone") else {
      derived.insert(.timeZone)
      return defaultZone
    }
    return validTimeZone(value) ?? defaultZone
  }

  /// Reads an IANA time zone name, or records an issue and returns `nil`.
  static func validTimeZone(_ value: ConfigValueReader) -> String? {
    let fix = "Use an IANA time zone name such as \"UTC\" or \"Europe/Berlin\""
    guard let name = value.string(expected: "an IANA time zone name", fix: fix) else {
      return nil
    }
    guard isKnownTimeZone(name) else {
      let suggestion = NameSuggestion.closest(
        to: name, among: TimeZone.knownTimeZoneIdentifiers.sorted())
      value.report("unknown time zone", fix: suggestion.map { "Did you mean '\($0)'?" } ?? fix)
      return nil
    }
    return name
  }

  /// Returns whether `name` is an IANA time zone that Foundation's `TimeZone` recognizes.
  static func isKnownTimeZone(_ name: String) -> Bool {
    // Only plain zone names reach Foundation, which looks some names up as files.
    let isPlainName =
      !name.contains("..")
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || "0123456789_+-/".unicodeScalars.contains($0))
      }
    return isPlainName && TimeZone(identifier: name) != nil
  }

  private static func decodePrice(from reader: ConfigObjectReader, key: String, tokens: String)
    -> Double?
  {
    reader.optional(key)?
      .number(
        in: 0...Double.greatestFiniteMagnitude,
        expected: "a non-negative number of US dollars per million \(tokens) tokens",
        fix: "Set \(key) to 0 or more, such as 2.50")
  }

  /// Reads an optional array of deployment names and returns the valid ones with their
  /// indices in the array.
  static func decodeNames(from reader: ConfigObjectReader, key: String) -> (
    names: [String], indices: [Int]
  ) {
    let elements = reader.optional(key)?
      .array(
        expected: "an array of deployment names",
        fix: "Write the names in an array, such as [\"dev\"]")
    var names: [String] = []
    var indices: [Int] = []
    for (index, element) in (elements ?? []).enumerated() {
      let name = element.nonEmptyString(
        expected: "a deployment name", fix: "Write the name of a deployment in double quotes")
      if let name {
        names.append(name)
        indices.append(index)
      }
    }
    return (names, indices)
  }
}
