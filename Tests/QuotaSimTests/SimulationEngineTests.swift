import Testing

@testable import QuotaSim

@Suite struct SimulationEngineTests {
  static let start = Instant(iso8601: "2025-10-01T00:00:00Z")!

  /// Returns the instant `seconds` after the start.
  static func at(_ seconds: Int64) -> Instant {
    start.advanced(by: .seconds(seconds))
  }

  @Test func stepAdvancesClockToEachEvent() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("c", at: Self.at(3))
    try engine.schedule("a", after: .seconds(1))
    try engine.schedule("b", at: Self.at(1))

    #expect(engine.now == Self.start)

    let first = engine.step()
    #expect(first?.event == "a")
    #expect(engine.now == Self.at(1))
    #expect(engine.clock.now == Self.at(1))

    let second = engine.step()
    #expect(second?.event == "b")
    #expect(engine.now == Self.at(1))

    let third = engine.step()
    #expect(third?.event == "c")
    #expect(engine.now == Self.at(3))

    #expect(engine.step() == nil)
    #expect(engine.now == Self.at(3))
    #expect(engine.processedEventCount == 3)
  }

  @Test func runProducesTimelineInOrder() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("arrival", at: Self.at(0))
    try engine.schedule("tick", at: Self.at(10), priority: 1)
    try engine.schedule("urgent tick", at: Self.at(10), priority: 0)

    var timeline: [(Instant, String)] = []
    try engine.run(until: Self.at(60)) { scheduled in
      timeline.append((engine.now, scheduled.event))
      if scheduled.event == "arrival" {
        try engine.schedule("completion", after: .milliseconds(1_500))
        try engine.schedule("same instant", after: .zero)
      }
    }

    let completion = Self.start.advanced(by: .milliseconds(1_500))
    #expect(timeline.map(\.0) == [Self.at(0), Self.at(0), completion, Self.at(10), Self.at(10)])
    #expect(timeline.map(\.1) == ["arrival", "same instant", "completion", "urgent tick", "tick"])
  }

  @Test func runUntilHorizonLeavesLaterEventsQueued() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("before", at: Self.at(59))
    try engine.schedule("at horizon", at: Self.at(60))
    try engine.schedule("after", at: Self.at(61))

    var handled: [String] = []
    try engine.run(until: Self.at(60)) { handled.append($0.event) }

    #expect(handled == ["before"])
    #expect(engine.now == Self.at(60))
    #expect(engine.pendingEventCount == 2)
    #expect(engine.peek()?.event == "at horizon")
  }

  @Test func consecutiveRunsHandleEachEventOnce() throws {
    let engine = SimulationEngine<Int>(start: Self.start)
    for second in 0..<10 {
      try engine.schedule(Int(second), at: Self.at(Int64(second)))
    }

    var handled: [Int] = []
    try engine.run(until: Self.at(4)) { handled.append($0.event) }
    #expect(handled == [0, 1, 2, 3])
    #expect(engine.now == Self.at(4))

    try engine.run(until: Self.at(4)) { handled.append($0.event) }
    #expect(handled == [0, 1, 2, 3])

    try engine.run(until: Self.at(20)) { handled.append($0.event) }
    #expect(handled == Array(0..<10))
    #expect(engine.now == Self.at(20))
  }

  @Test func runWithoutHorizonDrainsQueue() throws {
    let engine = SimulationEngine<Int>(start: Self.start)
    try engine.schedule(3, at: Self.at(30))

    var handled: [Int] = []
    engine.run { handled.append($0.event) }

    #expect(handled == [3])
    #expect(engine.now == Self.at(30))
    #expect(engine.pendingEventCount == 0)
  }

  @Test func scheduleInPastThrowsWithInstants() throws {
    let engine = SimulationEngine<String>(start: Self.at(10))
    let error = #expect(throws: SimulationError.self) {
      try engine.schedule("late", at: Self.at(9))
    }
    #expect(error == .scheduledInPast(at: Self.at(9), now: Self.at(10)))
    #expect(
      error?.description
        == "Cannot schedule an event at 2025-10-01T00:00:09Z, before the current time "
        + "2025-10-01T00:00:10Z. Expected an instant at or after 2025-10-01T00:00:10Z.")
    #expect(engine.pendingEventCount == 0)
  }

  @Test func negativeDelayThrowsWithValue() {
    let engine = SimulationEngine<String>(start: Self.start)
    let error = #expect(throws: SimulationError.self) {
      try engine.schedule("late", after: .seconds(-1))
    }
    #expect(error == .negativeDelay(.seconds(-1)))
    #expect(error?.description == "Negative delay -1.0 s. Expected a delay of 0 s or more.")
    #expect(engine.pendingEventCount == 0)
  }

  @Test func runUntilPastThrowsWithInstants() throws {
    let engine = SimulationEngine<String>(start: Self.at(10))
    let error = #expect(throws: SimulationError.self) {
      try engine.run(until: Self.at(5)) { _ in }
    }
    #expect(error == .horizonInPast(until: Self.at(5), now: Self.at(10)))
    #expect(
      error?.description
        == "Cannot run until 2025-10-01T00:00:05Z, before the current time "
        + "2025-10-01T00:00:10Z. Expected an instant at or after 2025-10-01T00:00:10Z.")
    #expect(engine.now == Self.at(10))
  }

  @Test func delayTruncatesToWholeMicroseconds() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("sub-microsecond", after: .nanoseconds(1_999))

    #expect(engine.peek()?.time == Self.start.advanced(byMicroseconds: 1))
  }

  @Test func handlerErrorStopsRunAfterItsEvent() throws {
    struct Failure: Error, Equatable {}
    let engine = SimulationEngine<String>(start: Self.start)
    try engine.schedule("ok", at: Self.at(1))
    try engine.schedule("fails", at: Self.at(2))
    try engine.schedule("never", at: Self.at(3))

    #expect(throws: Failure()) {
      try engine.run(until: Self.at(10)) { scheduled in
        if scheduled.event == "fails" { throw Failure() }
      }
    }
    #expect(engine.now == Self.at(2))
    #expect(engine.peek()?.event == "never")
    #expect(engine.processedEventCount == 2)
  }

  @Test func clockServesAsLimiterClock() throws {
    let engine = SimulationEngine<String>(start: Self.start)
    let clock: any LimiterClock = engine.clock
    try engine.schedule("tick", after: .seconds(90))

    _ = engine.step()

    #expect(clock.now == Self.at(90))
  }
}
