import Foundation

/// One fitted candidate distribution of a token count, with its goodness of fit.
public struct DistributionFit: Sendable, Equatable {
  /// The fitted distribution, as a workload would use it.
  public var distribution: TokenSizeDistribution
  /// The Kolmogorov–Smirnov statistic D between the sample and the whole token counts that a
  /// ``TokenSizeSampler`` draws from ``distribution``, from 0 (identical) to 1.
  public var kolmogorovSmirnov: Double
  /// The mean of the fitted distribution before rounding, in tokens.
  public var mean: Double
}

/// The fits of one token count (prompt or completion) of a trace.
///
/// The candidates are a log-normal and a gamma, both by maximum likelihood, and an empirical
/// histogram. Each gets the Kolmogorov–Smirnov statistic D
/// between the sample and what the sampler would generate from it (draws rounded to whole
/// tokens and raised to `minimumTokens`), not the continuous distribution.
///
/// ``best`` is the log-normal or gamma with the smaller D (the log-normal on a tie) when that
/// D is at most ``criticalStatistic``, the Kolmogorov–Smirnov test's critical value at the
/// 5 % level, so the test does not reject the family. Otherwise it is the histogram. The
/// histogram's D is measured on the sample it was built from, so it is always small and is
/// not compared with the others directly: a histogram would win even on a sample drawn from
/// a log-normal.
///
/// NOTE: the critical value is the asymptotic one for a fully specified continuous
/// distribution. With estimated parameters and whole-token counts the test is conservative,
/// so a family that fits is accepted more often than 95 % of the time.
public struct TokenSizeFit: Sendable, Equatable {
  /// The number of observations.
  public var count: Int
  /// The sample mean, in tokens.
  public var sampleMean: Double
  /// The log-normal fit, or `nil` when fewer than two positive values differ.
  public var logNormal: DistributionFit?
  /// The gamma fit, or `nil` when fewer than two positive values differ.
  public var gamma: DistributionFit?
  /// The empirical histogram of at most ``TokenSizeFit/maximumHistogramBins`` bins.
  public var histogram: DistributionFit
  /// The chosen candidate: a family the Kolmogorov–Smirnov test accepts, else the histogram.
  public var best: DistributionFit

  /// The Kolmogorov–Smirnov test's critical value at the 5 % level for this sample,
  /// `1.358 / √count`.
  public var criticalStatistic: Double {
    Self.criticalCoefficient / Double(count).squareRoot()
  }

  /// The asymptotic 95 % quantile of the Kolmogorov distribution, 1.358.
  public static let criticalCoefficient = 1.358

  /// Fits the three candidates to `observations`, which must not be empty.
  ///
  /// - Parameters:
  ///   - observations: The token counts, each 0 or more.
  ///   - minimumTokens: The sampler's smallest count (1 for prompts), which the goodness of
  ///     fit takes into account.
  init(observations: [Int64], minimumTokens: Int64) {
    let clamped = observations.map { min(max($0, 0), TokenSizeSampler.maximumTokens - 1) }
    let sample = DiscreteSample(clamped)
    count = sample.size
    sampleMean = sample.mean

    let positiveLogs = clamped.filter { $0 > 0 }.map { log(Double($0)) }
    logNormal = Self.fitLogNormal(logs: positiveLogs, sample: sample, minimumTokens: minimumTokens)
    gamma = Self.fitGamma(
      positive: clamped.filter { $0 > 0 }, logs: positiveLogs, sample: sample,
      minimumTokens: minimumTokens)
    histogram = Self.fitHistogram(sample, minimumTokens: minimumTokens)

    var best = histogram
    var bestStatistic = Self.criticalCoefficient / Double(count).squareRoot()
    for candidate in [gamma, logNormal].compactMap({ $0 })
    where candidate.kolmogorovSmirnov <= bestStatistic {
      best = candidate
      bestStatistic = candidate.kolmogorovSmirnov
    }
    self.best = best
  }

  /// Fits a log-normal by maximum likelihood over the positive values: `mu` and `sigma` are
  /// the mean and the population standard deviation of their logarithms.
  private static func fitLogNormal(
    logs: [Double], sample: DiscreteSample, minimumTokens: Int64
  ) -> DistributionFit? {
    guard logs.count >= 2 else { return nil }
    let mu = logs.reduce(0, +) / Double(logs.count)
    let variance = logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(logs.count)
    let sigma = variance.squareRoot()
    guard sigma > 0, mu.isFinite, sigma.isFinite else { return nil }

    let statistic = sample.kolmogorovSmirnovStatistic { tokens in
      guard tokens >= minimumTokens else { return 0 }
      return checkedGSLValue { () throws(RandomError) in
        try DistributionFunctions.logNormalCDF(Double(tokens) + 0.5, mu: mu, sigma: sigma)
      }
    }
    return DistributionFit(
      distribution: .logNormal(mu: mu, sigma: sigma), kolmogorovSmirnov: statistic,
      mean: exp(mu + variance / 2))
  }

  /// Fits a gamma over the positive values by maximum likelihood.
  ///
  /// The shape k solves `ln k − ψ(k) = s`, where `s = ln(mean) − mean(ln x)` and ψ is the
  /// digamma function. Newton's method finds it from the closed-form start
  /// `(3 − s + √((s − 3)² + 24s)) / (12s)`. The scale is `mean / k`, so the fitted mean
  /// equals the mean of the positive values exactly.
  private static func fitGamma(
    positive: [Int64], logs: [Double], sample: DiscreteSample, minimumTokens: Int64
  ) -> DistributionFit? {
    guard positive.count >= 2 else { return nil }
    let mean = positive.reduce(0.0) { $0 + Double($1) } / Double(positive.count)
    let s = log(mean) - logs.reduce(0, +) / Double(logs.count)
    guard s > 0, s.isFinite else { return nil }
    let shape = gammaShape(s: s)
    let scale = mean / shape
    guard shape > 0, scale > 0, shape.isFinite, scale.isFinite else { return nil }

    let statistic = sample.kolmogorovSmirnovStatistic { tokens in
      guard tokens >= minimumTokens else { return 0 }
      return checkedGSLValue { () throws(RandomError) in
        try DistributionFunctions.gammaCDF(Double(tokens) + 0.5, shape: shape, scale: scale)
      }
    }
    return DistributionFit(
      distribution: .gamma(shape: shape, scale: scale), kolmogorovSmirnov: statistic,
      mean: mean)
  }

  /// Returns the k > 0 with `ln k − ψ(k) = s`, for `s > 0`, by Newton's method.
  static func gammaShape(s: Double) -> Double {
    var shape = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
    for _ in 0..<20 {
      let residual =
        log(shape)
        - checkedGSLValue { () throws(RandomError) in
          try DistributionFunctions.digamma(shape)
        } - s
      let slope =
        1 / shape
        - checkedGSLValue { () throws(RandomError) in
          try DistributionFunctions.trigamma(shape)
        }
      var next = shape - residual / slope
      // The function falls and is convex, so a step past 0 is halved instead.
      if !(next > 0) { next = shape / 2 }
      let converged = abs(next - shape) <= 1e-12 * shape
      shape = next
      if converged { break }
    }
    return shape
  }

  /// Returns a GSL function's value for arguments that were checked beforehand.
  private static func checkedGSLValue(_ body: () throws(RandomError) -> Double) -> Double {
    do {
      return try body()
    } catch {
      preconditionFailure("a fitted distribution function was rejected: \(error)")
    }
  }
}
