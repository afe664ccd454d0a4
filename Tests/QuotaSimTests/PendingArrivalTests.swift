import Testing

@testable import QuotaSim

/// A pending arrival orders against a queued event as the same arrival would inside the
/// queue: time, then priority 0, then sequence.
@Suite struct PendingArrivalTests {
  static let start = Instant(microsecondsSinceEpoch: 1_000_000)

  static func arrival(atMicroseconds offset: Int64, sequence: UInt64) -> PendingArrival {
    PendingArrival(
      request: GeneratedRequest(
        arrival: start.advanced(byMicroseconds: offset), promptTokens: 1, completionTokens: 1),
      sequence: sequence)
  }

  static func queued(atMicroseconds offset: Int64, priority: Int = 0, sequence: UInt64)
    -> ScheduledEvent<SimulationEvent>
  {
    ScheduledEvent(
      time: start.advanced(byMicroseconds: offset), priority: priority, sequence: sequence,
      event: .attempt(slot: 0))
  }

  @Test(arguments: [
    (0, 5, 1, 0, 1, true),  // earlier time wins
    (2, 0, 1, 0, 9, false),  // later time loses whatever the sequence
    (1, 3, 1, 0, 4, true),  // same time and priority: lower sequence first
    (1, 5, 1, 0, 4, false),
    (1, 9, 1, 1, 4, true),  // same time: priority 0 runs before priority 1
    (1, 0, 1, -1, 4, false),  // a negative priority runs before the arrival
  ])
  func precedesFollowsQueueOrder(
    arrivalOffset: Int64, arrivalSequence: UInt64, eventOffset: Int64, priority: Int,
    eventSequence: UInt64, expected: Bool
  ) {
    let pending = Self.arrival(atMicroseconds: arrivalOffset, sequence: arrivalSequence)
    let event = Self.queued(
      atMicroseconds: eventOffset, priority: priority, sequence: eventSequence)
    #expect(pending.precedes(event) == expected)
  }

  @Test func takenSequenceIsSkippedByNextPush() {
    var queue = EventQueue<String>()
    let first = queue.push("a", at: Self.start)
    let taken = queue.takeSequence()
    let next = queue.push("b", at: Self.start)
    #expect(taken == first + 1)
    #expect(next == taken + 1)
  }
}
