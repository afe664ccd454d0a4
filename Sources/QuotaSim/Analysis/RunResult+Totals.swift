extension RunResult {
  /// Dropped requests per arrived request, or `nil` when none arrived.
  public var dropRate: Double? { ratio(requests.dropped, requests.simulated) }

  /// Requests served by a fallback per served request, over every deployment and period, or
  /// `nil` when none was served.
  public var fallbackShare: Double? {
    ratio(total(\.servedByFallback), total(\.servedDirect) + total(\.servedByFallback))
  }

  /// 429 responses per attempt over every deployment and period, or `nil` without attempts.
  public var rateLimitedPerAttempt: Double? { ratio(total(\.rateLimited), total(\.attempts)) }

  /// 403 responses per attempt over every deployment and period, or `nil` without attempts.
  public var quotaRefusedPerAttempt: Double? { ratio(total(\.quotaRefused), total(\.attempts)) }

  /// The cost of every deployment and period, in US dollars.
  public var costUSD: Double {
    deployments.reduce(0) { sum, deployment in
      deployment.periods.reduce(sum) { $0 + $1.costUSD }
    }
  }

  /// The first instant any deployment's quota ran out (see ``PeriodFigures/exhaustion``), or
  /// `nil` when none did.
  public var firstExhaustion: Instant? {
    deployments.compactMap(\.firstExhaustion).min()
  }

  /// The first instant the client's proactive throttle refused any deployment, or `nil`.
  public var firstThrottle: Instant? {
    deployments.compactMap(\.firstThrottle).min()
  }

  /// Returns the sum of `count` over every deployment and period.
  private func total(_ count: KeyPath<PeriodFigures, Int64>) -> Int64 {
    deployments.reduce(0) { sum, deployment in
      deployment.periods.reduce(sum) { $0.addingClamped($1[keyPath: count]) }
    }
  }
}

extension DeploymentResult {
  /// The first instant this deployment's quota ran out in any period, or `nil`.
  public var firstExhaustion: Instant? { periods.compactMap(\.exhaustion).min() }

  /// The first instant the proactive throttle refused this deployment in any period, or `nil`.
  public var firstThrottle: Instant? { periods.compactMap(\.throttleStart).min() }
}
