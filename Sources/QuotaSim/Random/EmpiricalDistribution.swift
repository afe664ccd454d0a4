import CGSL

/// A discrete distribution over weighted bins, such as a histogram of token counts.
///
/// Each bin is a single value or a half-open range [lower, upper). ``drawIndex(using:)``
/// picks a bin with probability proportional to its weight in constant time (Walker's alias
/// method, as GSL implements it). ``draw(using:)`` returns the bin's value, or a uniform value
/// inside a range bin, so a histogram with bins `[0, 100)`, `[100, 500)`, … reproduces the
/// shape of the sizes between its bin edges as well as its bin frequencies.
///
/// The distribution is immutable after it is built, and `gsl_ran_discrete` only reads the
/// alias table, so one distribution can be shared by threads that each draw with their own
/// ``RandomStream``.
public final class EmpiricalDistribution: @unchecked Sendable {
  // @unchecked: no lock is needed because nothing is written after init. The table pointer
  // is only read by gsl_ran_discrete and freed in deinit.

  /// One bin of an empirical distribution.
  public enum Bin: Equatable, Sendable {
    /// A single value, returned as is.
    case value(Double)

    /// The half-open interval [lower, upper), drawn from uniformly.
    case range(lower: Double, upper: Double)
  }

  /// The bins, in the order given.
  public let bins: [Bin]

  /// The weights as given, one per bin.
  public let weights: [Double]

  /// The probability of each bin: its weight divided by the total weight.
  public let probabilities: [Double]

  /// GSL's alias table, owned by this distribution and freed in `deinit`.
  private let table: UnsafeMutablePointer<gsl_ran_discrete_t>

  /// Creates a distribution over bins with the given weights.
  ///
  /// - Parameters:
  ///   - bins: The bins. Range bins need finite bounds with `lower < upper`.
  ///   - weights: One weight per bin, each finite and 0 or more, with a positive total.
  /// - Throws: ``RandomError/emptyWeights``, ``RandomError/binCountMismatch(bins:weights:)``,
  ///   ``RandomError/invalidWeight(index:value:)``, ``RandomError/invalidTotalWeight(_:)``,
  ///   ``RandomError/invalidBinValue(index:value:)``,
  ///   ``RandomError/invalidBin(index:lower:upper:)``, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL cannot build the table.
  ///
  /// The corresponding C function is `gsl_ran_discrete_preproc`.
  public init(bins: [Bin], weights: [Double]) throws(RandomError) {
    let total = try Self.validate(bins: bins, weights: weights)

    disableGSLAbortingErrorHandler()
    let table = weights.withUnsafeBufferPointer { buffer in
      gsl_ran_discrete_preproc(buffer.count, buffer.baseAddress)
    }
    guard let table else {
      // The inputs passed validation, so the remaining documented failure is memory.
      throw .gslFailure(function: "gsl_ran_discrete_preproc", status: Int32(GSL_ENOMEM))
    }

    self.bins = bins
    self.weights = weights
    self.probabilities = weights.map { $0 / total }
    self.table = table
  }

  /// Creates a distribution over single values with the given weights.
  ///
  /// - Throws: The errors of ``init(bins:weights:)``, which include a value that is not finite.
  public convenience init(values: [Double], weights: [Double]) throws(RandomError) {
    try self.init(bins: values.map { .value($0) }, weights: weights)
  }

  /// Creates a distribution over the bin indices 0, 1, … with the given weights.
  ///
  /// - Throws: The errors of ``init(bins:weights:)``.
  public convenience init(weights: [Double]) throws(RandomError) {
    try self.init(bins: weights.indices.map { .value(Double($0)) }, weights: weights)
  }

  deinit {
    gsl_ran_discrete_free(table)
  }

  /// Draws a bin index, each with probability proportional to its weight.
  ///
  /// - Complexity: O(1).
  ///
  /// The corresponding C function is `gsl_ran_discrete`.
  public func drawIndex(using stream: RandomStream) -> Int {
    Int(gsl_ran_discrete(stream.rng, table))
  }

  /// Draws a value: a bin's value, or a uniform value in [lower, upper) for a range bin.
  ///
  /// - Complexity: O(1).
  ///
  /// The corresponding C functions are `gsl_ran_discrete` and, for range bins, `gsl_ran_flat`.
  public func draw(using stream: RandomStream) -> Double {
    switch bins[drawIndex(using: stream)] {
    case .value(let value):
      return value
    case .range(let lower, let upper):
      return RandomStream.clampBelow(gsl_ran_flat(stream.rng, lower, upper), upper: upper)
    }
  }

  /// Checks bins and weights and returns the total weight.
  private static func validate(bins: [Bin], weights: [Double]) throws(RandomError) -> Double {
    guard !weights.isEmpty else { throw .emptyWeights }
    guard bins.count == weights.count else {
      throw .binCountMismatch(bins: bins.count, weights: weights.count)
    }

    var total = 0.0
    for (index, weight) in weights.enumerated() {
      guard weight.isFinite, weight >= 0 else { throw .invalidWeight(index: index, value: weight) }
      total += weight
    }
    guard total > 0, total.isFinite else { throw .invalidTotalWeight(total) }

    for (index, bin) in bins.enumerated() {
      switch bin {
      case .value(let value):
        guard value.isFinite else { throw .invalidBinValue(index: index, value: value) }
      case .range(let lower, let upper):
        guard lower.isFinite, upper.isFinite, lower < upper, (upper - lower).isFinite else {
          throw .invalidBin(index: index, lower: lower, upper: upper)
        }
      }
    }
    return total
  }
}
