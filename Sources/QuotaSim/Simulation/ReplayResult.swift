/// The outcome of replaying a script: its trace, the calls and responses per deployment, how
/// each request ended, the tracker's final state and the verdict on each expectation.
public struct ReplayResult: Sendable {
  /// The script's name.
  public var name: String
  /// The script's own description, if any.
  public var summary: String?
  /// The script's first instant.
  public var start: Instant
  /// The instant the run stopped and the final state was read.
  public var end: Instant
  /// Every decision, in order.
  public var trace: [TraceEvent]
  /// Per deployment, in catalog order.
  public var deployments: [ReplayedDeployment]
  /// Per request, in the order the script lists them.
  public var requests: [ReplayedRequest]
  /// The alerts the tracker fired, in order.
  public var alerts: [QuotaAlert]
  /// The messages the tracker logged, in order.
  public var logs: [LogEntry]
  /// The error that kept the tracker from opening its state file, or `nil`.
  public var stateError: String?
  /// Faults of the script itself found while running it, such as a call that no scripted
  /// response matched.
  public var problems: [String]
  /// The verdict on each expectation, in the order the script lists them.
  public var checks: [ExpectationCheck]

  /// Whether every expectation held and the run found no problem.
  public var passed: Bool { problems.isEmpty && checks.allSatisfy(\.passed) }

  /// The expectations that did not hold.
  public var failedChecks: [ExpectationCheck] { checks.filter { !$0.passed } }
}

/// One deployment of a replay: its calls, its responses and the tracker's state at the end.
public struct ReplayedDeployment: Sendable, Equatable {
  /// The deployment's name.
  public var name: String
  /// The instants of the calls it received, in order.
  public var callInstants: [Instant]
  /// Its responses counted by kind: an HTTP status such as `429`, or an outcome such as
  /// `connection failed`, with their counts.
  public var responseCounts: [String: Int]
  /// The tracker's state at the end, or `nil` when the tracker could not start.
  public var status: DeploymentQuotaStatus?
  /// Total tokens a tracker that reopened the state file after the run counted for the
  /// deployment, or `nil` when the script has no state file.
  public var usageAfterRestart: Int64?

  /// Calls it received.
  public var calls: Int { callInstants.count }
}

/// One request of a replay and how it ended.
public struct ReplayedRequest: Sendable, Equatable {
  /// The request's number.
  public var id: UInt64
  /// The deployment it was aimed at.
  public var primary: String
  /// The way it ended.
  public var ending: RequestEnding
  /// The reason it ended without a completion, or `nil`.
  public var failure: FailureReason?
  /// Retries on all deployments.
  public var retries: Int
  /// Moves to another deployment after the primary.
  public var fallbacks: Int
  /// Time spent waiting for retries and deferrals, in microseconds.
  public var waitedMicroseconds: Int64
  /// The instants of its calls, in order.
  public var attemptInstants: [Instant]
  /// Total tokens charged for it.
  public var tokens: Int64
}

/// The verdict on one expectation of a script.
public struct ExpectationCheck: Sendable, Equatable {
  /// The expectation.
  public var expectation: ReplayExpectation
  /// The value the replay produced.
  public var actual: FigureValue
  /// Whether the value is the expected one.
  public var passed: Bool
}
