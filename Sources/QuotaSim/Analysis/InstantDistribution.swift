import Foundation

/// How an event that may or may not happen in a replication, such as a quota running out,
/// is distributed over replications: how often it happened and when.
///
/// A replication in which the event did not happen counts as later than every instant, so
/// the percentiles are those of the whole distribution. A median of `nil` means that the
/// event did not happen in at least half of the replications. Percentiles use the nearest-rank rule:
/// the p-th percentile of n values is the ⌈p × n⌉-th smallest, so every reported instant is
/// one that a replication produced.
public struct InstantDistribution: Sendable, Equatable, Encodable {
  /// The number of replications.
  public var replications: Int
  /// The number of replications in which the event happened.
  public var occurrences: Int
  /// The fraction of replications in which the event happened, with its interval.
  public var fraction: MeanEstimate
  /// The 5th percentile, or `nil` when it falls among replications without the event.
  public var p5: Instant?
  /// The median, or `nil` when it falls among replications without the event.
  public var p50: Instant?
  /// The 95th percentile, or `nil` when it falls among replications without the event.
  public var p95: Instant?
  /// The lower end of the median's distribution-free confidence interval, or `nil` when it
  /// falls among replications without the event or there are too few replications.
  public var p50Lower: Instant?
  /// The upper end of the median's confidence interval; see ``p50Lower``.
  public var p50Upper: Instant?
  /// Whether the median interval exists: it needs at least six replications, because with
  /// fewer even the smallest and largest value cover the median with less than 95 %.
  public var hasMedianInterval: Bool

  /// Creates the distribution of `instants`, one per replication, `nil` where the event did
  /// not happen.
  public init(_ instants: [Instant?]) {
    replications = instants.count
    let sorted = instants.compactMap { $0 }.sorted()
    occurrences = sorted.count
    fraction = MeanEstimate(of: instants.map { $0 == nil ? 0.0 : 1.0 })

    func orderStatistic(_ rank: Int) -> Instant? {
      rank >= 1 && rank <= sorted.count ? sorted[rank - 1] : nil
    }
    func percentile(_ probability: Double) -> Instant? {
      orderStatistic(max(1, Int((probability * Double(instants.count)).rounded(.up))))
    }
    p5 = percentile(0.05)
    p50 = percentile(0.50)
    p95 = percentile(0.95)

    let lowerRank = Self.medianIntervalLowerRank(count: instants.count)
    hasMedianInterval = lowerRank != nil
    if let lowerRank {
      p50Lower = orderStatistic(lowerRank)
      p50Upper = orderStatistic(instants.count + 1 - lowerRank)
    }
  }

  /// Returns the rank j of the lower end of the median's interval [x₍ⱼ₎, x₍ₙ₊₁₋ⱼ₎], or `nil`
  /// when no rank reaches the confidence level.
  ///
  /// The interval covers the median with probability 1 − 2 × P(B ≤ j − 1), where B is
  /// binomial(n, ½). The rank is the largest j for which that is at least
  /// ``MeanEstimate/confidence``.
  static func medianIntervalLowerRank(count: Int) -> Int? {
    guard count > 0 else { return nil }
    let tail = (1 - MeanEstimate.confidence) / 2
    let logHalf = -Double(count) * log(2.0)
    var cumulative = 0.0
    var rank: Int?
    for j in 1...((count + 1) / 2) {
      let k = j - 1
      let logChoose =
        lgamma(Double(count + 1)) - lgamma(Double(k + 1)) - lgamma(Double(count - k + 1))
      cumulative += exp(logChoose + logHalf)
      guard cumulative <= tail else { break }
      rank = j
    }
    return rank
  }

  private enum CodingKeys: String, CodingKey {
    case replications, occurrences, fraction, p5, p50, p95, p50Lower, p50Upper, hasMedianInterval
  }

  /// Encodes every key, writing `null` for percentiles among replications without the event
  /// and for a median interval that does not exist.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(replications, forKey: .replications)
    try container.encode(occurrences, forKey: .occurrences)
    try container.encode(fraction, forKey: .fraction)
    try container.encode(p5, forKey: .p5)
    try container.encode(p50, forKey: .p50)
    try container.encode(p95, forKey: .p95)
    try container.encode(p50Lower, forKey: .p50Lower)
    try container.encode(p50Upper, forKey: .p50Upper)
    try container.encode(hasMedianInterval, forKey: .hasMedianInterval)
  }
}
