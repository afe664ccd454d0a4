import Foundation
import Testing

@testable import QuotaSim

@Suite struct InstantRFC3339ParsingTests {
  @Test(arguments: [
    ("2025-03-11T09:00:00Z", Int64(1_741_683_600_000_000)),
    ("2025-03-11T09:00:00.000001Z", 1_741_683_600_000_001),
    ("2025-03-11T09:00:00.999999Z", 1_741_683_600_999_999),
    ("2025-03-11T09:00:00.5Z", 1_741_683_600_500_000),
    ("2025-03-11T09:00:00.0000019Z", 1_741_683_600_000_001),
    ("2025-03-11T10:30:00+01:30", 1_741_683_600_000_000),
    ("2025-03-11T07:00:00-0200", 1_741_683_600_000_000),
    ("2024-02-29T00:00:00z", 1_709_164_800_000_000),
    ("1969-12-31T23:59:59.5Z", -500_000),
  ])
  func parsesExactMicroseconds(_ text: String, _ microseconds: Int64) {
    #expect(Instant(iso8601: text)?.microsecondsSinceEpoch == microseconds)
  }

  @Test(arguments: [
    "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-03-11T24:00:00Z",
    "2025-03-11T09:00:60Z", "2025-03-11T09:00:00", "2025-03-11T09:00:00.Z",
    "2025-03-11 09:00:00Z", "2025-03-11T09:00:00Z ", "2025-03-11",
  ])
  func rejectsInvalidText(_ text: String) {
    #expect(Instant(iso8601: text) == nil)
  }

  @Test func descriptionRoundTripsEveryMicrosecond() {
    let start: Int64 = 1_741_683_600_000_000
    let mismatches = (start..<start + 2_000).filter { microseconds in
      let instant = Instant(microsecondsSinceEpoch: microseconds)
      return Instant(iso8601: instant.iso8601) != instant
    }
    #expect(mismatches == [])
  }
}

@Suite struct QuotaPeriodKeyTests {
  @Test(arguments: [
    (QuotaPeriodUnit.hour, "2025-03-11T09", "2025-03-11T09:00:00Z"),
    (.day, "2025-03-11", "2025-03-11T00:00:00Z"),
    (.week, "2025-W11", "2025-03-10T00:00:00Z"),
    (.week, "2020-W53", "2020-12-28T00:00:00Z"),
    (.month, "2025-03", "2025-03-01T00:00:00Z"),
    (.year, "2025", "2025-01-01T00:00:00Z"),
  ])
  func keyNamesItsPeriod(_ unit: QuotaPeriodUnit, _ key: String, _ start: String) {
    let calendar = QuotaPeriodCalendar(unit: unit)

    #expect(calendar.period(withKey: key)?.start == Instant(iso8601: start))
  }

  @Test(arguments: [
    (QuotaPeriodUnit.month, "2025-13"), (.month, "2025-3"), (.month, "2025-03-01"),
    (.day, "2025-02-30"), (.day, "2025-03"), (.week, "2025-W54"), (.hour, "2025-03-11T24"),
    (.year, "25"), (.month, "unbounded"),
  ])
  func invalidKeyNamesNoPeriod(_ unit: QuotaPeriodUnit, _ key: String) {
    #expect(QuotaPeriodCalendar(unit: unit).period(withKey: key) == nil)
  }

  @Test func monthKeyInZoneStartsAtLocalMidnight() {
    let calendar = QuotaPeriodCalendar(unit: .month, timeZoneIdentifier: "Europe/Berlin")

    #expect(calendar?.period(withKey: "2025-04")?.start == Instant(iso8601: "2025-03-31T22:00:00Z"))
  }

  @Test func periodsOrderByStart() {
    let calendar = QuotaPeriodCalendar(unit: .month)

    #expect(calendar.isPeriod("2024-12", before: "2025-01"))
    #expect(calendar.isPeriod("2025-01", before: "2024-12") == false)
    #expect(calendar.isPeriod("2025-01", before: "2025-01") == false)
    #expect(calendar.isPeriod("2025-01-07", before: "2024-12"))
  }
}

@Suite struct JSONLayoutTests {
  @Test(arguments: [
    ("", JSONLayout.empty),
    (" \n", .empty),
    ("{}", .complete),
    (" {\"a\":\"}\\\"{\"} \n", .complete),
    ("{\"a\":[1,{\"b\":2}]", .truncated),
    ("{\"a\":\"unterminated}", .truncated),
    ("{} {}", .trailingData(offset: 3)),
    ("[]", .notAnObject),
    ("null", .notAnObject),
  ])
  func scanClassifiesText(_ text: String, _ layout: JSONLayout) {
    #expect(JSONLayout.scan(Array(text.utf8)) == layout)
  }
}
