/// One fact a replay script expects of the limiter, such as the number of calls a deployment
/// received.
public struct ReplayExpectation: Sendable, Equatable {
  /// Where the expectation is written in the script, such as `expect.calls.A`.
  public var path: String
  /// The figure of the replay that it checks.
  public var figure: ReplayFigure
  /// The expected value.
  public var expected: FigureValue

  public init(path: String, figure: ReplayFigure, expected: FigureValue) {
    self.path = path
    self.figure = figure
    self.expected = expected
  }
}

/// A figure of a finished replay that a script can pin.
public enum ReplayFigure: Sendable, Equatable {
  /// Calls the deployment received.
  case calls(deployment: String)
  /// The instants of the calls the deployment received, in order.
  case callInstants(deployment: String)
  /// Responses of one kind the deployment gave: an HTTP status such as `429`, or an outcome
  /// without a response such as `connection failed`.
  case responses(deployment: String, response: String)
  /// Total tokens the tracker counts for the deployment in its period at the end.
  case usedTokens(deployment: String)
  /// Requests that ended this way.
  case outcomes(RequestEnding)
  /// A figure of one request.
  case request(id: UInt64, RequestFigure)
  /// A field of the tracker's state of the deployment at the end.
  case state(deployment: String, StateFigure)
  /// Total tokens a tracker that reopens the state file after the run counts for the
  /// deployment in its period.
  case usageAfterRestart(deployment: String)
  /// The error that kept the tracker from opening its state file, or `nil`.
  case stateError
  /// How many times the tracker logged this message.
  case logged(message: String)
}

/// How a replayed request ended.
public enum RequestEnding: String, Sendable, Equatable, CaseIterable {
  /// A response with a completion.
  case completed
  /// No completion, after at least one response.
  case failed
  /// No completion, because no deployment on its route could take it.
  case dropped
  /// Still waiting or in flight when the run stopped.
  case unfinished
}

/// A figure of one replayed request.
public enum RequestFigure: String, Sendable, Equatable, CaseIterable {
  /// How it ended: `completed`, `failed`, `dropped` or `unfinished`.
  case outcome
  /// The reason it ended without a completion, such as `HTTP 408 from A`, or `null`.
  case error
  /// Retries on all deployments.
  case retries
  /// Moves to another deployment of its route after the primary.
  case fallbacks
  /// Seconds spent waiting for retries and deferrals.
  case waitedSeconds
  /// The instants of its calls, in order.
  case attempts
  /// Total tokens charged for it.
  case tokens
}

/// A field of a deployment's tracker state.
public enum StateFigure: Sendable, Equatable {
  /// The key of the current quota period, such as `2025-02`.
  case period
  /// Total tokens used in the current period.
  case usedTokens
  /// Tokens reserved by requests in flight.
  case reservedTokens
  /// Whether the server's exhaustion declaration still applies.
  case exhausted
  /// Until when the server declared the quota exhausted, or `null`.
  case exhaustedUntil
  /// Until when an over-cap retry delay blocks the deployment, or `null`.
  case blockedUntil
  /// Whether the deployment is flagged as denying access.
  case accessDenied
  /// Times the server declared the quota exhausted.
  case exhaustionEvents
  /// The thresholds, in percent of the quota, of the alerts fired in the current period.
  case alerts
  /// Whether the proactive throttle rejects new requests.
  case throttled
  /// Total tokens of a closed period, by its key.
  case history(period: String)

  /// The field's name in a script, such as `exhaustedUntil` or `history.2025-01`.
  public var name: String {
    switch self {
    case .period: "period"
    case .usedTokens: "usedTokens"
    case .reservedTokens: "reservedTokens"
    case .exhausted: "exhausted"
    case .exhaustedUntil: "exhaustedUntil"
    case .blockedUntil: "blockedUntil"
    case .accessDenied: "accessDenied"
    case .exhaustionEvents: "exhaustionEvents"
    case .alerts: "alerts"
    case .throttled: "throttled"
    case .history(let period): "history.\(period)"
    }
  }
}

/// The value of a replay figure, expected or observed.
public enum FigureValue: Sendable, Equatable {
  case integer(Int64)
  case number(Double)
  case text(String)
  case bool(Bool)
  /// No value, written `null`.
  case none
  case instant(Instant)
  case instants([Instant])
  case numbers([Double])

  /// Returns the value as a script would write it; instants are seconds after `origin`,
  /// and a single instant also shows its ISO 8601 form.
  public func rendered(origin: Instant) -> String {
    switch self {
    case .integer(let value): "\(value)"
    case .number(let value): Self.decimal(value)
    case .text(let text): JSONValue.quoted(text)
    case .bool(let value): value ? "true" : "false"
    case .none: "null"
    case .instant(let instant):
      "\(TraceEvent.seconds(origin.duration(to: instant))) (\(instant.iso8601))"
    case .instants(let instants):
      "[" + instants.map { TraceEvent.seconds(origin.duration(to: $0)) }.joined(separator: ", ")
        + "]"
    case .numbers(let values): "[" + values.map(Self.decimal).joined(separator: ", ") + "]"
    }
  }

  /// Returns a number without a needless `.0`.
  static func decimal(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), value.magnitude < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }
}
