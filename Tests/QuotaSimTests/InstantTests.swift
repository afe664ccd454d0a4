import Testing

@testable import QuotaSim

@Suite struct InstantTests {
  @Test func iso8601RoundTripsWholeSeconds() {
    let instant = Instant(iso8601: "2025-03-11T09:00:00Z")
    #expect(instant?.iso8601 == "2025-03-11T09:00:00Z")
  }

  @Test func iso8601KeepsMilliseconds() {
    let instant = Instant(microsecondsSinceEpoch: 1_500_000)
    #expect(instant.iso8601 == "1970-01-01T00:00:01.500Z")
  }

  @Test func advancedSaturatesAtDistantFuture() {
    #expect(Instant.distantFuture.advanced(by: .seconds(1)) == .distantFuture)
  }
}
