extension TokenSizeDistribution {
  /// The keys that name a distribution, of which a size object has exactly one.
  static let kindKeys = ["fixed", "normal", "logNormal", "gamma", "empirical"]

  /// Decodes a token-size object such as `{"fixed": 500}` or
  /// `{"logNormal": {"mu": 6.6, "sigma": 1.0}, "rounding": "up"}`, recording every problem in
  /// the collector.
  ///
  /// - Returns: The distribution and the rounding of its draws, or `nil` when it had a
  ///   problem.
  static func decode(from value: ConfigValueReader)
    -> (distribution: TokenSizeDistribution, rounding: TokenRounding)?
  {
    let object = value.object(
      expected: "a token-size distribution object",
      fix: "Write it such as {\"fixed\": 500} or {\"logNormal\": {\"mu\": 6.6, \"sigma\": 1.0}}")
    guard let object else { return nil }
    let problemsBefore = object.collector.issues.count
    let chosen = object.exactlyOne(
      of: kindKeys, missingFix: "Add one distribution, such as \"fixed\": 500")
    let roundingValue = object.optional("rounding")
    let rounding =
      roundingValue?.choice(among: TokenRounding.allCases.map(\.rawValue))
      .flatMap(TokenRounding.init(rawValue:)) ?? .nearest
    object.rejectUnknownKeys()
    guard let (kind, parameters) = chosen else { return nil }
    if let roundingValue, !["normal", "logNormal", "gamma"].contains(kind) {
      roundingValue.report(
        "applies only to the continuous distributions normal, logNormal and gamma, not to "
          + kind,
        fix: "Remove \"rounding\"")
    }

    let distribution: TokenSizeDistribution?
    switch kind {
    case "fixed":
      distribution = parameters.tokenCount(
        in: 0...Int64.max, expected: "a non-negative whole number of tokens",
        fix: "Write a token count such as 500"
      ).map(TokenSizeDistribution.fixed)
    case "normal":
      distribution = decodeNormal(parameters)
    case "logNormal":
      distribution = decodeLogNormal(parameters)
    case "gamma":
      distribution = decodeGamma(parameters)
    default:
      distribution = decodeEmpirical(parameters)
    }
    guard object.collector.issues.count == problemsBefore, let distribution else { return nil }
    return (distribution, rounding)
  }

  private static func decodeNormal(_ value: ConfigValueReader) -> TokenSizeDistribution? {
    let fix = "Write it such as {\"mean\": 500, \"standardDeviation\": 100}"
    guard let object = value.object(fix: fix) else { return nil }
    let mean = object.required("mean", fix: "Add \"mean\" with the mean in tokens")?
      .number(
        in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative number of tokens",
        fix: "Set mean to 0 or more tokens")
    let deviation = object.required(
      "standardDeviation", fix: "Add \"standardDeviation\" in tokens, or use \"fixed\" for none"
    )?
    .number(
      in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative number of tokens",
      fix: "Set standardDeviation to 0 or more tokens")
    object.rejectUnknownKeys()
    guard let mean, let deviation else { return nil }
    return .normal(mean: mean, standardDeviation: deviation)
  }

  private static func decodeLogNormal(_ value: ConfigValueReader) -> TokenSizeDistribution? {
    guard let object = value.object(fix: "Write it such as {\"mu\": 6.6, \"sigma\": 1.0}") else {
      return nil
    }
    let mu = object.required("mu", fix: "Add \"mu\", the mean of the logarithm of the size")?
      .number(
        in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
        expected: "a finite number", fix: "Set mu to the mean of the logarithm, such as 6.6")
    let sigma = object.required(
      "sigma", fix: "Add \"sigma\", the standard deviation of the logarithm")?
      .number(
        in: 0...Double.greatestFiniteMagnitude, excludingLowerBound: true,
        expected: "a positive number",
        fix: "Set sigma above 0, such as 1.0, or use \"fixed\" for a constant size")
    object.rejectUnknownKeys()
    guard let mu, let sigma else { return nil }
    return .logNormal(mu: mu, sigma: sigma)
  }

  private static func decodeGamma(_ value: ConfigValueReader) -> TokenSizeDistribution? {
    guard let object = value.object(fix: "Write it such as {\"shape\": 2, \"scale\": 250}") else {
      return nil
    }
    let shape = object.required("shape", fix: "Add \"shape\", the shape k")?
      .number(
        in: 0...Double.greatestFiniteMagnitude, excludingLowerBound: true,
        expected: "a positive number", fix: "Set shape above 0, such as 2")
    let scale = object.required("scale", fix: "Add \"scale\", the scale θ in tokens")?
      .number(
        in: 0...Double.greatestFiniteMagnitude, excludingLowerBound: true,
        expected: "a positive number of tokens", fix: "Set scale above 0, such as 250")
    object.rejectUnknownKeys()
    guard let shape, let scale else { return nil }
    return .gamma(shape: shape, scale: scale)
  }

  private static func decodeEmpirical(_ value: ConfigValueReader) -> TokenSizeDistribution? {
    let shape = "an array of [lower, upper, weight] bins"
    let example = "Write the bins such as [[0, 100, 3], [100, 500, 1]]"
    guard let elements = value.array(expected: shape, fix: example) else { return nil }
    guard !elements.isEmpty else {
      value.reportExpected("a non-empty array of [lower, upper, weight] bins", fix: example)
      return nil
    }
    let bins = elements.map(decodeBin)
    guard bins.allSatisfy({ $0 != nil }) else { return nil }

    let valid = bins.compactMap { $0 }
    let total = valid.reduce(0) { $0 + $1.weight }
    guard total.isFinite else {
      value.report(
        "the weights add up to more than the largest finite number",
        fix: "Use smaller weights, such as the counts or fractions of each bin")
      return nil
    }
    guard total > 0 else {
      value.report("the weights are all 0", fix: "Give at least one bin a positive weight")
      return nil
    }
    return .empirical(valid)
  }

  /// Decodes one `[lower, upper, weight]` bin.
  private static func decodeBin(_ element: ConfigValueReader) -> HistogramBin? {
    let fix = "Write the bin as [lower, upper, weight], such as [100, 500, 0.25]"
    guard let parts = element.array(expected: "a [lower, upper, weight] bin", fix: fix),
      parts.count == 3
    else {
      if element.value.arrayValue != nil {
        element.reportExpected("a [lower, upper, weight] bin of three numbers", fix: fix)
      }
      return nil
    }
    let lower = parts[0].tokenCount(
      in: 0...Int64.max - 1, expected: "a non-negative whole number of tokens",
      fix: "Set the bin's lower bound to 0 or more tokens")
    let upper = parts[1].tokenCount(
      in: 1...Int64.max, expected: "a positive whole number of tokens",
      fix: "Set the bin's upper bound, one more than its largest size, above its lower bound")
    let weight = parts[2].number(
      in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative weight",
      fix: "Set the bin's weight to 0 or more")
    guard let lower, let upper, let weight else { return nil }
    guard lower < upper else {
      parts[1].reportExpected(
        "greater than the bin's lower bound, \(lower)",
        fix: "Make the upper bound greater than the lower, because a bin holds the sizes from "
          + "lower to upper − 1")
      return nil
    }
    return HistogramBin(lower: lower, upper: upper, weight: weight)
  }
}
