/// One Azure OpenAI deployment as the limiter sees it: its limits, prices and fallbacks.
public struct Deployment: Sendable, Equatable {
  /// The deployment name, unique in its catalog.
  public var name: String
  /// The model name, such as `gpt-4o`; it selects the ``ModelProfile``.
  public var model: String
  /// The endpoint URL, informational.
  public var endpoint: String?
  /// Tokens allowed per quota period, or `nil` when no period quota applies.
  public var tokenQuota: Int64?
  /// The length of the quota period.
  public var quotaPeriod: QuotaPeriodUnit
  /// The IANA zone that names the client's quota periods (the gateway always uses UTC).
  public var timeZoneIdentifier: String
  /// Azure's tokens-per-minute rate limit.
  public var tokensPerMinute: Int64
  /// Azure's requests-per-minute rate limit: given, or derived from TPM by the model's ratio.
  public var requestsPerMinute: Int64
  /// Price in US dollars per million prompt tokens.
  public var promptPricePerMillion: Double
  /// Price in US dollars per million completion tokens.
  public var completionPricePerMillion: Double
  /// Deployments to try, in order, when this one cannot serve a request.
  public var fallbacks: [String]
  /// Completion tokens the client reserves when a request sets no `max_tokens`.
  public var defaultOutputEstimate: Int64

  /// Creates a deployment; RPM and the default output estimate follow from the model unless given.
  public init(
    name: String, model: String = "gpt-4o", endpoint: String? = nil, tokenQuota: Int64? = nil,
    quotaPeriod: QuotaPeriodUnit = .month, timeZoneIdentifier: String = "UTC",
    tokensPerMinute: Int64 = 1_000_000, requestsPerMinute: Int64? = nil,
    promptPricePerMillion: Double = 0, completionPricePerMillion: Double = 0,
    fallbacks: [String] = [], defaultOutputEstimate: Int64? = nil
  ) {
    let profile = ModelProfile.forModel(model)
    self.name = name
    self.model = model
    self.endpoint = endpoint
    self.tokenQuota = tokenQuota
    self.quotaPeriod = quotaPeriod
    self.timeZoneIdentifier = timeZoneIdentifier
    self.tokensPerMinute = tokensPerMinute
    self.requestsPerMinute =
      requestsPerMinute ?? profile.requestsPerMinute(forTokensPerMinute: tokensPerMinute)
    self.promptPricePerMillion = promptPricePerMillion
    self.completionPricePerMillion = completionPricePerMillion
    self.fallbacks = fallbacks
    self.defaultOutputEstimate = defaultOutputEstimate ?? profile.defaultOutputReservation
  }
}

/// A deployment's position in its catalog; the limiter's hot paths index arrays with it.
public struct DeploymentID: Hashable, Comparable, Sendable {
  /// The index into ``DeploymentCatalog/deployments``.
  public let index: Int

  public init(_ index: Int) {
    self.index = index
  }

  public static func < (lhs: DeploymentID, rhs: DeploymentID) -> Bool { lhs.index < rhs.index }
}
