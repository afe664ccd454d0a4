/// The settings written in one deployment's `azure` object, before the defaults that depend
/// on the deployment are filled in.
private struct EndpointSettings {
  /// The `azure` object, for problems that concern it as a whole.
  var reader: ConfigObjectReader
  /// Whether the profile is `gateway`, or `nil` when the profile was invalid.
  var isGateway: Bool?
  var gatewayTokenQuota: Int64?
  var gatewayQuotaPeriod: (unit: QuotaPeriodUnit, value: ConfigValueReader)?
  var backgroundTokensPerDay: Int64 = 0
  var retryHeaders: RetryHeaderStyle = .full
  var tokenRefusalsUseRequestWindow = false
  var admissionRule: String?
  var defaultMaxTokens: Int64?
  var serviceTime = ServiceTimeModel()
}

extension EndpointConfig {
  /// The deployment key whose object describes the simulated Azure side.
  static let deploymentKey = "azure"

  /// The keys that apply only to the `gateway` profile.
  private static let gatewayKeys = [
    "gatewayTokenQuota", "gatewayQuotaPeriod", "backgroundTokensPerDay",
  ]

  /// Decodes the `azure` object of every deployment in the `deployments` array of `root`,
  /// recording every problem in the reader's collector.
  ///
  /// - Parameter catalog: The decoded catalog, or `nil` when it had problems. The objects are
  ///   then still checked, but the defaults that depend on the deployment are skipped.
  /// - Returns: One configuration per deployment in catalog order and notes for the summary,
  ///   or `nil` when any problem was recorded.
  static func decodeAll(from root: ConfigObjectReader, catalog: DeploymentCatalog?)
    -> (configs: [EndpointConfig], notes: [String])?
  {
    let collector = root.collector
    let problemsBefore = collector.issues.count
    guard let elements = root.object["deployments"]?.arrayValue else { return nil }

    let deploymentsPath = root.path.appending(key: "deployments")
    let settings = elements.enumerated().map { index, element -> EndpointSettings? in
      guard let azure = element.objectValue?[deploymentKey], !azure.isNull else { return nil }
      let reader = ConfigValueReader(
        value: azure, path: deploymentsPath.appending(index: index).appending(key: deploymentKey),
        collector: collector)
      return reader.object(
        expected: "an object describing the simulated Azure deployment",
        fix: "Write it such as {\"profile\": \"gateway\", \"gatewayTokenQuota\": \"200M\"}"
      ).map(decodeSettings)
    }
    guard let catalog, catalog.deployments.count == settings.count else { return nil }

    var configs: [EndpointConfig] = []
    var notes: [String] = []
    for (deployment, written) in zip(catalog.deployments, settings) {
      guard let config = resolve(written, for: deployment) else { continue }
      configs.append(config)
      notes += self.notes(for: deployment, config: config)
    }
    guard collector.issues.count == problemsBefore else { return nil }
    return (configs, notes)
  }

  private static func decodeSettings(_ reader: ConfigObjectReader) -> EndpointSettings {
    var settings = EndpointSettings(reader: reader)
    if let profile = reader.optional("profile"),
      profile.value.stringValue == ScriptedResponse.scriptedProfile
    {
      profile.report(
        "is the limit profile of replay scripts, which answer from canned responses",
        fix: "Use 'standard' or 'gateway' in a scenario, or write a replay script for "
          + "'quotasim replay' (see docs/replay-format.md)")
    } else if let profile = reader.optional("profile") {
      settings.isGateway = profile.choice(among: ["standard", "gateway"]).map { $0 == "gateway" }
    } else {
      settings.isGateway = false
    }
    if settings.isGateway == false {
      for key in gatewayKeys {
        reader.optional(key)?.report(
          "applies only to gateway deployments",
          fix: "Set \"profile\": \"gateway\", or remove \(key)")
      }
    } else {
      decodeGatewaySettings(from: reader, into: &settings)
    }

    if let style = reader.optional("retryHeaders")?
      .choice(among: RetryHeaderStyle.allCases.map(\.rawValue)).flatMap(RetryHeaderStyle.init)
    {
      settings.retryHeaders = style
    }
    if let counts = reader.optional("tokenRefusalsUseRequestWindow")?
      .bool(fix: "Write true or false without quotes")
    {
      settings.tokenRefusalsUseRequestWindow = counts
    }
    decodeAdmissionEstimate(from: reader, into: &settings)
    if let serviceTime = reader.optional("serviceTime")?
      .object(fix: "Write it such as {\"timeToFirstTokenSeconds\": 0.6, \"tokensPerSecond\": 60}")
      .map(decodeServiceTime)
    {
      settings.serviceTime = serviceTime
    }
    reader.rejectUnknownKeys()
    return settings
  }

  private static func decodeGatewaySettings(
    from reader: ConfigObjectReader, into settings: inout EndpointSettings
  ) {
    settings.gatewayTokenQuota = reader.optional("gatewayTokenQuota")?
      .tokenCount(
        in: 1...Int64.max, expected: "a positive whole number of tokens per period",
        fix: "Set gatewayTokenQuota to at least 1 token, or remove it to use the deployment's "
          + "own quota")
    if let value = reader.optional("gatewayQuotaPeriod"),
      let unit = value.choice(among: QuotaPeriodUnit.allCases.map(\.rawValue))
        .flatMap(QuotaPeriodUnit.init(rawValue:))
    {
      settings.gatewayQuotaPeriod = (unit, value)
    }
    if let background = reader.optional("backgroundTokensPerDay")?
      .tokenCount(
        in: 0...Int64.max, expected: "a non-negative whole number of tokens per day",
        fix: "Set backgroundTokensPerDay to 0 or more, such as \"3M\"")
    {
      settings.backgroundTokensPerDay = background
    }
  }

  private static func decodeAdmissionEstimate(
    from reader: ConfigObjectReader, into settings: inout EndpointSettings
  ) {
    guard
      let estimate = reader.optional("admissionEstimate")?
        .object(
          fix: "Write it such as {\"rule\": \"promptPlusMaxTokens\", \"defaultMaxTokens\": 640}")
    else { return }
    settings.admissionRule = estimate.optional("rule")?
      .choice(among: ["promptPlusMaxTokens", "maxTokensOnly"])
    settings.defaultMaxTokens = estimate.optional("defaultMaxTokens")?
      .tokenCount(
        in: 0...Int64.max, expected: "a non-negative whole number of tokens",
        fix: "Set defaultMaxTokens to the max_tokens Azure assumes when a request sets none, "
          + "such as 640")
    estimate.rejectUnknownKeys()
  }

  private static func decodeServiceTime(_ reader: ConfigObjectReader) -> ServiceTimeModel {
    var model = ServiceTimeModel()
    if let seconds = reader.optional("timeToFirstTokenSeconds")?
      .number(
        in: 0...3_600, expected: "a number of seconds from 0 to 3600",
        fix: "Set timeToFirstTokenSeconds to the mean wait for the first token, such as 0.6")
    {
      model.timeToFirstTokenSeconds = seconds
    }
    if let rate = reader.optional("tokensPerSecond")?
      .number(
        in: 0...1_000_000, excludingLowerBound: true,
        expected: "a positive number of tokens per second, at most 1000000",
        fix: "Set tokensPerSecond to the generation speed, such as 60")
    {
      model.tokensPerSecond = rate
    }
    if let spread = reader.optional("spread")?
      .number(
        in: 0...10, expected: "a coefficient of variation from 0 to 10",
        fix: "Set spread to 0 for fixed service times, or to a fraction such as 0.2")
    {
      model.spread = spread
    }
    reader.rejectUnknownKeys()
    return model
  }

  /// Fills in the defaults that depend on `deployment`, or records a problem and returns `nil`.
  private static func resolve(_ settings: EndpointSettings?, for deployment: Deployment)
    -> EndpointConfig?
  {
    let modelRule = AdmissionEstimateRule.forModel(deployment.model)
    guard let settings else { return EndpointConfig(admissionEstimate: modelRule) }

    var config = EndpointConfig(
      admissionEstimate: admissionRule(settings, modelRule: modelRule),
      retryHeaders: settings.retryHeaders,
      tokenRefusalsUseRequestWindow: settings.tokenRefusalsUseRequestWindow,
      serviceTime: settings.serviceTime)
    guard settings.isGateway == true else { return config }

    guard let tokens = settings.gatewayTokenQuota ?? deployment.tokenQuota else {
      settings.reader.report(
        "a gateway deployment needs a token quota, and deployment '\(deployment.name)' has none",
        fix: "Add \"gatewayTokenQuota\", or give the deployment a client quota such as "
          + "\"monthlyTokenQuota\"")
      return nil
    }
    let clientPeriod = deployment.tokenQuota == nil ? QuotaPeriodUnit.month : deployment.quotaPeriod
    if let (unit, value) = settings.gatewayQuotaPeriod, settings.gatewayTokenQuota == nil,
      unit != clientPeriod
    {
      value.report(
        "must match the deployment's quota period (\(clientPeriod.rawValue)) unless "
          + "gatewayTokenQuota is set",
        fix: "Add \"gatewayTokenQuota\" with the gateway's tokens per \(unit.rawValue), or "
          + "remove gatewayQuotaPeriod")
      return nil
    }
    config.profile = .gateway(
      GatewayQuota(
        tokens: tokens, period: settings.gatewayQuotaPeriod?.unit ?? clientPeriod,
        backgroundTokensPerDay: settings.backgroundTokensPerDay))
    return config
  }

  private static func admissionRule(_ settings: EndpointSettings, modelRule: AdmissionEstimateRule)
    -> AdmissionEstimateRule
  {
    let (modelRuleName, modelDefault) =
      switch modelRule {
      case .promptPlusMaxTokens(let tokens): ("promptPlusMaxTokens", tokens)
      case .maxTokensOnly(let tokens): ("maxTokensOnly", tokens)
      }
    let tokens = settings.defaultMaxTokens ?? modelDefault
    return (settings.admissionRule ?? modelRuleName) == "maxTokensOnly"
      ? .maxTokensOnly(defaultMaxTokens: tokens) : .promptPlusMaxTokens(defaultMaxTokens: tokens)
  }

  /// Returns the notes on how the client's quota and the gateway's relate.
  private static func notes(for deployment: Deployment, config: EndpointConfig) -> [String] {
    let name = "deployment '\(deployment.name)'"
    switch config.profile {
    case .standard where deployment.tokenQuota != nil:
      return [
        "\(name) has a client quota but no gateway, so only the client enforces it and Azure "
          + "never answers 403"
      ]
    case .standard:
      return []
    case .gateway(let quota):
      var notes: [String] = []
      if deployment.tokenQuota == nil {
        notes.append(
          "\(name) has a gateway quota but no client quota, so the client neither alerts nor "
            + "throttles and learns of exhaustion from 403 responses")
      }
      if quota.backgroundTokensPerDay > 0 {
        notes.append(
          "\(name) shares its gateway quota with "
            + "\(QuantityFormat.grouped(quota.backgroundTokensPerDay)) background tokens a day "
            + "that the client does not count, so 403 responses can come before its alerts")
      }
      return notes
    }
  }
}
