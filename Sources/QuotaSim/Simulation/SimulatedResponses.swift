import Foundation

/// Builds the HTTP responses a simulated Azure deployment sends, so that the client parses
/// real headers and bodies exactly as it would in production.
enum SimulatedResponses {
  /// A 429 as Azure OpenAI sends it for TPM or RPM, with the headers `style` asks for.
  ///
  /// NOTE: the body's message names the exceeded limit but not the wait, which Azure's text
  /// also states, so that a 429 builds no string on the heap. The client reads the wait from
  /// the headers and never parses a 429's message.
  static func rateLimited(_ refusal: RateLimitRefusal, style: RetryHeaderStyle) -> UpstreamResponse
  {
    var fields: [HTTPHeaders.Field] = []
    fields.reserveCapacity(4)
    fields.append(
      HTTPHeaders.Field(
        name: "x-ratelimit-remaining-requests",
        value: decimalText(max(0, refusal.remainingRequests))))
    fields.append(
      HTTPHeaders.Field(
        name: "x-ratelimit-remaining-tokens", value: decimalText(max(0, refusal.remainingTokens))))
    switch style {
    case .full:
      fields.append(
        HTTPHeaders.Field(name: "retry-after", value: decimalText(refusal.retryAfterSeconds)))
      fields.append(
        HTTPHeaders.Field(
          name: "retry-after-ms", value: decimalText(refusal.retryAfterMilliseconds)))
    case .secondsOnly:
      fields.append(
        HTTPHeaders.Field(name: "retry-after", value: decimalText(refusal.retryAfterSeconds)))
    case .none:
      break
    }
    let message =
      refusal.blockingWindow == .requests
      ? "Requests to the ChatCompletions_Create Operation have exceeded call rate limit."
      : "Requests to the ChatCompletions_Create Operation have exceeded token rate limit."
    return UpstreamResponse(
      status: 429, headers: HTTPHeaders(fields: fields), errorCode: "429", errorMessage: message)
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
}
