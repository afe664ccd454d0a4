/// A sweep summarized: one row per point with the figures planners compare, each with its
/// 95 % confidence interval, and every point's full replication summary.
public struct SweepResult: Sendable, Equatable, Encodable {
  /// One axis as reports show it.
  public struct Axis: Sendable, Equatable, Encodable {
    /// The field's path.
    public var path: String
    /// The values as written, in order.
    public var values: [String]
  }

  /// The scenario's name.
  public var model: String
  /// The seed every stream derives from.
  public var seed: UInt64
  /// Replications per point.
  public var replications: Int
  /// The deployment whose exhaustion and throttle the rows report, or `nil` for the first of
  /// any deployment.
  public var deployment: String?
  /// The axes, in order.
  public var axes: [Axis]
  /// The points, in order.
  public var points: [SweepPointResult]

  /// Summarizes a sweep from its results, which hold every replication of every point.
  ///
  /// - Precondition: `results` holds, for each point of `study` in order, its replications
  ///   in order.
  public init(study: StudyDescriptor, results: [TaskResult]) {
    model = study.model
    seed = study.seed
    replications = study.replications
    deployment = study.deployment
    axes = study.axes.map { Axis(path: $0.path.description, values: $0.values.map(\.description)) }
    guard let plan = try? SweepPlan(axes: study.axes) else {
      preconditionFailure("the study's axes have too many points")
    }
    precondition(results.count == plan.pointCount * study.replications, "results are incomplete")
    points = (0..<plan.pointCount).map { point in
      let slice = results[(point * study.replications)..<((point + 1) * study.replications)]
      return SweepPointResult(
        index: point, settings: plan.settings(ofPoint: point), results: slice.map(\.result),
        deployment: study.deployment)
    }
  }
}

/// One point of a sweep.
public struct SweepPointResult: Sendable, Equatable, Encodable {
  /// The point's number, from 0.
  public var index: Int
  /// The value of each axis at this point, by path.
  public var settings: [String: String]
  /// 429 responses per attempt, over every deployment.
  public var rateLimitedPerAttempt: MeanEstimate
  /// 403 responses per attempt, over every deployment.
  public var quotaRefusedPerAttempt: MeanEstimate
  /// Dropped requests per arrived request.
  public var dropRate: MeanEstimate
  /// Requests served by a fallback per served request.
  public var fallbackShare: MeanEstimate
  /// The cost of every deployment, in US dollars.
  public var costUSD: MeanEstimate
  /// When the quota first ran out: of the sweep's deployment, or of any deployment.
  public var exhaustion: InstantDistribution
  /// When the proactive throttle first refused: the sweep's deployment, or any deployment.
  public var throttleStart: InstantDistribution
  /// Every figure of the point.
  public var summary: ReplicationSummary

  init(index: Int, settings: [SweepSetting], results: [RunResult], deployment: String?) {
    self.index = index
    self.settings = Dictionary(
      settings.map { ($0.path.description, $0.value.description) }, uniquingKeysWith: { $1 })
    rateLimitedPerAttempt = MeanEstimate(of: results.map(\.rateLimitedPerAttempt))
    quotaRefusedPerAttempt = MeanEstimate(of: results.map(\.quotaRefusedPerAttempt))
    dropRate = MeanEstimate(of: results.map(\.dropRate))
    fallbackShare = MeanEstimate(of: results.map(\.fallbackShare))
    costUSD = MeanEstimate(of: results.map(\.costUSD))
    let focus = results.map { result in
      deployment.flatMap { name in result.deployments.first { $0.name == name } }
    }
    exhaustion = InstantDistribution(
      zip(results, focus).map { result, focused in
        deployment == nil ? result.firstExhaustion : focused?.firstExhaustion
      })
    throttleStart = InstantDistribution(
      zip(results, focus).map { result, focused in
        deployment == nil ? result.firstThrottle : focused?.firstThrottle
      })
    summary = ReplicationSummary(results)
  }
}
