extension ScriptRun {
  func handle(_ event: ScriptEvent) {
    switch event {
    case .arrival(let index):
      arrive(index)
    case .attempt(let index):
      askEnforcer(index)
    case .response(let index):
      respond(index)
    }
  }

  private func arrive(_ index: Int) {
    let request = script.requests[index]
    let deployment = script.catalog[request.deployment]
    let estimate =
      request.estimate
      ?? TokenEstimator().estimate(
        promptTokens: request.promptTokens, maxTokens: request.maxTokens, choices: 1,
        defaultOutputEstimate: deployment.defaultOutputEstimate)
    let state = enforcer.makeRequest(
      id: request.id, estimate: estimate, primary: request.deployment)
    progress[index] = RequestProgress(state: state, target: request.deployment)
    askEnforcer(index)
  }

  private func askEnforcer(_ index: Int) {
    switch enforcer.nextStep(for: &progress[index]!.state, observer: self) {
    case .send(let deployment):
      send(index, to: deployment)
    case .deferUntil(let instant):
      record(.deferral, index, until: instant)
      schedule(.attempt(index), at: instant)
    case .drop(let reason):
      record(.drop, index, error: reason)
      end(index, .dropped, failure: reason)
    }
  }

  private func send(_ index: Int, to deployment: DeploymentID) {
    let now = engine.now
    progress[index]!.target = deployment
    progress[index]!.attemptInstants.append(now)
    callInstants[deployment.index].append(now)
    record(.attempt, index)

    guard let entry = endpoints[deployment.index].answer(at: now) else {
      let earlier = unanswered[deployment.index]
      unanswered[deployment.index] = ((earlier?.count ?? 0) + 1, earlier?.first ?? now)
      progress[index]!.pending = .connectionFailed(Self.unansweredOutcome)
      respond(index)
      return
    }
    progress[index]!.pending = entry.answer.outcome
    // A response without service time is handled at once, as the simulator handles Azure's
    // rejections, so the trace shows each response right after its call.
    if entry.serviceTime == .zero {
      respond(index)
    } else {
      schedule(.response(index), at: now.advanced(by: entry.serviceTime))
    }
  }

  private func respond(_ index: Int) {
    guard let outcome = progress[index]!.pending else { return }
    progress[index]!.pending = nil
    let target = progress[index]!.target
    responseCounts[target.index][Self.responseKey(outcome), default: 0] += 1

    let decision = enforcer.handle(outcome, for: &progress[index]!.state, observer: self)
    switch decision {
    case .done(let usage):
      progress[index]!.tokens = usage.totalTokens
      record(.done, index, outcome: outcome, tokens: usage.totalTokens)
      end(index, .completed, failure: nil)
    case .retry(let instant):
      record(.retry, index, outcome: outcome, until: instant)
      schedule(.attempt(index), at: instant)
    case .fallBack(let next):
      record(.fallBack, index, outcome: outcome)
      send(index, to: next)
    case .deferUntil(let instant):
      record(.deferral, index, outcome: outcome, until: instant)
      schedule(.attempt(index), at: instant)
    case .fail(let reason):
      record(.failure, index, outcome: outcome, error: reason)
      end(index, .failed, failure: reason)
    }
  }

  private func end(_ index: Int, _ ending: RequestEnding, failure: FailureReason?) {
    progress[index]!.ending = ending
    progress[index]!.failure = failure
  }

  /// The outcome text of a call that no scripted response matched.
  static let unansweredOutcome = "no scripted response"

  /// Returns the key an outcome is counted and traced under: its HTTP status, or its name.
  static func responseKey(_ outcome: AttemptOutcome) -> String {
    switch outcome {
    case .response(let response): String(response.status)
    case .connectionFailed(let text) where text == unansweredOutcome: unansweredOutcome
    case .connectionFailed: "connection failed"
    case .timedOut: "timed out"
    case .cancelled: "cancelled"
    }
  }

  private func record(
    _ kind: TraceEvent.Kind, _ index: Int, outcome: AttemptOutcome? = nil, until: Instant? = nil,
    tokens: Int64? = nil, error: FailureReason? = nil
  ) {
    guard let request = progress[index] else { return }
    var status: Int?
    var text: String?
    if let outcome {
      if case .response(let response) = outcome {
        status = response.status
      } else {
        text = Self.responseKey(outcome)
      }
    }
    trace.append(
      TraceEvent(
        at: engine.now, request: request.state.id,
        deployment: script.catalog[request.target].name,
        attempt: kind == .fallBack ? request.state.attempts - 1 : request.state.attempts,
        kind: kind, status: status, outcome: text, until: until, tokens: tokens,
        error: error?.description))
  }
}

extension ScriptRun: RoutingObserver {
  public func enforcerDidThrottle(_ deployment: DeploymentID, request: RequestState) {}

  public func enforcerDidSkip(
    _ deployment: DeploymentID, because admission: Admission, request: RequestState
  ) {}

  public func enforcerDidFire(_ alerts: [QuotaAlert]) {
    self.alerts += alerts
  }
}
