import Foundation
import Testing

@testable import QuotaSim

@Suite struct UpstreamResponseTests {
  private func response(_ json: String, status: Int = 200) -> UpstreamResponse {
    UpstreamResponse(status: status, body: Data(json.utf8))
  }

  @Test func azureErrorObjectGivesCodeAndMessage() {
    let parsed = response(
      #"{"error":{"code":"content_filter","status":400,"message":"filtered"}}"#, status: 400)
    #expect(parsed.errorCode == "content_filter")
    #expect(parsed.errorMessage == "filtered")
  }

  @Test func numericErrorCodeBecomesDecimalText() {
    let parsed = response(#"{"error":{"code":429,"message":"slow down"}}"#, status: 429)
    #expect(parsed.errorCode == "429")
  }

  @Test func topLevelCodeAndMessageAreRead() {
    let parsed = response(#"{"code":"PermissionDenied","message":"no role"}"#, status: 403)
    #expect(parsed.errorCode == "PermissionDenied")
    #expect(parsed.errorMessage == "no role")
  }

  @Test func errorObjectCodeWinsOverTopLevelCode() {
    let parsed = response(#"{"code":"outer","error":{"code":"inner"}}"#, status: 400)
    #expect(parsed.errorCode == "inner")
  }

  @Test func stringErrorIsNeverACode() {
    let parsed = response(
      #"{"status":429,"error":"INSUFFICIENT QUOTA","message":"concurrent request limit reached"}"#,
      status: 429)
    #expect(parsed.errorCode == nil)
    #expect(parsed.errorMessage == "concurrent request limit reached")
  }

  @Test func stringErrorServesAsMessageWhenNoOtherMessage() {
    let parsed = response(#"{"error":"upstream overloaded"}"#, status: 503)
    #expect(parsed.errorMessage == "upstream overloaded")
  }

  @Test func gatewayErrorGivesStatusCodeAndMessage() {
    let parsed = response(
      #"{"statusCode":403,"message":"Token quota is exceeded. Try again in 00:10:00."}"#,
      status: 403)
    #expect(parsed.bodyStatusCode == 403)
    #expect(parsed.errorMessage == "Token quota is exceeded. Try again in 00:10:00.")
    #expect(parsed.errorCode == nil)
  }

  @Test func usageWithNullFieldsCountsZero() {
    let parsed = response(
      #"{"usage":{"prompt_tokens":null,"completion_tokens":40,"total_tokens":null}}"#)
    #expect(parsed.usage == TokenUsage(promptTokens: 0, completionTokens: 40, totalTokens: nil))
    #expect(parsed.usage?.totalTokens == 40)
  }

  @Test func usageWithoutTotalSumsPromptAndCompletion() {
    let parsed = response(#"{"usage":{"prompt_tokens":600,"completion_tokens":300}}"#)
    #expect(parsed.usage?.totalTokens == 900)
  }

  @Test func usageKeepsReportedTotal() {
    let parsed = response(
      #"{"usage":{"prompt_tokens":600,"completion_tokens":300,"total_tokens":1200}}"#)
    #expect(parsed.usage?.totalTokens == 1200)
  }

  @Test func usageReadsCachedAndReasoningTokens() {
    let parsed = response(
      #"""
      {"usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,
      "prompt_tokens_details":{"cached_tokens":64},
      "completion_tokens_details":{"reasoning_tokens":20}}}
      """#)
    #expect(parsed.usage?.cachedTokens == 64)
    #expect(parsed.usage?.reasoningTokens == 20)
  }

  @Test func nullUsageIsNil() {
    let parsed = response(#"{"usage":null}"#)
    #expect(parsed.usage == nil)
  }

  @Test func malformedUsageIsNilWhileOtherFieldsStay() {
    let parsed = response(#"{"usage":{"prompt_tokens":"many"},"message":"ok"}"#)
    #expect(parsed.usage == nil)
    #expect(parsed.errorMessage == "ok")
  }

  @Test func wrongTypedCodeIsNil() {
    let parsed = response(#"{"error":{"code":{"nested":true},"message":"odd"}}"#, status: 400)
    #expect(parsed.errorCode == nil)
    #expect(parsed.errorMessage == "odd")
  }

  static let unreadableBodies = ["", "not json", "[1,2]", "\"text\"", "42", "{", "null"]

  @Test(arguments: unreadableBodies)
  func unreadableBodyLeavesFieldsNil(body: String) {
    let parsed = response(body, status: 500)
    #expect(parsed == UpstreamResponse(status: 500))
  }

  @Test func missingBodyLeavesFieldsNil() {
    let parsed = UpstreamResponse(status: 204, headers: ["a": "b"], body: nil)
    #expect(parsed == UpstreamResponse(status: 204, headers: ["a": "b"]))
  }
}
