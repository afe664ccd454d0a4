import Foundation

/// Builds the HTTP responses a simulated Azure deployment sends, so that the client parses
/// real headers and bodies exactly as it would in production.
enum SimulatedResponses {
  /// A 429 as Azure OpenAI sends it for TPM or RPM, with the headers `style` asks for.
  static func rateLimited(_ refusal: RateLimitRefusal, style: RetryHeaderStyle) -> UpstreamResponse
  {
    var headers = HTTPHeaders([
      ("x-ratelimit-remaining-requests", String(max(0, refusal.remainingRequests))),
      ("x-ratelimit-remaining-tokens", String(max(0, refusal.remainingTokens))),
    ])
    switch style {
    case .full:
      headers.append(name: "retry-after", value: String(refusal.retryAfterSeconds))
      headers.append(name: "retry-after-ms", value: String(refusal.retryAfterMilliseconds))
    case .secondsOnly:
      headers.append(name: "retry-after", value: String(refusal.retryAfterSeconds))
    case .none:
      break
    }
    let window = refusal.blockingWindow == .requests ? "call rate" : "token rate"
    return UpstreamResponse(
      status: 429, headers: headers, errorCode: "429",
      errorMessage:
        "Requests to the ChatCompletions_Create Operation have exceeded \(window) limit. "
        + "Please retry after \(refusal.retryAfterSeconds) seconds.")
  }

  /// A 403 as API Management's token-limit policy sends it when the period quota is used up.
  static func quotaExceeded(retryAfterSeconds: Int64) -> UpstreamResponse {
    UpstreamResponse(
      status: 403, headers: HTTPHeaders([("Retry-After", String(retryAfterSeconds))]),
      errorCode: nil,
      errorMessage: "Token quota is exceeded. Try again in \(retryAfterSeconds) seconds.",
      bodyStatusCode: 403)
  }

  /// The answer to a request whose estimate exceeds the deployment's whole TPM.
  ///
  /// NOTE: the real service's answer to such a request is not modelled; a final 400 keeps
  /// the client from retrying a request that can never be admitted.
  static func neverAdmissible() -> UpstreamResponse {
    UpstreamResponse(
      status: 400, errorCode: "tokens_exceed_rate_limit",
      errorMessage: "The request's token estimate exceeds the deployment's tokens-per-minute limit."
    )
  }
}

/// How a run's requests ended.
struct RequestOutcomes {
  var simulated: Int64 = 0
  var served: Int64 = 0
  var dropped: Int64 = 0
  var droppedByReason: [String: Int64] = [:]
}
