/// Azure's side of one deployment: the per-minute rate limits, and the period token quota of
/// an API Management gateway when the profile has one.
///
/// The endpoint decides; the simulation runner schedules. A request arrives with
/// ``admit(estimate:at:)``, and the response of an admitted request reports its usage with
/// ``recordUsage(totalTokens:at:)``. The rules, as Azure applies them:
///
/// - Requests: a sliding 10-second window admits RPM ÷ 6 requests, rounded up, at least 1.
/// - Tokens: a sliding 60-second window admits TPM tokens of *admission estimates*, made on
///   arrival and never corrected after the call.
/// - An admitted request counts until exactly 10 s (requests) or 60 s (tokens) after it
///   arrived. A request that exactly fills the allowance is admitted. A refused request is not
///   recorded, except that with ``EndpointConfig/tokenRefusalsUseRequestWindow`` a request
///   refused for tokens takes a slot in the request window when one is free, which can push
///   its own retry past the hinted delay.
/// - A 429's delay is the exact time until the blocking window admits this request, or the
///   later of both windows when both block.
/// - With ``LimitProfile/gateway(_:)``, the quota check comes first: once the period's usage
///   reaches the quota, every request gets a 403 until the UTC period boundary.
///
/// Instants are whole microseconds, so a retry at the hinted instant finds the blocking entry
/// expired. Calls must come in non-decreasing time order. After a warm-up in which the window
/// storage grows to its working size, calls allocate only when the gateway enters a new period.
///
/// `SimulatedEndpoint` is not thread-safe: the simulator core that drives it is
/// single-threaded.
public final class SimulatedEndpoint {
  /// The rate limits enforced.
  public let limits: EndpointLimits
  /// The profile and options of the simulated Azure side.
  public let config: EndpointConfig

  private var requestWindow: SlidingWindow
  private var tokenWindow: SlidingWindow
  private var gateway: GatewayQuotaCounter?
  private var latestMicroseconds: Int64

  private static let requestWindowMicroseconds: Int64 = 10_000_000
  private static let tokenWindowMicroseconds: Int64 = 60_000_000

  /// Creates the endpoint of `deployment`, idle at `start`.
  public convenience init(deployment: Deployment, config: EndpointConfig, start: Instant) {
    self.init(limits: EndpointLimits(deployment: deployment), config: config, start: start)
  }

  /// Creates an endpoint with `limits`, idle at `start`.
  public init(limits: EndpointLimits, config: EndpointConfig, start: Instant) {
    self.limits = limits
    self.config = config
    latestMicroseconds = start.microsecondsSinceEpoch

    // The request window never contains more than its allowance. Every entry of the token
    // window was also admitted to the request window, and 60 s is six 10-second windows, so
    // the token window never contains more than six allowances.
    let requestsPerWindow = Int(clamping: limits.requestsPerTenSeconds)
    let (sixWindows, overflow) = requestsPerWindow.multipliedReportingOverflow(by: 6)
    requestWindow = SlidingWindow(
      lengthMicroseconds: Self.requestWindowMicroseconds,
      limit: limits.requestsPerTenSeconds, maximumEntries: requestsPerWindow)
    tokenWindow = SlidingWindow(
      lengthMicroseconds: Self.tokenWindowMicroseconds, limit: limits.tokensPerMinute,
      maximumEntries: overflow ? .max : sixWindows)

    if case .gateway(let quota) = config.profile {
      gateway = GatewayQuotaCounter(quota: quota, start: start)
    }
  }

  /// Decides on a request arriving at `now` with Azure's admission `estimate` in tokens.
  ///
  /// The runner computes the estimate with ``EndpointConfig/admissionEstimate``, and a negative
  /// estimate counts as zero. An admitted request is recorded in both windows.
  ///
  /// - Returns: ``EndpointAnswer/quotaExceeded(retryAfterSeconds:periodEnd:)`` when the
  ///   gateway's quota is used up, ``EndpointAnswer/neverAdmissible`` when the estimate exceeds
  ///   the whole TPM, ``EndpointAnswer/rateLimited(_:)`` when a window is full, and
  ///   ``EndpointAnswer/admitted`` otherwise.
  /// - Complexity: amortised O(1) when admitted; a 429 from the token window walks the entries
  ///   that must leave before the request fits.
  public func admit(estimate: Int64, at now: Instant) -> EndpointAnswer {
    advance(to: now)
    if let refusal = gateway?.refusal(at: now) { return refusal }

    let nowMicroseconds = now.microsecondsSinceEpoch
    requestWindow.expire(at: nowMicroseconds)
    tokenWindow.expire(at: nowMicroseconds)
    let tokens = max(0, estimate)
    let requestDelay = requestWindow.delayMicroseconds(toFit: 1, at: nowMicroseconds)

    if tokens > limits.tokensPerMinute {
      takeRequestSlotForTokenRefusal(requestDelay: requestDelay, at: nowMicroseconds)
      return .neverAdmissible
    }

    let tokenDelay = tokenWindow.delayMicroseconds(toFit: tokens, at: nowMicroseconds)
    if requestDelay == 0 && tokenDelay == 0 {
      requestWindow.append(weight: 1, at: nowMicroseconds)
      tokenWindow.append(weight: tokens, at: nowMicroseconds)
      return .admitted
    }

    let blocking: RateLimitWindow =
      tokenDelay == 0 ? .requests : (requestDelay == 0 ? .tokens : .both)
    takeRequestSlotForTokenRefusal(requestDelay: requestDelay, at: nowMicroseconds)
    return .rateLimited(
      RateLimitRefusal(
        retryAfterMicroseconds: max(requestDelay, tokenDelay), blockingWindow: blocking,
        remainingRequests: remainingRequests, remainingTokens: remainingTokens))
  }

  /// Counts the actual `totalTokens` of a response arriving at `now` against the gateway's
  /// quota for the UTC period containing `now`. A standard endpoint ignores it.
  ///
  /// The rate windows are not touched: Azure never corrects an admission estimate.
  public func recordUsage(totalTokens: Int64, at now: Instant) {
    advance(to: now)
    gateway?.record(totalTokens: totalTokens, at: now)
  }

  /// Records a request rejected for tokens in the request window, when
  /// ``EndpointConfig/tokenRefusalsUseRequestWindow`` is set and the window has a free slot.
  private func takeRequestSlotForTokenRefusal(requestDelay: Int64, at nowMicroseconds: Int64) {
    if config.tokenRefusalsUseRequestWindow && requestDelay == 0 {
      requestWindow.append(weight: 1, at: nowMicroseconds)
    }
  }

  /// Checks that time does not run backwards and remembers `now`.
  private func advance(to now: Instant) {
    precondition(
      now.microsecondsSinceEpoch >= latestMicroseconds,
      "endpoint called at \(now) after \(Instant(microsecondsSinceEpoch: latestMicroseconds))")
    latestMicroseconds = now.microsecondsSinceEpoch
  }
}

extension SimulatedEndpoint {
  /// Requests that counted in the 10-second window at the last admission decision.
  public var requestsInWindow: Int64 { Int64(requestWindow.count) }

  /// Admission estimates, in tokens, that counted in the 60-second window at the last
  /// admission decision.
  public var tokensInWindow: Int64 { tokenWindow.sum }

  /// Requests the 10-second window could still admit at the last admission decision
  /// (`x-ratelimit-remaining-requests`).
  public var remainingRequests: Int64 { requestWindow.limit - Int64(requestWindow.count) }

  /// Tokens the 60-second window could still admit at the last admission decision
  /// (`x-ratelimit-remaining-tokens`).
  public var remainingTokens: Int64 { tokenWindow.limit - tokenWindow.sum }

  /// Returns the tokens counted against the gateway's quota at `now` (actual usage recorded
  /// plus background usage), or `nil` when the profile has no gateway.
  public func gatewayUsedTokens(at now: Instant) -> Int64? {
    advance(to: now)
    return gateway?.usedTokens(at: now)
  }

  /// The gateway's current UTC quota period, or `nil` when the profile has no gateway.
  public var gatewayPeriod: QuotaPeriod? { gateway?.period }

  /// Entries allocated for the request window's storage.
  var requestWindowCapacity: Int { requestWindow.capacity }

  /// The maximum number of entries the request window can contain.
  var requestWindowBound: Int { requestWindow.maximumEntries }

  /// Entries allocated for the token window's storage.
  var tokenWindowCapacity: Int { tokenWindow.capacity }

  /// The maximum number of entries the token window can contain.
  var tokenWindowBound: Int { tokenWindow.maximumEntries }
}
