extension ScriptRun {
  func makeResult(stateError: String?, restartUsage: [Int64]?) -> ReplayResult {
    for (index, calls) in unanswered.enumerated() {
      guard let calls else { continue }
      let name = script.catalog.deployments[index].name
      let first = TraceEvent.seconds(script.start.duration(to: calls.first))
      problems.append(
        "deployment '\(name)' received \(calls.count) call\(calls.count == 1 ? "" : "s") that "
          + "no scripted response matches, the first at \(first) s; each got a connection "
          + "failure instead. Add responses, or set \"repeat\": true on the last one")
    }

    let deployments = script.catalog.ids.map { id in
      ReplayedDeployment(
        name: script.catalog[id].name, callInstants: callInstants[id.index],
        responseCounts: responseCounts[id.index], status: tracker?.status(of: id),
        usageAfterRestart: restartUsage?[id.index])
    }
    let requests = script.requests.enumerated().map { index, request in
      let state = progress[index]
      return ReplayedRequest(
        id: request.id, primary: script.catalog[request.deployment].name,
        ending: state?.ending ?? .unfinished, failure: state?.failure,
        retries: state?.state.retries ?? 0, fallbacks: state?.state.fallbacks ?? 0,
        waitedMicroseconds: state?.state.waitedMicroseconds ?? 0,
        attemptInstants: state?.attemptInstants ?? [], tokens: state?.tokens ?? 0)
    }
    var result = ReplayResult(
      name: script.name, summary: script.summary, start: script.start, end: engine.now,
      trace: trace, deployments: deployments, requests: requests, alerts: alerts,
      logs: log.entries, stateError: stateError, problems: problems, checks: [])
    result.checks = script.expectations.map { expectation in
      let actual = result.value(of: expectation.figure)
      return ExpectationCheck(
        expectation: expectation, actual: actual, passed: actual == expectation.expected)
    }
    return result
  }
}

extension ReplayResult {
  /// Returns the value of `figure` in this replay; a figure of a deployment or request the
  /// replay does not have is `null`.
  public func value(of figure: ReplayFigure) -> FigureValue {
    switch figure {
    case .calls(let name):
      return deployment(name).map { .integer(Int64($0.calls)) } ?? .none
    case .callInstants(let name):
      return deployment(name).map { .instants($0.callInstants) } ?? .none
    case .responses(let name, let response):
      return deployment(name).map { .integer(Int64($0.responseCounts[response] ?? 0)) } ?? .none
    case .usedTokens(let name):
      return deployment(name)?.status.map { .integer($0.usage.totalTokens) } ?? .none
    case .outcomes(let ending):
      return .integer(Int64(requests.filter { $0.ending == ending }.count))
    case .request(let id, let field):
      return requests.first { $0.id == id }.map { value(of: field, in: $0) } ?? .none
    case .state(let name, let field):
      return deployment(name)?.status.map { value(of: field, in: $0) } ?? .none
    case .usageAfterRestart(let name):
      return deployment(name)?.usageAfterRestart.map { .integer($0) } ?? .none
    case .stateError:
      return stateError.map { .text($0) } ?? .none
    case .logged(let message):
      return .integer(Int64(logs.filter { $0.message == message }.count))
    }
  }

  private func deployment(_ name: String) -> ReplayedDeployment? {
    deployments.first { $0.name == name }
  }

  private func value(of field: RequestFigure, in request: ReplayedRequest) -> FigureValue {
    switch field {
    case .outcome: .text(request.ending.rawValue)
    case .error: request.failure.map { .text($0.description) } ?? .none
    case .retries: .integer(Int64(request.retries))
    case .fallbacks: .integer(Int64(request.fallbacks))
    case .waitedSeconds: .number(Double(request.waitedMicroseconds) / 1e6)
    case .attempts: .instants(request.attemptInstants)
    case .tokens: .integer(request.tokens)
    }
  }

  private func value(of field: StateFigure, in status: DeploymentQuotaStatus) -> FigureValue {
    switch field {
    case .period: .text(status.period.key)
    case .usedTokens: .integer(status.usage.totalTokens)
    case .reservedTokens: .integer(status.reservedTokens)
    case .exhausted: .bool(status.exhaustedUntil.map { $0 > end } ?? false)
    case .exhaustedUntil: status.exhaustedUntil.map { .instant($0) } ?? .none
    case .blockedUntil: status.blockedUntil.map { .instant($0) } ?? .none
    case .accessDenied: .bool(status.accessDenied)
    case .exhaustionEvents: .integer(Int64(status.exhaustionEvents))
    case .alerts: .numbers(status.alerts.map(\.thresholdPercent))
    case .throttled: .bool(status.isThrottled)
    case .history(let period):
      status.history.first { $0.period == period }.map { .integer($0.totalTokens) } ?? .none
    }
  }
}
