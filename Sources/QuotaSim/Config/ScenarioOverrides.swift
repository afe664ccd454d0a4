/// Values from the command line that replace a scenario file's own, as in
/// `quotasim run --seed 7 --months 3`.
public struct ScenarioOverrides: Sendable, Equatable {
  /// The seed to use instead of the file's `seed`, or `nil` to keep the file's.
  public var seed: UInt64?
  /// The horizon in calendar months to use instead of the file's horizon, or `nil` to keep it.
  public var months: Int?

  /// The maximum horizon in calendar months: 100 years.
  public static let maximumMonths = 1_200

  public init(seed: UInt64? = nil, months: Int? = nil) {
    self.seed = seed
    self.months = months
  }
}
