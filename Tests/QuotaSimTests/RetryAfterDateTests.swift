import Testing

@testable import QuotaSim

@Suite struct RetryAfterDateTests {
  let now = Instant(iso8601: "2026-08-13T15:37:00Z")!

  static let dates: [(String, Duration?)] = [
    ("Thu, 13 Aug 2026 15:37:13 GMT", .seconds(13)),
    ("Thu, 13 Aug 2026 15:36:00 GMT", .zero),
    ("Thursday, 32 Aug 2026 15:37:13 GMT", nil),
    ("Thu, 13 Aug 2026 15:37:00 GMT", .zero),
    ("Fri, 14 Aug 2026 15:37:00 GMT", .seconds(86_400)),
    ("Thu, 01 Jan 1970 00:00:00 GMT", .zero),
    ("  Thu, 13 Aug 2026 15:37:13 GMT  ", .seconds(13)),
    ("Thu, 13 Aug 2026 15:38:00 GMT", .seconds(60)),
    ("Thu, 31 Dec 2026 23:59:60 GMT", .seconds(12_126_180)),
  ]

  @Test(arguments: dates)
  func imfFixdateMeasuredFromNow(value: String, expected: Duration?) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == expected)
  }

  @Test func dateHintNamesItsSource() {
    let headers: HTTPHeaders = ["retry-after": "Thu, 13 Aug 2026 15:37:13 GMT"]
    let hint = RetryAfterParser.hint(in: headers, now: now)
    #expect(hint == RetryHint(delay: .seconds(13), source: .retryAfterDate))
  }

  static let obsoleteForms: [(String, Duration?)] = [
    ("Thursday, 13-Aug-26 15:37:13 GMT", .seconds(13)),
    ("Thu Aug 13 15:37:13 2026", .seconds(13)),
    ("Thu Aug  3 15:37:00 2026", .zero),
    ("Sun Nov  6 08:49:37 1994", .zero),
    ("Sunday, 06-Nov-94 08:49:37 GMT", .zero),
  ]

  @Test(arguments: obsoleteForms)
  func obsoleteDateFormsAccepted(value: String, expected: Duration?) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == expected)
  }

  @Test func rfc850YearMoreThanFiftyYearsAheadIsPastCentury() {
    // With now in 2026, "77" would be 2077 (51 years ahead), so it means 1977.
    let headers: HTTPHeaders = ["retry-after": "Thursday, 13-Aug-77 15:37:13 GMT"]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == .zero)
  }

  @Test func rfc850YearUpToFiftyYearsAheadIsThisCentury() {
    let headers: HTTPHeaders = ["retry-after": "Sunday, 13-Aug-76 15:37:00 GMT"]
    let delay = RetryAfterParser.hint(in: headers, now: now)?.delay
    let expected = now.duration(to: Instant(iso8601: "2076-08-13T15:37:00Z")!)
    #expect(delay == expected)
  }

  static let invalidDates = [
    "Thu, 32 Aug 2026 15:37:13 GMT",
    "Thu, 29 Feb 2026 15:37:13 GMT",
    "Thu, 13 Aug 2026 24:00:00 GMT",
    "Thu, 13 Aug 2026 15:60:00 GMT",
    "Thu, 13 Aug 2026 15:37:61 GMT",
    "Thu, 13 Aug 2026 15:37:13 UTC",
    "Thu, 13 Aug 2026 15:37:13 +0000",
    "Thu, 13 aug 2026 15:37:13 GMT",
    "thu, 13 Aug 2026 15:37:13 GMT",
    "Thu, 3 Aug 2026 15:37:13 GMT",
    "Thu,  13 Aug 2026 15:37:13 GMT",
    "Thu, 13 Aug 26 15:37:13 GMT",
    "Thu, 13 Aug 2026 15:37 GMT",
    "Thu, 13 Aug 2026 15:37:13 GMT extra",
    "Xyz, 13 Aug 2026 15:37:13 GMT",
    "Thu, 13 Foo 2026 15:37:13 GMT",
    "Thu, 13 Aug 2026 15:37:13",
    "Thu, 00 Aug 2026 15:37:13 GMT",
    "soon",
  ]

  @Test(arguments: invalidDates)
  func invalidDateGivesNil(value: String) {
    let headers: HTTPHeaders = ["retry-after": value]
    #expect(RetryAfterParser.hint(in: headers, now: now) == nil)
  }

  @Test func leapDayOfLeapYearIsValid() {
    let headers: HTTPHeaders = ["retry-after": "Tue, 29 Feb 2028 00:00:00 GMT"]
    let delay = RetryAfterParser.hint(in: headers, now: now)?.delay
    let expected = now.duration(to: Instant(iso8601: "2028-02-29T00:00:00Z")!)
    #expect(delay == expected)
  }

  @Test func farFutureDateClampsToMaximum() {
    let headers: HTTPHeaders = ["retry-after": "Fri, 31 Dec 9999 23:59:59 GMT"]
    #expect(RetryAfterParser.hint(in: headers, now: now)?.delay == RetryAfterParser.maximumDelay)
  }

  @Test func dateMeasuredFromInjectedNowNotWallClock() {
    let later = Instant(iso8601: "2026-08-13T15:37:10Z")!
    let headers: HTTPHeaders = ["retry-after": "Thu, 13 Aug 2026 15:37:13 GMT"]
    #expect(RetryAfterParser.hint(in: headers, now: later)?.delay == .seconds(3))
  }

  @Test func fractionalNowRoundsDelayToMicroseconds() {
    let almost = Instant(iso8601: "2026-08-13T15:37:12.250Z")!
    let headers: HTTPHeaders = ["retry-after": "Thu, 13 Aug 2026 15:37:13 GMT"]
    #expect(RetryAfterParser.hint(in: headers, now: almost)?.delay == .milliseconds(750))
  }
}
