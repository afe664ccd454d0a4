import Foundation
import Testing

@testable import QuotaSim

@Suite struct ResponseClassifierTests {
  let now = Instant(iso8601: "2025-03-10T09:00:00Z")!

  private func classify(
    status: Int, headers: HTTPHeaders = [:], body: String? = nil
  ) -> ResponseClass {
    let response = UpstreamResponse(
      status: status, headers: headers, body: body.map { Data($0.utf8) })
    return ResponseClassifier.classify(.response(response), now: now)
  }

  // MARK: Success

  @Test func successCarriesUsage() {
    let result = classify(
      status: 200, body: #"{"usage":{"prompt_tokens":600,"completion_tokens":300}}"#)
    #expect(result == .success(TokenUsage(promptTokens: 600, completionTokens: 300)))
  }

  @Test func successWithoutUsageCarriesNil() {
    #expect(classify(status: 200, body: #"{"choices":[]}"#) == .success(nil))
  }

  @Test func anyTwoHundredIsSuccess() {
    #expect(classify(status: 204) == .success(nil))
  }

  // MARK: 429

  @Test func insufficientQuotaCodeIsQuotaExhaustion() {
    let body =
      #"{"error":{"code":"insufficient_quota","type":"insufficient_quota","message":"..."}}"#
    #expect(classify(status: 429, body: body) == .quotaExhausted(replenishAt: nil))
  }

  @Test func insufficientQuotaWithRetryAfterGivesReplenishInstant() {
    let body = #"{"error":{"code":"insufficient_quota","message":"..."}}"#
    let result = classify(status: 429, headers: ["retry-after": "3600"], body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: "2025-03-10T10:00:00Z")))
  }

  @Test func quotaTextWithoutCodeIsRateLimit() {
    let body =
      #"{"status":429,"error":"INSUFFICIENT QUOTA","message":"concurrent request limit reached"}"#
    #expect(classify(status: 429, body: body) == .rateLimited(nil))
  }

  static let nonExactQuotaCodes = ["INSUFFICIENT_QUOTA", "insufficient-quota", "quota_exceeded"]

  @Test(arguments: nonExactQuotaCodes)
  func onlyExactInsufficientQuotaCodeExhaustsOn429(code: String) {
    let body = #"{"error":{"code":"\#(code)"}}"#
    #expect(classify(status: 429, body: body) == .rateLimited(nil))
  }

  @Test func rateLimitCarriesRetryHint() {
    let body = #"{"error":{"code":"429","message":"Please retry after 6 seconds."}}"#
    let result = classify(status: 429, headers: ["retry-after": "6"], body: body)
    #expect(result == .rateLimited(RetryHint(delay: .seconds(6), source: .retryAfterSeconds)))
  }

  @Test func rateLimitWithLongHintKeepsIt() {
    let result = classify(status: 429, headers: ["retry-after": "86400"])
    #expect(result == .rateLimited(RetryHint(delay: .seconds(86_400), source: .retryAfterSeconds)))
  }

  @Test func rateLimitPrefersMillisecondHint() {
    let result = classify(status: 429, headers: ["retry-after-ms": "1500", "retry-after": "2"])
    let expected = RetryHint(delay: .milliseconds(1500), source: .retryAfterMilliseconds)
    #expect(result == .rateLimited(expected))
  }

  // MARK: 403

  static let quotaCodes = [
    "quota_exceeded", "InsufficientQuota", "insufficient_quota", "QuotaExceeded",
    "TokenQuotaExceeded", "QUOTA-EXCEEDED", "OutOfQuota",
  ]

  @Test(arguments: quotaCodes)
  func forbiddenWithQuotaCodeIsQuotaExhaustion(code: String) {
    let body = #"{"error":{"code":"\#(code)","message":"monthly quota exhausted"}}"#
    #expect(classify(status: 403, body: body) == .quotaExhausted(replenishAt: nil))
  }

  @Test func forbiddenWithTopLevelQuotaCodeIsQuotaExhaustion() {
    let body = #"{"code":"QuotaExceeded","message":"..."}"#
    #expect(classify(status: 403, body: body) == .quotaExhausted(replenishAt: nil))
  }

  @Test func forbiddenPermissionDeniedIsAccessDenied() {
    let body = #"{"error":{"code":"PermissionDenied","message":"..."}}"#
    #expect(classify(status: 403, body: body) == .accessDenied)
  }

  @Test func forbiddenNonQuotaCodeIgnoresRetryAfter() {
    let body = #"{"error":{"code":"PermissionDenied","message":"try again in 00:10:00"}}"#
    #expect(classify(status: 403, headers: ["retry-after": "600"], body: body) == .accessDenied)
  }

  @Test func forbiddenQuotaInTextOnlyIsAccessDenied() {
    let body = #"{"error":{"message":"your quota is exhausted"}}"#
    #expect(classify(status: 403, body: body) == .accessDenied)
  }

  @Test func forbiddenWithoutBodyIsAccessDenied() {
    #expect(classify(status: 403) == .accessDenied)
  }

  @Test func forbiddenQuotaCodeWithRetryAfterGivesReplenishInstant() {
    let body = #"{"error":{"code":"quota_exceeded","message":"..."}}"#
    let result = classify(status: 403, headers: ["Retry-After": "60"], body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: "2025-03-10T09:01:00Z")))
  }

  @Test func forbiddenQuotaCodeWithRetryDateGivesReplenishInstant() {
    let body = #"{"error":{"code":"quota_exceeded"}}"#
    let headers: HTTPHeaders = ["retry-after": "Tue, 01 Apr 2025 00:00:00 GMT"]
    let result = classify(status: 403, headers: headers, body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: "2025-04-01T00:00:00Z")))
  }

  // MARK: API Management token quota

  @Test func gatewayQuotaWithRetryAfterIsQuotaExhaustion() {
    let body =
      #"{"statusCode":403,"message":"Token quota is exceeded. Try again in 1814400 seconds."}"#
    let result = classify(status: 403, headers: ["Retry-After": "1814400"], body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: "2025-03-31T09:00:00Z")))
  }

  @Test func gatewayRetryAfterWinsOverMessage() {
    let body = #"{"statusCode":403,"message":"Token quota is exceeded. Try again in 00:00:05."}"#
    let result = classify(status: 403, headers: ["Retry-After": "60"], body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: "2025-03-10T09:01:00Z")))
  }

  static let gatewayMessages: [(String, String)] = [
    ("Token quota is exceeded. Try again in 21 minutes and 33 seconds.", "2025-03-10T09:21:33Z"),
    ("Token quota is exceeded. Try again in 02:03:04.", "2025-03-10T11:03:04Z"),
    ("Token quota is exceeded. Try again in 22.14:18:12.", "2025-04-01T23:18:12Z"),
    ("Out of call volume quota. Quota will be replenished in 00:30:02.", "2025-03-10T09:30:02Z"),
    ("Out of call volume quota. Quota will be replenished in 2.5 days.", "2025-03-12T21:00:00Z"),
  ]

  @Test(arguments: gatewayMessages)
  func gatewayQuotaMessageGivesReplenishInstant(message: String, expected: String) {
    let body = #"{"statusCode":403,"message":"\#(message)"}"#
    let result = classify(status: 403, body: body)
    #expect(result == .quotaExhausted(replenishAt: Instant(iso8601: expected)))
  }

  @Test func gatewayDenialWithoutRetryTimeIsAccessDenied() {
    let body = #"{"statusCode":403,"message":"Caller IP address is blocked. Access denied."}"#
    #expect(classify(status: 403, body: body) == .accessDenied)
  }

  @Test func gatewayShapeWithOtherStatusCodeIsAccessDenied() {
    let body = #"{"statusCode":401,"message":"Try again in 00:10:00."}"#
    #expect(classify(status: 403, body: body) == .accessDenied)
  }

  @Test func gatewayTokenRateLimitIsRateLimit() {
    let body = #"{"statusCode":429,"message":"Token limit is exceeded. Try again in 41 seconds."}"#
    let result = classify(status: 429, headers: ["Retry-After": "41"], body: body)
    #expect(result == .rateLimited(RetryHint(delay: .seconds(41), source: .retryAfterSeconds)))
  }

  // MARK: Transient and final

  static let transientStatuses = [408, 500, 502, 503, 504]

  @Test(arguments: transientStatuses)
  func transientStatusIsTransient(status: Int) {
    #expect(classify(status: status) == .transient(status: status, nil))
  }

  @Test func transientCarriesRetryHint() {
    let result = classify(status: 503, headers: ["retry-after": "2"])
    let hint = RetryHint(delay: .seconds(2), source: .retryAfterSeconds)
    #expect(result == .transient(status: 503, hint))
  }

  @Test func contentFilterIsClientError() {
    let body = #"{"error":{"code":"content_filter","status":400,"message":"..."}}"#
    #expect(classify(status: 400, body: body) == .clientError(status: 400, code: "content_filter"))
  }

  static let finalStatuses = [400, 401, 404, 409, 413, 422, 501, 505, 302, 100, 0, 999]

  @Test(arguments: finalStatuses)
  func otherStatusIsClientError(status: Int) {
    #expect(classify(status: status) == .clientError(status: status, code: nil))
  }

  @Test func clientErrorIgnoresRetryAfter() {
    let result = classify(status: 404, headers: ["retry-after": "5"])
    #expect(result == .clientError(status: 404, code: nil))
  }

  @Test func connectionFailureIsTransientWithoutStatus() {
    let result = ResponseClassifier.classify(.connectionFailed("connection refused"), now: now)
    #expect(result == .transient(status: nil, nil))
  }

  @Test func timeoutIsTransientWithoutStatus() {
    #expect(ResponseClassifier.classify(.timedOut, now: now) == .transient(status: nil, nil))
  }

  @Test func cancellationIsCancelled() {
    #expect(ResponseClassifier.classify(.cancelled, now: now) == .cancelled)
  }
}
