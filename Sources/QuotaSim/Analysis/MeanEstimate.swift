/// A figure's mean over replications with its two-sided confidence interval.
///
/// The interval is Student's t: mean ± t(1 − α/2, n − 1) × s / √n, where s is the sample
/// standard deviation of the n replications that had a value. Replications where a figure is
/// undefined, such as a 429 rate without attempts, do not count towards n.
public struct MeanEstimate: Sendable, Equatable, Encodable {
  /// The confidence level of every interval QuotaSim reports.
  public static let confidence = 0.95

  /// The number of replications that had a value.
  public var count: Int
  /// The mean, or `nil` when no replication had a value.
  public var mean: Double?
  /// The lower end of the interval, or `nil` with fewer than two values.
  public var lower: Double?
  /// The upper end of the interval, or `nil` with fewer than two values.
  public var upper: Double?

  public init(count: Int, mean: Double?, lower: Double?, upper: Double?) {
    self.count = count
    self.mean = mean
    self.lower = lower
    self.upper = upper
  }

  /// Creates the estimate of the values summarized by `moments`.
  ///
  /// Identical values give an interval of zero width at the mean.
  public init(_ moments: RunningMoments) {
    count = moments.count
    mean = moments.count > 0 ? moments.mean : nil
    guard let deviation = moments.standardDeviation else { return }
    let halfWidth =
      Self.studentTQuantile(degreesOfFreedom: moments.count - 1) * deviation
      / Double(moments.count).squareRoot()
    lower = moments.mean - halfWidth
    upper = moments.mean + halfWidth
  }

  /// Creates the estimate of `values`, skipping `nil` ones and adding the rest in order.
  public init<Values: Sequence<Double?>>(of values: Values) {
    self.init(RunningMoments(values.lazy.compactMap { $0 }))
  }

  /// Half the interval's width, or `nil` without an interval.
  public var halfWidth: Double? {
    guard let lower, let upper else { return nil }
    return (upper - lower) / 2
  }

  /// Returns the t quantile for a two-sided interval at ``confidence``.
  static func studentTQuantile(degreesOfFreedom: Int) -> Double {
    precondition(degreesOfFreedom > 0, "degrees of freedom \(degreesOfFreedom) must be positive")
    do {
      return try DistributionFunctions.studentTQuantile(
        probability: 1 - (1 - confidence) / 2, degreesOfFreedom: Double(degreesOfFreedom))
    } catch {
      preconditionFailure(
        "the t quantile for \(degreesOfFreedom) degrees of freedom failed: \(error)")
    }
  }

  private enum CodingKeys: String, CodingKey {
    case count, mean, lower, upper
  }

  /// Encodes every key, writing `null` for a missing mean or interval, so that every
  /// estimate in a report has the same shape.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(count, forKey: .count)
    try container.encode(mean, forKey: .mean)
    try container.encode(lower, forKey: .lower)
    try container.encode(upper, forKey: .upper)
  }
}
