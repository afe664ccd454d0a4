/// The definition of a replication study: the model, the sweep points and the number of
/// replications of each.
///
/// Shards of one study have equal descriptors; the merge checks that before it combines them.
public struct StudyDescriptor: Sendable, Equatable, Codable {
  /// The command whose output the study produces.
  public enum Kind: String, Sendable, Codable {
    /// `run --replications`: one point.
    case replications
    /// `sweep`: one row per point.
    case sweep
  }

  /// The command whose output the study produces.
  public var kind: Kind
  /// The scenario's name.
  public var model: String
  /// The fingerprint of the scenario file (``ScenarioDocument/digest``).
  public var modelDigest: String
  /// The seed every stream derives from, after any `--seed`.
  public var seed: UInt64
  /// The `--months` override, or `nil` for the file's horizon.
  public var months: Int?
  /// Replications per point.
  public var replications: Int
  /// The sweep axes; empty for `run --replications`.
  public var axes: [SweepAxis]
  /// The deployment whose exhaustion sweep rows report, or `nil` for any deployment.
  public var deployment: String?

  public init(
    kind: Kind, model: String, modelDigest: String, seed: UInt64, months: Int?,
    replications: Int, axes: [SweepAxis], deployment: String?
  ) {
    self.kind = kind
    self.model = model
    self.modelDigest = modelDigest
    self.seed = seed
    self.months = months
    self.replications = replications
    self.axes = axes
    self.deployment = deployment
  }

  /// The maximum number of tasks (points × replications) in one study, because every task's
  /// result is kept until the study is summarized.
  public static let maximumTasks = 1_000_000

  /// Returns why the descriptor cannot describe a study, or `nil` when it can: too many
  /// points or tasks, or a replication count outside 1 to 1,048,576.
  public var problem: String? {
    guard (1...StreamKey.replicationLimit).contains(replications) else {
      return "replications \(replications) are not from 1 to \(StreamKey.replicationLimit)"
    }
    let plan: SweepPlan
    do throws(SweepPlanError) {
      plan = try SweepPlan(axes: axes)
    } catch {
      return error.description
    }
    guard plan.pointCount <= Self.maximumTasks / replications else {
      return "\(plan.pointCount) points × \(replications) replications are more than "
        + "\(Self.maximumTasks) runs; use fewer points or replications, or split the study"
    }
    return nil
  }

  /// The number of tasks: points × replications.
  ///
  /// - Precondition: the axes form a valid ``SweepPlan``.
  public var taskCount: Int {
    guard let plan = try? SweepPlan(axes: axes) else {
      preconditionFailure("the study's axes have too many points")
    }
    return plan.pointCount * replications
  }
}

/// The result of one task of a study: one replication of one point.
public struct TaskResult: Sendable, Equatable, Codable {
  /// The point, from 0.
  public var point: Int
  /// The replication, from 0.
  public var replication: Int
  /// The run's result.
  public var result: RunResult

  public init(point: Int, replication: Int, result: RunResult) {
    self.point = point
    self.replication = replication
    self.result = result
  }
}
