/// Replications of one scenario, summarized: every figure's mean and 95 % confidence interval,
/// and when quotas ran out and throttles started.
///
/// A summary is a pure function of the results in replication order, so the same results
/// give the same bytes however many threads or machines produced them.
public struct ReplicationSummary: Sendable, Equatable, Encodable {
  /// The scenario's name.
  public var model: String
  /// The seed the replications' streams derive from.
  public var seed: UInt64
  /// The number of replications.
  public var replications: Int
  /// The first simulated instant.
  public var start: Instant
  /// The first instant after the simulated span.
  public var end: Instant
  /// The run figures of ``RunResult/figures``, by name.
  public var figures: [String: MeanEstimate]
  /// When any deployment's quota first ran out.
  public var firstExhaustion: InstantDistribution
  /// When the proactive throttle first refused any deployment.
  public var firstThrottle: InstantDistribution
  /// Per deployment, in catalog order.
  public var deployments: [DeploymentSummary]

  /// Summarizes `results`, which are the replications of one scenario in replication order.
  ///
  /// - Precondition: `results` is not empty, and every result has the deployments and periods
  ///   of the first, as replications of one scenario do.
  public init(_ results: [RunResult]) {
    guard let first = results.first else {
      preconditionFailure("a summary needs at least one replication")
    }
    model = first.model
    seed = first.seed
    replications = results.count
    start = first.start
    end = first.end
    figures = Self.estimates(of: RunResult.figures, over: results)
    firstExhaustion = InstantDistribution(results.map(\.firstExhaustion))
    firstThrottle = InstantDistribution(results.map(\.firstThrottle))
    deployments = first.deployments.indices.map { index in
      DeploymentSummary(
        results.map { result in
          precondition(
            result.deployments.count == first.deployments.count
              && result.deployments[index].name == first.deployments[index].name,
            "replication \(result.replication) has other deployments than replication \(first.replication)"
          )
          return result.deployments[index]
        })
    }
  }

  /// Returns the estimate of each figure over `sources`, by name.
  static func estimates<Source>(of figures: [Figure<Source>], over sources: [Source])
    -> [String: MeanEstimate]
  {
    var estimates: [String: MeanEstimate] = [:]
    for figure in figures {
      estimates[figure.name] = MeanEstimate(of: sources.lazy.map(figure.value))
    }
    return estimates
  }
}

/// One deployment over replications.
public struct DeploymentSummary: Sendable, Equatable, Encodable {
  /// The deployment's name.
  public var name: String
  /// The deployment's model.
  public var model: String
  /// The client's quota period unit.
  public var quotaPeriod: QuotaPeriodUnit
  /// When this deployment's quota first ran out, in any period.
  public var firstExhaustion: InstantDistribution
  /// When the proactive throttle first refused this deployment, in any period.
  public var firstThrottle: InstantDistribution
  /// Each period of the run, in order.
  public var periods: [PeriodSummary]

  /// Summarizes one deployment's results, one per replication in replication order.
  init(_ results: [DeploymentResult]) {
    let first = results[0]
    name = first.name
    model = first.model
    quotaPeriod = first.quotaPeriod
    firstExhaustion = InstantDistribution(results.map(\.firstExhaustion))
    firstThrottle = InstantDistribution(results.map(\.firstThrottle))
    periods = first.periods.indices.map { index in
      PeriodSummary(
        results.map { result in
          precondition(
            result.periods.count == first.periods.count
              && result.periods[index].period == first.periods[index].period,
            "deployment '\(first.name)' has other periods in another replication")
          return result.periods[index]
        })
    }
  }
}

/// One period of one deployment over replications.
public struct PeriodSummary: Sendable, Equatable, Encodable {
  /// The period key in the client's calendar, such as `2026-01`.
  public var period: String
  /// The first instant of the period.
  public var start: Instant
  /// The first instant after the period.
  public var end: Instant
  /// The client's period quota, or `nil` without one.
  public var quota: Int64?
  /// The figures of ``PeriodFigures/figures``, by name.
  public var figures: [String: MeanEstimate]
  /// When the quota ran out in this period (see ``PeriodFigures/exhaustion``): the fraction
  /// of replications in which it ran out before the period ended, and the percentiles.
  public var exhaustion: InstantDistribution
  /// When the proactive throttle first refused the deployment in this period.
  public var throttleStart: InstantDistribution

  /// Summarizes one period's figures, one per replication in replication order.
  init(_ periods: [PeriodFigures]) {
    let first = periods[0]
    period = first.period
    start = first.start
    end = first.end
    quota = first.quota
    figures = ReplicationSummary.estimates(of: PeriodFigures.figures, over: periods)
    exhaustion = InstantDistribution(periods.map(\.exhaustion))
    throttleStart = InstantDistribution(periods.map(\.throttleStart))
  }

  private enum CodingKeys: String, CodingKey {
    case period, start, end, quota, figures, exhaustion, throttleStart
  }

  /// Encodes every key, writing `null` for a period without a quota.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(period, forKey: .period)
    try container.encode(start, forKey: .start)
    try container.encode(end, forKey: .end)
    try container.encode(quota, forKey: .quota)
    try container.encode(figures, forKey: .figures)
    try container.encode(exhaustion, forKey: .exhaustion)
    try container.encode(throttleStart, forKey: .throttleStart)
  }
}
