extension LimiterPolicy {
  /// Decodes a policy object, starting from the defaults and recording every problem in the
  /// reader's collector; fields with problems keep their defaults.
  ///
  /// The format is described in `docs/catalog-format.md`. Unknown keys are recorded as
  /// problems too.
  public static func decode(from reader: ConfigObjectReader) -> LimiterPolicy {
    var policy = LimiterPolicy()

    if let thresholds = decodeAlertThresholds(from: reader) { policy.alertThresholds = thresholds }
    if let threshold = reader.optional("throttleThreshold").flatMap(readFraction) {
      policy.throttleThreshold = threshold
    }
    if let rule = reader.optional("throttleRule")?
      .choice(among: ThrottleRule.allCases.map(\.rawValue)).flatMap(ThrottleRule.init(rawValue:))
    {
      policy.throttleRule = rule
    }
    // A bound on retries bounds the attempts of a request that is refused the same way each
    // time (a 429 without a retry header and a backoff of 0 retries at once, every time).
    if let retries = reader.optional("maxRetries")?
      .integer(
        in: 0...100, expected: "a whole number of retries from 0 to 100",
        fix: "Set maxRetries to 0 for no retries, or to a count up to 100 such as 3")
    {
      policy.maxRetries = Int(retries)
    }
    if let hops = reader.optional("maxFallbacks")?
      .integer(
        in: 0...Int64(Int.max), expected: "a non-negative whole number of fallback hops",
        fix: "Set maxFallbacks to 0 for no fallback, or remove it to try the whole route")
    {
      policy.maxFallbacks = Int(hops)
    }
    decodeDurations(from: reader, into: &policy)
    if let jitter = reader.optional("backoffJitter")?
      .number(
        in: 0...1, expected: "a fraction from 0 to 1",
        fix: "Set backoffJitter to 0 for exact waits, or to a fraction such as 0.2 for ±20 %")
    {
      policy.backoffJitter = jitter
    }
    if let seed = reader.optional("seed")?
      .integer(
        in: 0...Int64.max, expected: "a non-negative whole number",
        fix: "Set seed to a whole number from 0 to 9223372036854775807")
    {
      policy.seed = UInt64(seed)
    }
    if let overflow = reader.optional("overflow").flatMap(decodeOverflow) {
      policy.overflow = overflow
    }
    decodeBehaviours(from: reader, into: &policy)

    reader.rejectUnknownKeys()
    return policy
  }

  /// Decodes the policy's named behaviours: what client errors, quota exhaustion and used-up
  /// retries do, and which headers set retry delays.
  private static func decodeBehaviours(
    from reader: ConfigObjectReader, into policy: inout LimiterPolicy
  ) {
    if let action = reader.optional("clientErrorAction")?
      .choice(among: ["fail", "fallBack"]).flatMap(ClientErrorAction.init(rawValue:))
    {
      policy.clientErrorAction = action
    }
    if let rule = reader.optional("retryDelayRule")?
      .choice(among: RetryDelayRule.allCases.map(\.rawValue)).flatMap(
        RetryDelayRule.init(rawValue:))
    {
      policy.retryDelayRule = rule
    }
    if let action = reader.optional("quotaExhaustionAction")?
      .choice(among: QuotaExhaustionAction.allCases.map(\.rawValue))
      .flatMap(QuotaExhaustionAction.init(rawValue:))
    {
      policy.quotaExhaustionAction = action
    }
    if let action = reader.optional("retriesExhaustedAction")?
      .choice(among: RetriesExhaustedAction.allCases.map(\.rawValue))
      .flatMap(RetriesExhaustedAction.init(rawValue:))
    {
      policy.retriesExhaustedAction = action
    }
  }

  /// The policy fields written in seconds, with the key that sets each.
  private static var durationKeys: [(key: String, field: WritableKeyPath<LimiterPolicy, Duration>)]
  {
    [
      ("maxRetryDelaySeconds", \.maxRetryDelay), ("maxBlockSeconds", \.maxBlock),
      ("maxTotalWaitSeconds", \.maxTotalWait), ("backoffBaseSeconds", \.backoffBase),
      ("backoffMaxSeconds", \.backoffMax),
    ]
  }

  private static func decodeDurations(
    from reader: ConfigObjectReader, into policy: inout LimiterPolicy
  ) {
    var decodedDurations: [String: ConfigValueReader] = [:]
    for (key, field) in durationKeys {
      guard let value = reader.optional(key), let duration = readSeconds(value, key: key) else {
        continue
      }
      policy[keyPath: field] = duration
      decodedDurations[key] = value
    }
    guard policy.backoffBase > policy.backoffMax else { return }
    if let base = decodedDurations["backoffBaseSeconds"] {
      let maximum =
        decodedDurations["backoffMaxSeconds"]?.value.summary ?? secondsText(policy.backoffMax)
      base.report(
        "must not exceed backoffMaxSeconds, which is \(maximum) s",
        fix: "Lower backoffBaseSeconds or raise backoffMaxSeconds")
    } else if let maximum = decodedDurations["backoffMaxSeconds"] {
      maximum.report(
        "must be at least backoffBaseSeconds, which is \(secondsText(policy.backoffBase)) s",
        fix: "Raise backoffMaxSeconds or lower backoffBaseSeconds")
    }
  }

  /// Returns a duration as a number of seconds without a needless `.0`.
  private static func secondsText(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return attoseconds == 0 ? "\(seconds)" : "\(duration.seconds)"
  }

  /// Reads a non-negative number of seconds as a duration, rounded to the microsecond and
  /// clamped to about 292,000 years.
  static func readSeconds(_ value: ConfigValueReader, key: String) -> Duration? {
    let seconds = value.number(
      in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative number of seconds",
      fix: "Set \(key) to 0 or more seconds")
    return seconds.map { .microseconds(Int64(clampingMicroseconds: ($0 * 1_000_000).rounded())) }
  }

  private static func readFraction(_ value: ConfigValueReader) -> Double? {
    var fix = "Write the threshold as a fraction of the quota, such as 0.8 for 80 %"
    if let number = value.value.numberValue?.doubleValue, number > 1, number <= 100 {
      fix = "Write \(value.value.summary) % as the fraction \(number / 100)"
    }
    return value.number(
      in: 0...1, excludingLowerBound: true,
      expected: "a fraction of the quota greater than 0 and at most 1", fix: fix)
  }

  private static func decodeAlertThresholds(from reader: ConfigObjectReader) -> [Double]? {
    guard
      let elements = reader.optional("alertThresholds")?
        .array(
          expected: "an array of fractions of the quota",
          fix: "Write the thresholds in an array, such as [0.8, 0.9]")
    else { return nil }
    var thresholds: [Double] = []
    var valid = true
    for element in elements {
      guard let threshold = readFraction(element) else {
        valid = false
        continue
      }
      if let previous = thresholds.last, threshold <= previous {
        element.report(
          "alert thresholds must be in ascending order without repeats, but the one before "
            + "is \(previous)",
          fix: "List the thresholds from lowest to highest, such as [0.8, 0.9]")
        valid = false
      }
      thresholds.append(threshold)
    }
    return valid ? thresholds : nil
  }

  private static func decodeOverflow(_ value: ConfigValueReader) -> OverflowAction? {
    let shape = "\"drop\" or {\"defer\": {\"maxWaitSeconds\": 300}}"
    if case .string(let text) = value.value.kind {
      guard text == "drop" else {
        value.reportExpected(
          shape, fix: "Write {\"defer\": {\"maxWaitSeconds\": 300}} to defer for up to 300 s")
        return nil
      }
      return .drop
    }
    guard
      let object = value.object(
        expected: shape, fix: "Write \"drop\", or {\"defer\": {\"maxWaitSeconds\": 300}}")
    else { return nil }
    let deferral = object.required(
      "defer", fix: "Write {\"defer\": {\"maxWaitSeconds\": 300}} to defer for up to 300 s")?
      .object(fix: "Write {\"maxWaitSeconds\": 300} to defer for up to 300 s")
    object.rejectUnknownKeys()
    guard let deferral else { return nil }

    let maxWait = deferral.required(
      "maxWaitSeconds", fix: "Add \"maxWaitSeconds\" with the longest deferral in seconds"
    )
    .flatMap { readSeconds($0, key: "maxWaitSeconds") }
    deferral.rejectUnknownKeys()
    return maxWait.map { .deferUpTo(maxWait: $0) }
  }
}
