/// Sorts attempt outcomes into the classes the throttle enforcer acts on.
///
/// Status codes and structured fields decide, never free text:
///
/// - 2xx is a success, with the body's usage.
/// - 429 is quota exhaustion only when `error.code` is exactly `insufficient_quota` (OpenAI's
///   "out of credit"). Every other 429 is a rate limit, whatever its message text.
/// - 403 is quota exhaustion when its structured code names a quota (see ``isQuotaCode(_:)``)
///   or when it has Azure API Management's error shape and states when to come back (see
///   below). Every other 403 is an access denial.
/// - 408, 500, 502, 503 and 504, connection failures and timeouts are transient.
/// - Every other status is a client error.
///
/// API Management's `llm-token-limit` and `azure-openai-token-limit` policies return 403
/// Forbidden when a token quota is used up, with a `Retry-After` header in seconds
/// (https://learn.microsoft.com/azure/api-management/llm-token-limit-policy). The body is not
/// documented. Published transcripts show `{"statusCode":403,"message":"Token quota is
/// exceeded. Try again in 21 minutes and 33 seconds."}`, without an error code. API
/// Management's other policy errors use the same `statusCode` and `message` shape, for
/// example `ip-filter`'s "Caller IP address is blocked. Access denied.", but an access denial
/// states no time to retry. So a 403 whose body has a top-level `statusCode` of 403, a
/// `message` and no error code is quota exhaustion only when it also carries a valid retry
/// header or its message states a wait (``replenishDelay(inMessage:)``).
public enum ResponseClassifier {
  /// Returns the class of `outcome`.
  ///
  /// - Parameters:
  ///   - outcome: What the attempt produced.
  ///   - now: The instant the outcome is handled; retry dates and replenish instants are
  ///     measured from it.
  public static func classify(_ outcome: AttemptOutcome, now: Instant) -> ResponseClass {
    switch outcome {
    case .cancelled:
      return .cancelled
    case .connectionFailed, .timedOut:
      return .transient(status: nil, nil)
    case .response(let response):
      return classify(response, now: now)
    }
  }

  private static func classify(_ response: UpstreamResponse, now: Instant) -> ResponseClass {
    switch response.status {
    case 200..<300:
      return .success(response.usage)
    case 429:
      if response.errorCode == "insufficient_quota" {
        return .quotaExhausted(replenishAt: replenishInstant(of: response, now: now))
      }
      return .rateLimited(RetryAfterParser.hint(in: response.headers, now: now))
    case 403:
      return classifyForbidden(response, now: now)
    case 408, 500, 502, 503, 504:
      return .transient(
        status: response.status, RetryAfterParser.hint(in: response.headers, now: now))
    default:
      return .clientError(status: response.status, code: response.errorCode)
    }
  }

  private static func classifyForbidden(_ response: UpstreamResponse, now: Instant)
    -> ResponseClass
  {
    if let code = response.errorCode {
      guard isQuotaCode(code) else { return .accessDenied }
      return .quotaExhausted(replenishAt: replenishInstant(of: response, now: now))
    }

    let hasGatewayShape = response.bodyStatusCode == 403 && response.errorMessage != nil
    guard hasGatewayShape, let replenishAt = replenishInstant(of: response, now: now) else {
      return .accessDenied
    }
    return .quotaExhausted(replenishAt: replenishAt)
  }

  /// Returns whether a structured error code names a quota, such as `quota_exceeded`,
  /// `InsufficientQuota` or `TokenQuotaExceeded`.
  ///
  /// Case, `_` and `-` are ignored, and any code that then contains `quota` matches.
  public static func isQuotaCode(_ code: String) -> Bool {
    let normalized = code.lowercased().filter { $0 != "_" && $0 != "-" }
    return normalized.contains("quota")
  }

  /// Returns the instant the quota renews according to the response: `now` plus its retry
  /// header's delay, else plus the wait its message states, else `nil`.
  static func replenishInstant(of response: UpstreamResponse, now: Instant) -> Instant? {
    if let hint = RetryAfterParser.hint(in: response.headers, now: now) {
      return now.advanced(by: hint.delay)
    }
    if let message = response.errorMessage, let delay = replenishDelay(inMessage: message) {
      return now.advanced(by: delay)
    }
    return nil
  }
}
