import Foundation
import Testing

@testable import QuotaSim

/// The shortcuts on the 429 path give the same results as the general code they skip.
@Suite struct ResponseFastPathTests {
  // MARK: Trimming

  static let trimCases: [String] = [
    "1500", " 1500", "1500 ", "\t1500\r\n", "", " ", "1.5", "\u{00A0}3", "3\u{2003}",
    "\u{0085}7", "é1", "1é", "+3", "~", "\u{7F}4",
  ]

  @Test(arguments: trimCases)
  func trimmedMatchesFoundation(text: String) {
    let expected = text.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(String(RetryAfterParser.trimmed(text)) == expected)
  }

  // MARK: Header names

  static let nameCases: [(String, String, Bool)] = [
    ("retry-after-ms", "retry-after-ms", true),
    ("Retry-After-Ms", "retry-after-ms", true),
    ("RETRY-AFTER", "retry-after", true),
    ("retry-after", "retry-after-ms", false),
    ("retry-aftes", "retry-after", false),
    ("x-ratelimit-remaining-requests", "retry-after-ms", false),
    ("", "", true),
    ("Ä", "ä", false),
  ]

  @Test(arguments: nameCases)
  func namesMatchIgnoresASCIICaseOnly(left: String, right: String, expected: Bool) {
    #expect(HTTPHeaders.namesMatch(left, right) == expected)
  }

  @Test func bridgedNameMatchesNativeName() {
    let bridged = NSString(string: "Retry-After-Ms") as String
    #expect(HTTPHeaders.namesMatch(bridged, "retry-after-ms"))
  }

  // MARK: Durations

  static let microsecondCases: [Duration] = [
    .zero, .microseconds(1), .microseconds(-1), .nanoseconds(1_999), .nanoseconds(-1_999),
    .seconds(60), .milliseconds(60_001), .seconds(36_000), .seconds(37_000),
    .seconds(-37_000), .seconds(86_400 * 365), .seconds(Int64.max), .seconds(Int64.min),
  ]

  @Test(arguments: microsecondCases)
  func microsecondsMatchComponents(duration: Duration) {
    #expect(duration.microseconds == Self.microsecondsFromComponents(duration))
  }

  /// Converts as the components do: whole seconds and attoseconds, rounded toward zero,
  /// clamped to `Int64`.
  static func microsecondsFromComponents(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
    if overflow { return seconds > 0 ? .max : .min }
    let (sum, sumOverflow) = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000)
    if sumOverflow { return seconds > 0 ? .max : .min }
    return sum
  }

  // MARK: Decimal text

  static let decimalCases: [Int64] = [
    0, 7, -7, 10, 450, 60_000, 999_999_999_999_999, 1_000_000_000_000_000, .max, .min,
  ]

  @Test(arguments: decimalCases)
  func decimalTextMatchesDescription(value: Int64) {
    #expect(decimalText(value) == String(value))
  }

  // MARK: Simulated 429

  @Test func rateLimitedResponseCarriesAllHeaders() {
    let refusal = RateLimitRefusal(
      retryAfterMicroseconds: 8_300_001, blockingWindow: .tokens, remainingRequests: 12,
      remainingTokens: 4_500)
    let response = SimulatedResponses.rateLimited(refusal, style: .full)
    #expect(response.status == 429)
    #expect(response.errorCode == "429")
    #expect(response.headers["x-ratelimit-remaining-requests"] == "12")
    #expect(response.headers["x-ratelimit-remaining-tokens"] == "4500")
    #expect(response.headers["retry-after"] == "9")
    #expect(response.headers["retry-after-ms"] == "8301")
  }

  @Test func rateLimitedHintIsExactMilliseconds() {
    let refusal = RateLimitRefusal(
      retryAfterMicroseconds: 8_300_000, blockingWindow: .requests, remainingRequests: 0,
      remainingTokens: 0)
    let response = SimulatedResponses.rateLimited(refusal, style: .full)
    let hint = ResponseClassifier.classify(.response(response), now: .epoch)
    #expect(
      hint == .rateLimited(RetryHint(delay: .milliseconds(8_300), source: .retryAfterMilliseconds)))
  }

  @Test func secondsOnlyResponseHasNoMilliseconds() {
    let refusal = RateLimitRefusal(
      retryAfterMicroseconds: 1_500_000, blockingWindow: .both, remainingRequests: 0,
      remainingTokens: 10)
    let response = SimulatedResponses.rateLimited(refusal, style: .secondsOnly)
    #expect(response.headers["retry-after"] == "2")
    #expect(response.headers["retry-after-ms"] == nil)
  }
}
