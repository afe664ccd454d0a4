/// Draws whole token counts from a ``TokenSizeDistribution``.
///
/// Continuous draws (normal, log-normal, gamma) are rounded by ``rounding``, by default to
/// the nearest whole token with halves up. A histogram bin `[lower, upper)` holds the integers `lower` … `upper − 1`, so a
/// uniform draw inside it is rounded down, which makes each of those integers equally
/// likely. The result is then clamped to `minimumTokens` and to `capTokens`, and never
/// exceeds ``maximumTokens``.
///
/// A sampler is built once, so a histogram's alias table is not rebuilt per draw. It keeps
/// no random state of its own: each draw uses the stream passed in.
public struct TokenSizeSampler {
  /// The largest count a draw returns, 2^40 (about 1.1 × 10^12) tokens.
  ///
  /// It is far above any context window, and keeps sums of millions of draws inside `Int64`
  /// when a log-normal with a large sigma produces an enormous or infinite value.
  public static let maximumTokens: Int64 = 1 << 40

  /// The distribution drawn from.
  public let distribution: TokenSizeDistribution
  /// The smallest count returned: 1 for prompts, 0 for completions.
  public let minimumTokens: Int64
  /// The largest count returned, such as a request's `max_tokens`, or `nil` for no cap.
  public let capTokens: Int64?
  /// The rounding of a continuous draw to whole tokens.
  public let rounding: TokenRounding

  /// The histogram's alias table, for an empirical distribution.
  private let histogram: EmpiricalDistribution?
  /// The distribution's parameters without its histogram bins, so that a draw switches over
  /// plain values.
  private let shape: Shape
  /// The largest count returned: `capTokens`, at most ``maximumTokens``.
  private let upperTokens: Int64

  /// The parameters a draw needs, by distribution.
  private enum Shape {
    case fixed(Int64)
    case normal(mean: Double, standardDeviation: Double)
    case logNormal(mu: Double, sigma: Double)
    case gamma(shape: Double, scale: Double)
    case empirical
  }

  /// Creates a sampler after checking the distribution's parameters.
  ///
  /// - Parameters:
  ///   - distribution: The distribution of the count before rounding and clamping.
  ///   - minimumTokens: The smallest count returned.
  ///   - capTokens: The largest count returned, or `nil` for no cap below ``maximumTokens``.
  ///   - rounding: The rounding of a continuous draw to whole tokens.
  ///   - workload: The workload's name, for error messages.
  ///   - field: The configuration field, such as `promptTokens`, for error messages.
  /// - Throws: ``WorkloadError/invalidTokenParameter(workload:field:parameter:value:expected:)``,
  ///   ``WorkloadError/emptyHistogram(workload:field:)``,
  ///   ``WorkloadError/invalidHistogramBin(workload:field:index:bin:)``,
  ///   ``WorkloadError/invalidHistogramTotal(workload:field:totalWeight:)``, or
  ///   ``WorkloadError/randomFailure(workload:_:)`` when GSL cannot build the histogram.
  public init(
    _ distribution: TokenSizeDistribution, minimumTokens: Int64 = 0, capTokens: Int64? = nil,
    rounding: TokenRounding = .nearest, workload: String = "", field: String = "tokens"
  ) throws(WorkloadError) {
    let validator = TokenSizeValidator(workload: workload, field: field)
    try validator.validate(distribution)

    if case .empirical(let bins) = distribution {
      do {
        histogram = try EmpiricalDistribution(
          bins: bins.map { .range(lower: Double($0.lower), upper: Double($0.upper)) },
          weights: bins.map(\.weight))
      } catch {
        throw .randomFailure(workload: workload, error)
      }
    } else {
      histogram = nil
    }
    self.distribution = distribution
    self.minimumTokens = minimumTokens
    self.capTokens = capTokens
    self.rounding = rounding
    upperTokens = min(capTokens ?? Self.maximumTokens, Self.maximumTokens)
    switch distribution {
    case .fixed(let count): shape = .fixed(count)
    case .normal(let mean, let deviation): shape = .normal(mean: mean, standardDeviation: deviation)
    case .logNormal(let mu, let sigma): shape = .logNormal(mu: mu, sigma: sigma)
    case .gamma(let shapeParameter, let scale): shape = .gamma(shape: shapeParameter, scale: scale)
    case .empirical: shape = .empirical
    }
  }

  /// Draws one token count.
  ///
  /// Fixed sizes make no draw; the other distributions make one or more, in a fixed order
  /// for a given stream state.
  public func draw(using stream: RandomStream) -> Int64 {
    let tokens: Int64
    do {
      switch shape {
      case .fixed(let count):
        tokens = count
      case .normal(let mean, let standardDeviation):
        tokens = rounded(
          try stream.normalTruncatedAtZero(mean: mean, standardDeviation: standardDeviation))
      case .logNormal(let mu, let sigma):
        tokens = rounded(try stream.logNormal(mu: mu, sigma: sigma))
      case .gamma(let shape, let scale):
        tokens = rounded(try stream.gamma(shape: shape, scale: scale))
      case .empirical:
        tokens = Self.roundedDown(histogram!.draw(using: stream))
      }
    } catch {
      preconditionFailure("validated \(distribution) was rejected by the stream: \(error)")
    }

    return max(min(tokens, upperTokens), minimumTokens)
  }

  /// Rounds a continuous draw by ``rounding``, within the token range.
  private func rounded(_ value: Double) -> Int64 {
    switch rounding {
    case .nearest: Self.roundedToNearest(value)
    case .up: Self.roundedDown(value.rounded(.up))
    case .down: Self.roundedDown(value)
    }
  }

  /// Rounds a non-negative count to the nearest integer, halves up, within the token range.
  static func roundedToNearest(_ value: Double) -> Int64 {
    roundedDown(value + 0.5)
  }

  /// Rounds a non-negative count down, mapping NaN and negatives to 0 and clamping large
  /// values to ``maximumTokens``.
  static func roundedDown(_ value: Double) -> Int64 {
    guard value > 0 else { return 0 }
    guard value < Double(maximumTokens) else { return maximumTokens }
    return Int64(value.rounded(.down))
  }
}

/// Checks a token-size distribution's parameters and names the workload and field in errors.
private struct TokenSizeValidator {
  let workload: String
  let field: String

  func validate(_ distribution: TokenSizeDistribution) throws(WorkloadError) {
    switch distribution {
    case .fixed(let count):
      try require(count >= 0, "fixed count", Double(count), "0 or more tokens")
    case .normal(let mean, let standardDeviation):
      try require(mean.isFinite, "normal mean", mean, "a finite number of tokens")
      try require(
        standardDeviation.isFinite && standardDeviation >= 0, "normal standardDeviation",
        standardDeviation, "a finite number of 0 or more")
      try require(
        standardDeviation > 0 || mean >= 0, "normal mean", mean,
        "0 or more when the standard deviation is 0")
    case .logNormal(let mu, let sigma):
      try require(mu.isFinite, "log-normal mu", mu, "a finite number")
      try require(
        sigma.isFinite && sigma >= 0, "log-normal sigma", sigma, "a finite number of 0 or more")
    case .gamma(let shape, let scale):
      try require(
        shape.isFinite && shape > 0, "gamma shape", shape, "a finite number above 0")
      try require(
        scale.isFinite && scale > 0, "gamma scale", scale, "a finite number of tokens above 0")
    case .empirical(let bins):
      try validate(bins)
    }
  }

  private func validate(_ bins: [HistogramBin]) throws(WorkloadError) {
    guard !bins.isEmpty else { throw .emptyHistogram(workload: workload, field: field) }

    var total = 0.0
    for (index, bin) in bins.enumerated() {
      let boundsValid =
        bin.lower >= 0 && bin.lower < bin.upper && bin.upper <= TokenSizeSampler.maximumTokens
      guard boundsValid, bin.weight.isFinite, bin.weight >= 0 else {
        throw .invalidHistogramBin(workload: workload, field: field, index: index, bin: bin)
      }
      total += bin.weight
    }
    guard total > 0, total.isFinite else {
      throw .invalidHistogramTotal(workload: workload, field: field, totalWeight: total)
    }
  }

  private func require(
    _ condition: Bool, _ parameter: String, _ value: Double, _ expected: String
  ) throws(WorkloadError) {
    guard condition else {
      throw .invalidTokenParameter(
        workload: workload, field: field, parameter: parameter, value: value, expected: expected)
    }
  }
}
