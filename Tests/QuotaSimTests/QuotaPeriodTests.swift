import Foundation
import Testing

@testable import QuotaSim

@Suite struct QuotaPeriodTests {
  static func period(_ unit: QuotaPeriodUnit, _ zone: String, _ instant: String) -> QuotaPeriod {
    guard let calendar = QuotaPeriodCalendar(unit: unit, timeZoneIdentifier: zone) else {
      preconditionFailure("unknown zone \(zone)")
    }
    return calendar.period(containing: .at(instant))
  }

  @Test(arguments: [
    (
      QuotaPeriodUnit.hour, "2025-10-31T14:59:59Z", "2025-10-31T14", "2025-10-31T14:00:00Z",
      "2025-10-31T15:00:00Z"
    ),
    (.day, "2025-10-31T23:59:59Z", "2025-10-31", "2025-10-31T00:00:00Z", "2025-11-01T00:00:00Z"),
    (.week, "2025-10-29T12:00:00Z", "2025-W44", "2025-10-27T00:00:00Z", "2025-11-03T00:00:00Z"),
    (.month, "2025-02-14T12:00:00Z", "2025-02", "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"),
    (.month, "2024-02-29T23:59:59Z", "2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"),
    (.year, "2025-12-31T23:59:59Z", "2025", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
  ])
  func utcPeriodBoundaries(
    unit: QuotaPeriodUnit, instant: String, key: String, start: String, end: String
  ) {
    let period = Self.period(unit, "UTC", instant)
    #expect(period.key == key)
    #expect(period.start == .at(start))
    #expect(period.end == .at(end))
  }

  @Test func boundaryInstantBelongsToNewPeriod() {
    #expect(Self.period(.month, "UTC", "2025-11-01T00:00:00Z").key == "2025-11")
  }

  @Test func isoWeekYearDiffersFromCalendarYear() {
    #expect(Self.period(.week, "UTC", "2024-12-30T10:00:00Z").key == "2025-W01")
    #expect(Self.period(.week, "UTC", "2021-01-03T10:00:00Z").key == "2020-W53")
  }

  @Test func zoneNamesPeriodButBoundaryIsAbsolute() {
    let berlin = Self.period(.month, "Europe/Berlin", "2025-10-31T23:30:00Z")
    #expect(berlin.key == "2025-11")
    #expect(berlin.start == .at("2025-10-31T23:00:00Z"))
    #expect(berlin.end == .at("2025-11-30T23:00:00Z"))
  }

  @Test func dayAcrossDaylightSavingChangeLasts23Hours() {
    let day = Self.period(.day, "America/New_York", "2025-03-09T12:00:00Z")
    #expect(day.key == "2025-03-09")
    #expect(day.start.duration(to: day.end) == .seconds(23 * 3_600))
  }

  @Test func unknownZoneRejected() {
    #expect(QuotaPeriodCalendar(unit: .month, timeZoneIdentifier: "Mars/Olympus") == nil)
  }
}

/// Tests of periods of instants at the ends of the instant range, where Foundation's
/// calendar leaves the range it supports.
@Suite struct QuotaPeriodExtremeTests {
  static let extremes: [(QuotaPeriodUnit, Int64)] = QuotaPeriodUnit.allCases.flatMap { unit in
    [Int64.max, Int64.max - 1, Int64.min, Int64.min + 1, 253_402_300_800_000_000].map { (unit, $0) }
  }

  @Test(arguments: extremes)
  func extremeInstantHasContainingPeriod(unit: QuotaPeriodUnit, microseconds: Int64) {
    let instant = Instant(microsecondsSinceEpoch: microseconds)
    let period = QuotaPeriodCalendar(unit: unit).period(containing: instant)
    #expect(period.start <= instant)
    #expect(instant < period.end || period.end == .distantFuture)
  }
}

/// Tests of instants one microsecond before a period boundary after about 2255, where a
/// `Date` (a `Double` of seconds) no longer represents every microsecond and rounds up onto the
/// boundary.
@Suite struct QuotaPeriodFarBoundaryTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let unit: QuotaPeriodUnit
    let boundary: String
    let key: String
    var testDescription: String { "\(unit) before \(boundary)" }
  }

  static let cases = [
    Case(unit: .hour, boundary: "2300-01-01T00:00:00Z", key: "2299-12-31T23"),
    Case(unit: .day, boundary: "2300-01-01T00:00:00Z", key: "2299-12-31"),
    Case(unit: .week, boundary: "2300-01-01T00:00:00Z", key: "2299-W52"),
    Case(unit: .month, boundary: "2300-01-01T00:00:00Z", key: "2299-12"),
    Case(unit: .year, boundary: "2300-01-01T00:00:00Z", key: "2299"),
    Case(unit: .month, boundary: "9999-01-01T00:00:00Z", key: "9998-12"),
  ]

  @Test(arguments: cases)
  func instantBeforeBoundaryKeepsItsPeriod(_ testCase: Case) throws {
    let boundary = try #require(Instant(iso8601: testCase.boundary))
    let instant = boundary.advanced(byMicroseconds: -1)
    let period = QuotaPeriodCalendar(unit: testCase.unit).period(containing: instant)
    #expect(period.key == testCase.key)
    #expect(period.end == boundary)
    #expect(period.start <= instant)
  }
}
