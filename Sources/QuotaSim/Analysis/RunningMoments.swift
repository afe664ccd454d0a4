/// The count, mean and variance of a stream of values, updated one value at a time.
///
/// The update is Welford's: it keeps the running mean and the sum of squared deviations
/// from it, so the variance stays accurate when the values are large and close together,
/// as token counts of replications are. The result depends on the order of the values, so
/// callers that need identical bytes add them in a fixed order.
public struct RunningMoments: Sendable, Equatable {
  /// The number of values added.
  public private(set) var count = 0
  /// The mean of the values added, or 0 before the first.
  public private(set) var mean = 0.0
  /// The sum of squared deviations from the mean.
  private var squaredDeviations = 0.0

  public init() {}

  /// Creates the moments of `values`, added in order.
  public init<Values: Sequence<Double>>(_ values: Values) {
    for value in values { add(value) }
  }

  /// Adds one value.
  ///
  /// - Complexity: O(1).
  public mutating func add(_ value: Double) {
    count += 1
    let delta = value - mean
    mean += delta / Double(count)
    squaredDeviations += delta * (value - mean)
  }

  /// The sample variance (divided by count − 1), or `nil` with fewer than two values.
  public var variance: Double? {
    count > 1 ? max(0, squaredDeviations) / Double(count - 1) : nil
  }

  /// The sample standard deviation, or `nil` with fewer than two values.
  public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
}
