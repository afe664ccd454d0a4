/// The options of `quotasim plan`, read before the model, and checked against it by
/// ``request(for:jobs:usage:)``.
struct PlanSettings {
  var deployment: String
  var quantity: PlanQuantity
  var targets: PlanTargets
  var step: Int64?
  var ceiling: Int64?
  var replications: Int

  /// Reads the options.
  ///
  /// - Throws: `UsageError` naming the option and the value.
  init(parsed: ParsedCommand, options: StudyOptions, usage: String) throws(UsageError) {
    guard let deployment = parsed.options["deployment"] else {
      throw UsageError(message: "missing option '--deployment NAME'", usage: usage)
    }
    self.deployment = deployment

    let quantityText = parsed.options["quantity"] ?? PlanQuantity.monthlyTokenQuota.rawValue
    guard let quantity = PlanQuantity(rawValue: quantityText) else {
      let names = PlanQuantity.allCases.map(\.rawValue)
      let hint =
        NameSuggestion.closest(to: quantityText, among: names).map { ". Did you mean '\($0)'?" }
        ?? ""
      throw UsageError(
        message: "option '--quantity' needs \(names.joined(separator: " or ")), but found "
          + "'\(quantityText)'\(hint)",
        usage: usage)
    }
    self.quantity = quantity

    targets = PlanTargets(
      maxExhaustionProbability: try Self.fraction(parsed, "max-exhaustion-probability", usage),
      maxDropRate: try Self.fraction(parsed, "max-drop-rate", usage))
    if targets.maxExhaustionProbability == nil, targets.maxDropRate == nil {
      // A quota plan needs a drop target too: the client's throttle stops it before the quota
      // runs out, so exhaustion alone would be met by the smallest quota.
      if quantity == .monthlyTokenQuota {
        targets.maxExhaustionProbability = PlanCommand.defaultMaxExhaustionProbability
      }
      targets.maxDropRate = PlanCommand.defaultMaxDropRate
    }

    step = try Self.tokens(parsed, "step", usage)
    if step != nil, quantity == .tokensPerMinute {
      throw UsageError(
        message: "option '--step' applies to monthlyTokenQuota only; TPM is bought in steps "
          + "of 1,000",
        usage: usage)
    }
    ceiling = try Self.tokens(parsed, "ceiling", usage)

    replications = options.replications ?? PlanCommand.defaultReplications
    guard replications >= 2 else {
      throw UsageError(
        message: "option '--replications' needs at least 2 for a plan, because the targets are "
          + "checked against confidence intervals, but found '\(replications)'",
        usage: usage)
    }
  }

  /// Returns the request for `document`, after checking the deployment, its quota and the
  /// ceiling against it.
  ///
  /// - Throws: `UsageError` for an unknown deployment, a deployment with another period
  ///   quota, a missing ceiling, or a ceiling below the step.
  func request(for document: ScenarioDocument, jobs: Int, usage: String) throws(UsageError)
    -> PlanRequest
  {
    let catalog = document.loaded.scenario.catalog
    guard let id = catalog.id(named: deployment) else {
      let names = catalog.deployments.map(\.name)
      let hint =
        NameSuggestion.closest(to: deployment, among: names).map { " Did you mean '\($0)'?" }
        ?? " The model's deployments are \(names.map { "'\($0)'" }.joined(separator: ", "))."
      throw UsageError(
        message: "option '--deployment' names no deployment of the model: '\(deployment)'.\(hint)",
        usage: usage)
    }
    let planned = catalog[id]
    if quantity == .monthlyTokenQuota, planned.tokenQuota != nil, planned.quotaPeriod != .month {
      throw UsageError(
        message: "deployment '\(deployment)' has a \(planned.quotaPeriod.rawValue)ly token quota, "
          + "but plan sets monthlyTokenQuota; write the quota as monthlyTokenQuota or plan "
          + "tokensPerMinute",
        usage: usage)
    }
    let step =
      quantity == .tokensPerMinute
      ? PlanQuantity.tokensPerMinuteStep
      : (self.step ?? PlanCommand.defaultQuotaStep)
    let current = quantity == .tokensPerMinute ? planned.tokensPerMinute : planned.tokenQuota
    guard let ceiling = ceiling ?? current.map({ Self.defaultCeiling(current: $0, step: step) })
    else {
      throw UsageError(
        message: "deployment '\(deployment)' has no monthly quota to start from; give "
          + "'--ceiling TOKENS'",
        usage: usage)
    }
    guard ceiling >= step else {
      throw UsageError(
        message: "option '--ceiling' needs at least one step of \(formatTokens(step)), but "
          + "found '\(formatTokens(ceiling))'",
        usage: usage)
    }
    return PlanRequest(
      deployment: deployment, quantity: quantity, step: step, ceiling: ceiling, targets: targets,
      replications: replications, jobs: jobs)
  }

  /// Returns 10 times `current`, rounded up to a multiple of `step`, without overflow.
  private static func defaultCeiling(current: Int64, step: Int64) -> Int64 {
    let (scaled, overflow) = current.multipliedReportingOverflow(
      by: PlanCommand.defaultCeilingFactor)
    let target = overflow ? Int64.max - step : scaled
    let steps = target / step + (target % step == 0 ? 0 : 1)
    return max(1, steps) * step
  }

  private static func fraction(_ parsed: ParsedCommand, _ name: String, _ usage: String)
    throws(UsageError) -> Double?
  {
    guard let text = parsed.options[name] else { return nil }
    guard JSONScanner.matchesNumberGrammar(Array(text.utf8)), let value = Double(text),
      (0...1).contains(value)
    else {
      throw UsageError(
        message:
          "option '--\(name)' needs a fraction from 0 to 1, such as 0.05, but found '\(text)'",
        usage: usage)
    }
    return value
  }

  private static func tokens(_ parsed: ParsedCommand, _ name: String, _ usage: String)
    throws(UsageError) -> Int64?
  {
    guard let text = parsed.options[name] else { return nil }
    guard let number = ExactDecimal(text[...]), number.significand > 0, number.exponent >= 0,
      let value = number.significand(atExponent: 0)
    else {
      throw UsageError(
        message: "option '--\(name)' needs a positive whole number of tokens, with an optional "
          + "suffix k, M or G such as 5M, but found '\(text)'",
        usage: usage)
    }
    return value
  }
}
