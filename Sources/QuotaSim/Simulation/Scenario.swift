/// A complete simulation input: when, how long, which deployments and limits, which client
/// policy and which traffic.
///
/// A scenario is a pure value, decoded and validated from a model file. A run is a function
/// of the scenario, its seed and the replication index.
public struct Scenario: Sendable {
  /// The model's name, used for output folders (`output/<name>/`).
  public var name: String
  /// The first simulated instant.
  public var start: Instant
  /// The first instant after the simulated span; arrivals at or after it are not generated.
  public var end: Instant
  /// The IANA zone of hour-of-day and day-of-week profiles and batch schedules.
  public var timeZoneIdentifier: String
  /// The seed every random stream derives from.
  public var seed: UInt64
  /// The deployments, their limits and fallbacks, as the client sees them.
  public var catalog: DeploymentCatalog
  /// The client's limiter policy.
  public var policy: LimiterPolicy
  /// The simulated Azure side of each deployment, in catalog order.
  public var endpoints: [EndpointConfig]
  /// The traffic, each workload aimed at a primary deployment.
  public var workloads: [WorkloadConfig]

  public init(
    name: String, start: Instant, end: Instant, timeZoneIdentifier: String = "UTC",
    seed: UInt64 = 1, catalog: DeploymentCatalog, policy: LimiterPolicy = LimiterPolicy(),
    endpoints: [EndpointConfig]? = nil, workloads: [WorkloadConfig]
  ) {
    self.name = name
    self.start = start
    self.end = end
    self.timeZoneIdentifier = timeZoneIdentifier
    self.seed = seed
    self.catalog = catalog
    self.policy = policy
    self.endpoints = endpoints ?? catalog.deployments.map { _ in EndpointConfig() }
    self.workloads = workloads
  }
}

/// The simulated Azure side of one deployment.
public struct EndpointConfig: Sendable, Equatable {
  /// Which limits the endpoint enforces.
  public var profile: LimitProfile = .standard
  /// How Azure counts a request's tokens against the TPM window on arrival.
  public var admissionEstimate: AdmissionEstimateRule = .promptPlusMaxTokens(defaultMaxTokens: 640)
  /// Which retry headers a 429 carries.
  public var retryHeaders: RetryHeaderStyle = .full
  /// Whether a request refused for tokens still takes a slot in the request window.
  public var tokenRefusalsUseRequestWindow = false
  /// How long a response takes.
  public var serviceTime = ServiceTimeModel()

  public init(
    profile: LimitProfile = .standard,
    admissionEstimate: AdmissionEstimateRule = .promptPlusMaxTokens(defaultMaxTokens: 640),
    retryHeaders: RetryHeaderStyle = .full, tokenRefusalsUseRequestWindow: Bool = false,
    serviceTime: ServiceTimeModel = ServiceTimeModel()
  ) {
    self.profile = profile
    self.admissionEstimate = admissionEstimate
    self.retryHeaders = retryHeaders
    self.tokenRefusalsUseRequestWindow = tokenRefusalsUseRequestWindow
    self.serviceTime = serviceTime
  }
}

/// The limits a simulated deployment enforces.
public enum LimitProfile: Sendable, Equatable {
  /// Azure OpenAI's per-minute limits only: TPM and RPM, answered with 429.
  case standard
  /// Per-minute limits behind an API Management gateway that also enforces a token quota per
  /// UTC period on actual usage, answered with 403 until the period ends.
  case gateway(GatewayQuota)
}

/// A gateway's period token quota, as API Management's token-limit policy enforces it.
public struct GatewayQuota: Sendable, Equatable {
  /// Tokens allowed per period, counting every consumer of the key.
  public var tokens: Int64
  /// The period; the gateway's periods are UTC calendar periods.
  public var period: QuotaPeriodUnit
  /// Tokens per day that other consumers draw on the same quota, spread evenly.
  public var backgroundTokensPerDay: Int64

  public init(tokens: Int64, period: QuotaPeriodUnit = .month, backgroundTokensPerDay: Int64 = 0) {
    self.tokens = tokens
    self.period = period
    self.backgroundTokensPerDay = backgroundTokensPerDay
  }
}

/// How Azure estimates a request's tokens when it arrives, for the TPM window.
///
/// Measurements: gpt-3.5-turbo counts `max_tokens` alone (16 when unset); gpt-4 and gpt-4o
/// count about one token per four characters of the messages plus `max_tokens` (about 640
/// when unset). `n` multiplies the completion part.
public enum AdmissionEstimateRule: Sendable, Equatable {
  /// The prompt tokens plus `max_tokens` × `n`, or `defaultMaxTokens` × `n` when unset.
  case promptPlusMaxTokens(defaultMaxTokens: Int64)
  /// `max_tokens` × `n` alone, or `defaultMaxTokens` × `n` when unset.
  case maxTokensOnly(defaultMaxTokens: Int64)

  /// The rule measured for `model`, or the gpt-4o rule for models not measured.
  public static func forModel(_ model: String) -> AdmissionEstimateRule {
    let name = model.lowercased()
    if name.hasPrefix("gpt-35-turbo") || name.hasPrefix("gpt-3.5-turbo") {
      return .maxTokensOnly(defaultMaxTokens: 16)
    }
    return .promptPlusMaxTokens(defaultMaxTokens: 640)
  }

  /// Returns the estimate in tokens for a request.
  public func estimate(promptTokens: Int64, maxTokens: Int64?, choices: Int64) -> Int64 {
    switch self {
    case .promptPlusMaxTokens(let fallback):
      let completion = (maxTokens ?? fallback).multipliedClamped(by: max(1, choices))
      return max(0, promptTokens).addingClamped(completion)
    case .maxTokensOnly(let fallback):
      return (maxTokens ?? fallback).multipliedClamped(by: max(1, choices))
    }
  }
}

/// Which retry headers a simulated 429 carries.
public enum RetryHeaderStyle: String, Sendable, Equatable, CaseIterable {
  /// `retry-after` in whole seconds rounded up and `retry-after-ms` exact.
  case full
  /// `retry-after` in whole seconds only.
  case secondsOnly
  /// No retry header at all, as some real 429s arrive.
  case none
}

/// Time to first token plus generation at a model-dependent rate, with random spread.
public struct ServiceTimeModel: Sendable, Equatable {
  /// Mean time to first token, in seconds.
  public var timeToFirstTokenSeconds: Double = 0.6
  /// Mean completion tokens generated per second.
  public var tokensPerSecond: Double = 60
  /// Coefficient of variation of the total service time (0: deterministic).
  public var spread: Double = 0

  public init(
    timeToFirstTokenSeconds: Double = 0.6, tokensPerSecond: Double = 60, spread: Double = 0
  ) {
    self.timeToFirstTokenSeconds = timeToFirstTokenSeconds
    self.tokensPerSecond = tokensPerSecond
    self.spread = spread
  }
}
