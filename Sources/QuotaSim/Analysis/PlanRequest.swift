/// The quantity that `quotasim plan` buys more of: a deployment's monthly token quota or its
/// TPM.
public enum PlanQuantity: String, Sendable, Equatable, CaseIterable, Encodable {
  /// The client's monthly token quota, which the gateway's quota follows unless the model
  /// sets `azure.gatewayTokenQuota`.
  case monthlyTokenQuota
  /// Tokens per minute, bought in steps of 1,000; RPM follows by the model's ratio unless
  /// the model sets `requestsPerMinute`.
  case tokensPerMinute

  /// The step TPM is bought in.
  public static let tokensPerMinuteStep: Int64 = 1_000
}

/// The targets a recommendation must meet at the upper end of their 95 % intervals.
public struct PlanTargets: Sendable, Equatable, Encodable {
  /// The highest acceptable fraction of replications in which the deployment's quota runs
  /// out before a period ends, in every period, or `nil` for no such target.
  public var maxExhaustionProbability: Double?
  /// The highest acceptable fraction of dropped requests over all workloads, or `nil`.
  public var maxDropRate: Double?

  public init(maxExhaustionProbability: Double? = nil, maxDropRate: Double? = nil) {
    self.maxExhaustionProbability = maxExhaustionProbability
    self.maxDropRate = maxDropRate
  }
}

/// A planning question: the smallest value of one quantity of one deployment that meets the
/// targets.
public struct PlanRequest: Sendable, Equatable {
  /// The deployment's name.
  public var deployment: String
  /// The quantity to plan.
  public var quantity: PlanQuantity
  /// The purchasable step, in tokens (per month or per minute); candidates are its multiples.
  public var step: Int64
  /// The largest candidate considered, in the same unit.
  public var ceiling: Int64
  /// The targets.
  public var targets: PlanTargets
  /// Replications per candidate, at least 2 so that every figure has an interval.
  public var replications: Int
  /// The maximum number of worker threads.
  public var jobs: Int

  public init(
    deployment: String, quantity: PlanQuantity, step: Int64, ceiling: Int64,
    targets: PlanTargets, replications: Int, jobs: Int
  ) {
    precondition(
      step > 0 && ceiling >= step, "ceiling \(ceiling) must be at least step \(step) > 0")
    precondition(replications >= 2, "replications \(replications) must be at least 2")
    self.deployment = deployment
    self.quantity = quantity
    self.step = step
    self.ceiling = ceiling
    self.targets = targets
    self.replications = replications
    self.jobs = jobs
  }
}
