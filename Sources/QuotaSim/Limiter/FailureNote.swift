/// A failure as a ``RequestState`` stores it: deployments by catalog index and a client
/// error's code by its number in the tracker's table, so that the state holds no string and
/// copies as plain bytes. ``ThrottleEnforcer`` turns it back into a ``FailureReason``.
enum FailureNote: Sendable, Equatable {
  case noDeploymentAvailable
  case neverAdmissible(deployment: Int32)
  case retriesExhausted(deployment: Int32)
  case upstreamUnavailable(deployment: Int32)
  case httpStatus(Int32, deployment: Int32)
  /// `code` is the number ``QuotaTracker/number(ofFailureCode:)`` gave the code, or -1 for
  /// none.
  case clientError(status: Int32, code: Int32, deployment: Int32)
  case quotaExhausted(deployment: Int32)
  case accessDenied(deployment: Int32)
  case waitLimitExceeded
  case cancelled
}

extension ThrottleEnforcer {
  /// Returns `failure` as a request state stores it.
  ///
  /// The failure's deployment is looked up by name, first against `likely`, the deployment
  /// that usually failed, which spares hashing the name. A deployment unknown to the catalog
  /// cannot occur, because the enforcer names only catalog deployments in its failures.
  func note(for failure: FailureReason, likely: DeploymentID? = nil) -> FailureNote {
    func index(of name: String) -> Int32 {
      if let likely, tracker.catalog.deployments[likely.index].name == name {
        return Int32(likely.index)
      }
      return self.index(of: name)
    }

    switch failure {
    case .noDeploymentAvailable: return .noDeploymentAvailable
    case .neverAdmissible(let name): return .neverAdmissible(deployment: index(of: name))
    case .retriesExhausted(let name): return .retriesExhausted(deployment: index(of: name))
    case .upstreamUnavailable(let name): return .upstreamUnavailable(deployment: index(of: name))
    case .httpStatus(let status, let name):
      return .httpStatus(Int32(clamping: status), deployment: index(of: name))
    case .clientError(let status, let code, let name):
      return .clientError(
        status: Int32(clamping: status), code: code.map(tracker.number(ofFailureCode:)) ?? -1,
        deployment: index(of: name))
    case .quotaExhausted(let name): return .quotaExhausted(deployment: index(of: name))
    case .accessDenied(let name): return .accessDenied(deployment: index(of: name))
    case .waitLimitExceeded: return .waitLimitExceeded
    case .cancelled: return .cancelled
    }
  }

  /// Returns the failure that `note` stores.
  func reason(for note: FailureNote) -> FailureReason {
    switch note {
    case .noDeploymentAvailable: return .noDeploymentAvailable
    case .neverAdmissible(let index): return .neverAdmissible(deployment: name(of: index))
    case .retriesExhausted(let index): return .retriesExhausted(deployment: name(of: index))
    case .upstreamUnavailable(let index): return .upstreamUnavailable(deployment: name(of: index))
    case .httpStatus(let status, let index):
      return .httpStatus(Int(status), deployment: name(of: index))
    case .clientError(let status, let code, let index):
      return .clientError(
        status: Int(status), code: code < 0 ? nil : tracker.failureCode(number: code),
        deployment: name(of: index))
    case .quotaExhausted(let index): return .quotaExhausted(deployment: name(of: index))
    case .accessDenied(let index): return .accessDenied(deployment: name(of: index))
    case .waitLimitExceeded: return .waitLimitExceeded
    case .cancelled: return .cancelled
    }
  }

  private func index(of name: String) -> Int32 {
    guard let id = tracker.catalog.id(named: name) else {
      preconditionFailure("failure names deployment '\(name)', which is not in the catalog")
    }
    return Int32(id.index)
  }

  private func name(of index: Int32) -> String {
    tracker.catalog.deployments[Int(index)].name
  }
}
