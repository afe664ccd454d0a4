import Testing

@testable import QuotaSim

/// `schedule(_:notBefore:)` clamps instants in the past to now and keeps scheduling order.
@Suite struct SimulationEngineNotBeforeTests {
  static let start = Instant(iso8601: "2025-10-01T00:00:00Z")!

  @Test func pastInstantRunsAtNow() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("first", at: Self.start.advanced(by: .seconds(5)))
    _ = engine.step()
    engine.schedule("late", notBefore: Self.start)
    let next = engine.step()
    #expect(next?.event == "late")
    #expect(next?.time == Self.start.advanced(by: .seconds(5)))
  }

  @Test func futureInstantIsKept() {
    let engine = SimulationEngine<String>(start: Self.start)
    engine.schedule("later", notBefore: Self.start.advanced(by: .seconds(2)))
    #expect(engine.peek()?.time == Self.start.advanced(by: .seconds(2)))
  }

  @Test func clampedEventRunsAfterThoseAlreadyAtNow() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("queued", at: Self.start)
    engine.schedule("clamped", notBefore: Self.start.advanced(by: .seconds(-1)))
    #expect(engine.step()?.event == "queued")
    #expect(engine.step()?.event == "clamped")
  }
}
