import Testing

@testable import QuotaSim

@Suite struct RetryAfterParserTests {
  let now = Instant(microsecondsSinceEpoch: 1_786_635_420_000_000)  // 2026-08-13T15:37:00Z

  // MARK: Source order

  @Test func retryAfterMillisecondsWinOverSeconds() {
    let headers: HTTPHeaders = ["retry-after-ms": "1500", "retry-after": "2"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .milliseconds(1500), source: .retryAfterMilliseconds))
  }

  @Test func retryAfterMillisecondsMatchesMixedCaseName() {
    let headers: HTTPHeaders = ["Retry-After": "2", "Retry-After-Ms": "1500"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .milliseconds(1500), source: .retryAfterMilliseconds))
  }

  @Test func azureMillisecondsHeaderWinsOverSeconds() {
    let headers: HTTPHeaders = ["x-ms-retry-after-ms": "1500", "retry-after": "2"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .milliseconds(1500), source: .msRetryAfterMilliseconds))
  }

  @Test func retryAfterMillisecondsWinOverAzureMilliseconds() {
    let headers: HTTPHeaders = ["x-ms-retry-after-ms": "9000", "retry-after-ms": "250"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .milliseconds(250), source: .retryAfterMilliseconds))
  }

  @Test func retryAfterMillisecondsAlone() {
    let headers: HTTPHeaders = ["retry-after-ms": "750"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .milliseconds(750), source: .retryAfterMilliseconds))
  }

  @Test func noRetryHeaderGivesNil() {
    let headers: HTTPHeaders = ["x-ratelimit-remaining-tokens": "0"]
    #expect(RetryAfterParser.hint(in: headers, now: now) == nil)
  }

  // MARK: Invalid values are skipped

  @Test func negativeSecondsGiveNil() {
    let headers: HTTPHeaders = ["retry-after": "-1"]
    #expect(RetryAfterParser.hint(in: headers, now: now) == nil)
  }

  @Test func invalidMillisecondsFallBackToSeconds() {
    let headers: HTTPHeaders = ["retry-after-ms": "-500", "retry-after": "2"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .seconds(2), source: .retryAfterSeconds))
  }

  @Test func invalidAzureMillisecondsFallBackToSeconds() {
    let headers: HTTPHeaders = ["x-ms-retry-after-ms": "abc", "retry-after": "3"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .seconds(3), source: .retryAfterSeconds))
  }

  // MARK: Value syntax

  static let secondsValues: [(String, Duration?)] = [
    ("3", .seconds(3)),
    ("-3", nil),
    ("+3", nil),
    ("1.5", .milliseconds(1500)),
    (" 5 ", .seconds(5)),
    ("\t7\t", .seconds(7)),
    ("0x1p3", nil),
    ("inf", nil),
    ("Infinity", nil),
    ("nan", nil),
    ("1e400", nil),
    ("1e3", nil),
    ("", nil),
    ("   ", nil),
    ("3 s", nil),
    ("3s", nil),
    ("1.", nil),
    (".5", nil),
    ("1.2.3", nil),
    ("1,5", nil),
    ("٣", nil),
    ("0", .zero),
    ("0.000", .zero),
    ("007", .seconds(7)),
    ("600", .seconds(600)),
    ("60", .seconds(60)),
    ("0.0000001", .microseconds(1)),
    ("1.0000001", .microseconds(1_000_001)),
  ]

  @Test(arguments: secondsValues)
  func retryAfterSecondsValue(value: String, expected: Duration?) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == expected)
  }

  static let millisecondsValues: [(String, Duration?)] = [
    ("1500", .milliseconds(1500)),
    ("750", .milliseconds(750)),
    ("60000", .seconds(60)),
    ("0", .zero),
    ("0.5", .microseconds(500)),
    ("0.0001", .microseconds(1)),
    ("-500", nil),
    ("+500", nil),
    ("1e3", nil),
    ("", nil),
  ]

  @Test(arguments: millisecondsValues)
  func retryAfterMillisecondsValue(value: String, expected: Duration?) {
    let headers: HTTPHeaders = ["retry-after-ms": value]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == expected)
  }

  @Test func zeroIsValidNotMissing() {
    let headers: HTTPHeaders = ["retry-after": "0"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .zero, source: .retryAfterSeconds))
  }

  static let numericLookingDates = [
    "1 Aug 2026 15:37:13 GMT",
    "13 Aug 2026 15:37:13 GMT",
    "-3 Aug 2026 15:37:13 GMT",
    "+13 Aug 2026 15:37:13 GMT",
    "2026-08-13T15:37:13Z",
  ]

  @Test(arguments: numericLookingDates)
  func numericValueNeverReadAsDate(value: String) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now) == nil)
  }

  // MARK: Clamping

  static let hugeValues = [
    "99999999999999999999",
    "9223372036854775807",
    "9223372036854775808.5",
    "3155760001",
  ]

  @Test(arguments: hugeValues)
  func hugeSecondsClampToMaximum(value: String) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == RetryAfterParser.maximumDelay)
  }

  @Test func hugeMillisecondsClampToMaximum() {
    let headers: HTTPHeaders = ["retry-after-ms": "99999999999999999999999999"]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == RetryAfterParser.maximumDelay)
  }

  @Test func maximumDelayIsHundredJulianYears() {
    #expect(RetryAfterParser.maximumDelay == .seconds(3_155_760_000))
  }

  @Test func epochTimestampStaysBelowMaximum() {
    // Some servers send an epoch timestamp where delta-seconds belong.
    let headers: HTTPHeaders = ["retry-after": "1786635433"]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == .seconds(1_786_635_433))
  }
}
