/// A replay script: deployments that answer from canned responses, requests at fixed
/// instants, and the behaviour expected of the limiter.
///
/// A replay runs the real tracker and enforcer on the virtual clock, as a simulation does,
/// but every deployment has the `scripted` limit profile, which responds to each call with the next
/// matching response of its list instead of modelling Azure's limits. Scripts pin exact
/// decisions (which deployment, at which instant, after which response), so a change to
/// the limiter that changes a decision fails the script's expectations.
public struct ReplayScript: Sendable {
  /// The script's name, by default its file name without `.json`.
  public var name: String
  /// What the script checks, in a sentence or two, printed above the trace.
  public var summary: String?
  /// The first instant; request times and expected instants written as numbers are seconds
  /// after it.
  public var start: Instant
  /// The instant at which the run stops and the final state is read, or `nil` to run until
  /// no event is left.
  public var end: Instant?
  /// The deployments as the client sees them.
  public var catalog: DeploymentCatalog
  /// The client's limiter policy.
  public var policy: LimiterPolicy
  /// Each deployment's canned responses, in catalog order.
  public var responses: [[ScriptedResponse]]
  /// The requests, in the order they were written.
  public var requests: [ScriptedRequest]
  /// The text of the tracker's state file at the start, or `nil` to start with no usage and
  /// no state file.
  public var initialState: String?
  /// The behaviour expected of the limiter, in the order written.
  public var expectations: [ReplayExpectation]

  public init(
    name: String, summary: String? = nil, start: Instant, end: Instant? = nil,
    catalog: DeploymentCatalog, policy: LimiterPolicy = LimiterPolicy(),
    responses: [[ScriptedResponse]], requests: [ScriptedRequest], initialState: String? = nil,
    expectations: [ReplayExpectation] = []
  ) {
    self.name = name
    self.summary = summary
    self.start = start
    self.end = end
    self.catalog = catalog
    self.policy = policy
    self.responses = responses
    self.requests = requests
    self.initialState = initialState
    self.expectations = expectations
  }
}

/// One request of a replay script.
public struct ScriptedRequest: Sendable, Equatable {
  /// The request's number, unique in the script; it also seeds its backoff jitter.
  public var id: UInt64
  /// When the request arrives.
  public var at: Instant
  /// The deployment it is aimed at.
  public var deployment: DeploymentID
  /// The prompt's tokens.
  public var promptTokens: Int64
  /// The request's `max_tokens`, or `nil` when unset.
  public var maxTokens: Int64?
  /// The admission estimate in tokens when the script sets it, instead of the prompt plus
  /// `max_tokens` (or the deployment's default output estimate).
  public var estimate: Int64?

  public init(
    id: UInt64, at: Instant, deployment: DeploymentID, promptTokens: Int64 = 0,
    maxTokens: Int64? = nil, estimate: Int64? = nil
  ) {
    self.id = id
    self.at = at
    self.deployment = deployment
    self.promptTokens = promptTokens
    self.maxTokens = maxTokens
    self.estimate = estimate
  }
}

/// One canned response of a scripted deployment, and the calls it serves.
public struct ScriptedResponse: Sendable, Equatable {
  /// The client's view of a call's result.
  public enum Answer: Sendable, Equatable {
    /// An HTTP response. The body is the exact text sent, parsed by the client as a real
    /// response body would be.
    case response(status: Int, headers: HTTPHeaders, body: String?)
    /// No connection could be made; the text describes the error.
    case connectionFailure(String)
    /// No response arrived within the client's timeout.
    case timeout
  }

  /// The number of calls an entry serves.
  public enum Uses: Sendable, Equatable {
    /// This many calls, then the next entry applies.
    case times(Int)
    /// Every call it matches, without being used up.
    case always
  }

  /// The call's result.
  public var answer: Answer
  /// How long the answer takes to arrive after the call.
  public var serviceTime: Duration
  /// The number of calls the entry serves.
  public var uses: Uses
  /// The first instant the entry serves calls at, or `nil` for no lower bound.
  public var from: Instant?
  /// The first instant the entry no longer serves calls at, or `nil` for no upper bound.
  public var until: Instant?

  public init(
    answer: Answer, serviceTime: Duration = .zero, uses: Uses = .times(1), from: Instant? = nil,
    until: Instant? = nil
  ) {
    self.answer = answer
    self.serviceTime = serviceTime
    self.uses = uses
    self.from = from
    self.until = until
  }

  /// Returns whether the entry serves a call at `instant`.
  public func covers(_ instant: Instant) -> Bool {
    if let from, instant < from { return false }
    if let until, instant >= until { return false }
    return true
  }
}
