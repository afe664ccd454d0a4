import CGSL
import Foundation

extension RandomStream {
  /// The largest Poisson mean accepted, 10^9, so that counts stay far below the 2^32 limit
  /// of GSL's `unsigned int` result.
  public static let maximumPoissonMean = 1e9

  /// The number of normal draws the truncated normal makes before it gives up and returns 0.
  ///
  /// Resampling is used only when the mean is 0 or more, where each draw is accepted with
  /// probability at least 1/2, so all 64 draws fail with probability at most 2^-64.
  public static let truncatedNormalMaximumDraws = 64

  /// Draws an exponential variate with the given mean, such as a Poisson inter-arrival time.
  ///
  /// - Parameter mean: The mean, finite and greater than 0 (the inverse of the rate).
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad mean.
  ///
  /// The corresponding C function is `gsl_ran_exponential`.
  public func exponential(mean: Double) throws(RandomError) -> Double {
    try RandomError.requirePositive(mean, name: "exponential mean")
    return gsl_ran_exponential(rng, mean)
  }

  /// Draws a Poisson count with the given mean.
  ///
  /// - Parameter mean: The mean, finite, from 0 to ``maximumPoissonMean``.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad mean.
  ///
  /// The corresponding C function is `gsl_ran_poisson`.
  public func poisson(mean: Double) throws(RandomError) -> Int {
    guard mean.isFinite, mean >= 0, mean <= Self.maximumPoissonMean else {
      throw .invalidParameter(
        name: "Poisson mean", value: mean, expected: "a number from 0 to 1e9")
    }
    return Int(gsl_ran_poisson(rng, mean))
  }

  /// Draws a normal variate.
  ///
  /// - Parameters:
  ///   - mean: The mean, finite.
  ///   - standardDeviation: The standard deviation, finite and 0 or more. With 0 the result is `mean`.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad parameter.
  ///
  /// The corresponding C function is `gsl_ran_gaussian`.
  public func normal(mean: Double, standardDeviation: Double) throws(RandomError) -> Double {
    try RandomError.requireFinite(mean, name: "normal mean")
    try RandomError.requireNonNegative(standardDeviation, name: "normal standard deviation")
    return mean + gsl_ran_gaussian(rng, standardDeviation)
  }

  /// Draws from a normal distribution truncated to values of 0 or more.
  ///
  /// The result follows the normal density restricted to [0, ∞) and renormalized, not a
  /// normal clamped at 0, which would pile probability onto 0. `mean` and
  /// `standardDeviation` describe the normal before truncation, so the result's mean is
  /// larger than `mean`. Two methods keep the number of draws bounded:
  ///
  /// - A mean of 0 or more resamples a normal until the value is 0 or more, at most
  ///   ``truncatedNormalMaximumDraws`` times. If every draw is negative (probability at most
  ///   2^-64) the result is 0.
  /// - A negative mean draws from the normal's upper tail beyond `-mean`. GSL resamples a
  ///   half-normal when the tail starts within one standard deviation and uses Marsaglia's
  ///   tail method beyond, so a draw takes a few uniforms on average however far the tail
  ///   lies.
  ///
  /// - Parameters:
  ///   - mean: The mean of the normal before truncation, finite.
  ///   - standardDeviation: The standard deviation before truncation, finite and 0 or more.
  ///     With 0 the result is `mean`, which must then be 0 or more.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad parameter.
  ///
  /// The corresponding C functions are `gsl_ran_gaussian` and `gsl_ran_gaussian_tail`.
  public func normalTruncatedAtZero(
    mean: Double, standardDeviation: Double
  ) throws(RandomError) -> Double {
    try RandomError.requireFinite(mean, name: "truncated normal mean")
    try RandomError.requireNonNegative(
      standardDeviation, name: "truncated normal standard deviation")

    if standardDeviation == 0 {
      guard mean >= 0 else {
        throw .invalidParameter(
          name: "truncated normal mean", value: mean,
          expected: "0 or more when the standard deviation is 0")
      }
      return mean
    }

    if mean < 0 {
      // GSL returns x·σ for some x >= -mean/σ, which rounding can leave an ulp below -mean.
      let tail = gsl_ran_gaussian_tail(rng, -mean, standardDeviation)
      return max(0, mean + tail)
    }

    for _ in 0..<Self.truncatedNormalMaximumDraws {
      let value = mean + gsl_ran_gaussian(rng, standardDeviation)
      if value >= 0 { return value }
    }
    return 0
  }

  /// Draws a log-normal variate, whose logarithm is normal with mean `mu` and standard
  /// deviation `sigma`.
  ///
  /// The median of the result is `exp(mu)` and its mean `exp(mu + sigma² / 2)`. The result is
  /// `exp(mu + sigma × z)` for a standard normal `z` from GSL's ziggurat method. That needs
  /// about 40 % fewer instructions than `gsl_ran_lognormal`, whose polar Box-Muller method
  /// also takes a logarithm (callgrind, GSL 2.7.1). Both draw from the same distribution, but
  /// they give different values for the same stream.
  ///
  /// - Parameters:
  ///   - mu: The mean of the underlying normal, finite.
  ///   - sigma: The standard deviation of the underlying normal, finite and 0 or more.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad parameter.
  ///
  /// The corresponding C function is `gsl_ran_gaussian_ziggurat`.
  public func logNormal(mu: Double, sigma: Double) throws(RandomError) -> Double {
    try RandomError.requireFinite(mu, name: "log-normal mu")
    try RandomError.requireNonNegative(sigma, name: "log-normal sigma")
    return exp(mu + sigma * gsl_ran_gaussian_ziggurat(rng, 1))
  }

  /// Draws a gamma variate with mean `shape × scale` and variance `shape × scale²`.
  ///
  /// - Parameters:
  ///   - shape: The shape k, finite and greater than 0.
  ///   - scale: The scale θ, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad parameter.
  ///
  /// The corresponding C function is `gsl_ran_gamma`.
  public func gamma(shape: Double, scale: Double) throws(RandomError) -> Double {
    try RandomError.requirePositive(shape, name: "gamma shape")
    try RandomError.requirePositive(scale, name: "gamma scale")
    return gsl_ran_gamma(rng, shape, scale)
  }
}
