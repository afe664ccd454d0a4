/// The per-minute rate limits that Azure enforces on one deployment.
public struct EndpointLimits: Sendable, Equatable {
  /// Tokens per minute: the maximum sum of admission estimates in the sliding 60-second window.
  public var tokensPerMinute: Int64
  /// Requests per minute, from which the 10-second request allowance follows.
  public var requestsPerMinute: Int64

  /// Creates limits, clamping negative values to zero.
  public init(tokensPerMinute: Int64, requestsPerMinute: Int64) {
    self.tokensPerMinute = max(0, tokensPerMinute)
    self.requestsPerMinute = max(0, requestsPerMinute)
  }

  /// Creates the limits of `deployment`, whose RPM already follows from its TPM and model.
  public init(deployment: Deployment) {
    self.init(
      tokensPerMinute: deployment.tokensPerMinute, requestsPerMinute: deployment.requestsPerMinute)
  }

  /// Requests admitted per sliding 10 seconds: RPM ÷ 6, rounded up, at least 1.
  public var requestsPerTenSeconds: Int64 {
    let sixth = requestsPerMinute / 6
    return max(1, requestsPerMinute % 6 > 0 ? sixth + 1 : sixth)
  }
}
