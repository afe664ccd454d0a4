import Foundation

extension ServiceTimeModel {
  /// Returns how long a response with `completionTokens` takes, in whole microseconds: time to
  /// first token plus generation at ``tokensPerSecond``, times a log-normal spread factor.
  ///
  /// The factor is `exp(mu + sigma × standardNormal)` with `sigma² = ln(1 + spread²)` and
  /// `mu = −sigma² / 2`, so its mean is 1 and its coefficient of variation is ``spread``. With
  /// a spread of 0 the draw is ignored. The caller owns the random stream and passes the draw,
  /// so the model contains no randomness.
  ///
  /// Negative token counts and times, and negative or non-finite spreads, count as zero. A
  /// non-positive or NaN rate makes
  /// generation take no time, because validation rejects such rates before a run. The result is
  /// rounded to the nearest microsecond and clamped to `0...Int64.max`.
  ///
  /// - Parameters:
  ///   - completionTokens: tokens the response generates.
  ///   - standardNormal: a draw from the standard normal distribution.
  public func durationMicroseconds(completionTokens: Int64, standardNormal: Double) -> Int64 {
    let firstToken = max(0, timeToFirstTokenSeconds)
    let generation =
      tokensPerSecond > 0 ? Double(max(0, completionTokens)) / tokensPerSecond : 0
    let seconds = (firstToken + generation) * spreadFactor(standardNormal: standardNormal)
    let microseconds = (seconds * 1_000_000).rounded()
    return max(0, Int64(clampingMicroseconds: microseconds))
  }

  /// Returns the log-normal factor with mean 1 and coefficient of variation ``spread`` for one
  /// standard-normal draw.
  public func spreadFactor(standardNormal: Double) -> Double {
    guard spread > 0, spread.isFinite else { return 1 }
    let variance = log1p(spread * spread)
    return exp(-variance / 2 + variance.squareRoot() * standardNormal)
  }
}
