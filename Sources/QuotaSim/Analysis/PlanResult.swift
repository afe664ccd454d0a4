/// One value the planner evaluated, with the figures the targets are checked against.
public struct PlanCandidate: Sendable, Equatable, Encodable {
  /// The value, or `nil` for a model without the quantity (no monthly quota).
  public var value: Int64?
  /// Whether this is the model's value as written.
  public var isCurrent: Bool
  /// The fraction of replications in which the deployment's quota ran out before a period
  /// ended, in the period with the highest upper bound.
  public var exhaustionProbability: MeanEstimate
  /// The period of ``exhaustionProbability``, or `nil` without periods.
  public var exhaustionPeriod: String?
  /// Dropped requests per arrived request, over all workloads.
  public var dropRate: MeanEstimate
  /// The cost of every deployment, in US dollars.
  public var costUSD: MeanEstimate
  /// Whether every target is met at the upper end of its interval.
  public var meetsTargets: Bool
  /// Each replication's cost in US dollars, for paired differences.
  var replicationCosts: [Double]

  private enum CodingKeys: String, CodingKey {
    case value, isCurrent, exhaustionProbability, exhaustionPeriod, dropRate, costUSD
    case meetsTargets
  }

  /// Encodes every key, writing `null` for a missing value or period.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(value, forKey: .value)
    try container.encode(isCurrent, forKey: .isCurrent)
    try container.encode(exhaustionProbability, forKey: .exhaustionProbability)
    try container.encode(exhaustionPeriod, forKey: .exhaustionPeriod)
    try container.encode(dropRate, forKey: .dropRate)
    try container.encode(costUSD, forKey: .costUSD)
    try container.encode(meetsTargets, forKey: .meetsTargets)
  }
}

/// The planner's outcome: the recommendation, if any, and the evidence.
public struct PlanResult: Sendable, Equatable, Encodable {
  /// The scenario's name.
  public var model: String
  /// The seed every stream derives from.
  public var seed: UInt64
  /// The deployment planned for.
  public var deployment: String
  /// The quantity planned.
  public var quantity: PlanQuantity
  /// The purchasable step.
  public var step: Int64
  /// The largest candidate considered.
  public var ceiling: Int64
  /// The targets.
  public var targets: PlanTargets
  /// Replications per candidate.
  public var replications: Int
  /// The model's value, or `nil` when the deployment has no monthly quota.
  public var currentValue: Int64?
  /// The smallest multiple of the step up to the ceiling that meets the targets, or `nil`
  /// when none does.
  public var recommendation: Int64?
  /// The cost at the recommendation minus the cost at the model's value, replication by
  /// replication (common random numbers), in US dollars; `nil` without a recommendation.
  public var costChange: MeanEstimate?
  /// Facts a planner should know, such as a gateway quota that the plan does not change.
  public var notes: [String]
  /// Every value evaluated, in increasing order, the model's value included.
  public var candidates: [PlanCandidate]

  private enum CodingKeys: String, CodingKey {
    case model, seed, deployment, quantity, step, ceiling, targets, replications, currentValue
    case recommendation, costChange, notes, candidates
  }

  /// Encodes every key, writing `null` for absent values.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(model, forKey: .model)
    try container.encode(seed, forKey: .seed)
    try container.encode(deployment, forKey: .deployment)
    try container.encode(quantity, forKey: .quantity)
    try container.encode(step, forKey: .step)
    try container.encode(ceiling, forKey: .ceiling)
    try container.encode(targets, forKey: .targets)
    try container.encode(replications, forKey: .replications)
    try container.encode(currentValue, forKey: .currentValue)
    try container.encode(recommendation, forKey: .recommendation)
    try container.encode(costChange, forKey: .costChange)
    try container.encode(notes, forKey: .notes)
    try container.encode(candidates, forKey: .candidates)
  }
}
