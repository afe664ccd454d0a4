/// An error from a random stream, a distribution or a GSL call.
///
/// Each message names the value that was rejected and the range that is accepted.
public enum RandomError: Error, Equatable, Sendable {
  /// A distribution parameter is NaN, infinite or outside its range.
  case invalidParameter(name: String, value: Double, expected: String)

  /// An integer range is empty or has more values than the generator can produce.
  case invalidIntegerRange(lower: Int, upper: Int, maximumCount: UInt64)

  /// A replication or stream index of a ``StreamKey`` is negative or too large.
  case invalidStreamIndex(name: String, value: Int, limit: Int)

  /// An empirical distribution was given no weights.
  case emptyWeights

  /// An empirical distribution was given a different number of bins and weights.
  case binCountMismatch(bins: Int, weights: Int)

  /// An empirical weight is negative, NaN or infinite.
  case invalidWeight(index: Int, value: Double)

  /// The empirical weights add up to zero or overflow to infinity.
  case invalidTotalWeight(Double)

  /// An empirical value bin is NaN or infinite.
  case invalidBinValue(index: Int, value: Double)

  /// An empirical range bin has a NaN or infinite bound, or a lower bound not below its upper
  /// bound.
  case invalidBin(index: Int, lower: Double, upper: Double)

  /// A GSL function reported a failure with the GSL error code `status`.
  case gslFailure(function: String, status: Int32)
}

extension RandomError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let expected):
      return "Invalid \(name) \(value). Expected \(expected)."
    case .invalidIntegerRange(let lower, let upper, let maximumCount):
      return
        "Invalid integer range \(lower)...\(upper). Expected a non-empty range of at most "
        + "\(maximumCount) values."
    case .invalidStreamIndex(let name, let value, let limit):
      return "Invalid \(name) \(value). Expected an index from 0 to \(limit - 1)."
    case .emptyWeights:
      return "The empirical distribution has no weights. Give at least one positive weight."
    case .binCountMismatch(let bins, let weights):
      return
        "The empirical distribution has \(bins) bins but \(weights) weights. "
        + "Give one weight per bin."
    case .invalidWeight(let index, let value):
      return
        "Invalid empirical weight \(value) at index \(index). "
        + "Expected a finite number of 0 or more."
    case .invalidTotalWeight(let total):
      return
        "The empirical weights add up to \(total). "
        + "Expected a finite total greater than 0, so give at least one positive weight."
    case .invalidBinValue(let index, let value):
      return "Invalid empirical bin value \(value) at index \(index). Expected a finite number."
    case .invalidBin(let index, let lower, let upper):
      return
        "Invalid empirical bin [\(lower), \(upper)) at index \(index). "
        + "Expected finite bounds with the lower bound below the upper bound."
    case .gslFailure(let function, let status):
      return "GSL function \(function) failed with status \(status): \(gslErrorText(status))."
    }
  }
}
