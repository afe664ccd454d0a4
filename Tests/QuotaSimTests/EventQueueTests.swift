import Testing

@testable import QuotaSim

@Suite struct EventQueueTests {
  static let start = Instant(microsecondsSinceEpoch: 1_000_000)

  /// Pops every event and returns the payloads in order.
  static func drain(_ queue: inout EventQueue<String>) -> [String] {
    var payloads: [String] = []
    while let next = queue.pop() {
      payloads.append(next.event)
      queue.checkInvariants()
    }
    return payloads
  }

  @Test func sameTimeAndPriorityPopInPushOrder() {
    var queue = EventQueue<String>()
    for name in ["a", "b", "c", "d", "e", "f", "g", "h"] {
      queue.push(name, at: Self.start)
    }
    #expect(Self.drain(&queue) == ["a", "b", "c", "d", "e", "f", "g", "h"])
  }

  @Test func priorityOrdersBeforeSequence() {
    var queue = EventQueue<String>()
    queue.push("normal first", at: Self.start, priority: 1)
    queue.push("urgent", at: Self.start, priority: 0)
    queue.push("normal second", at: Self.start, priority: 1)
    queue.push("low", at: Self.start, priority: 5)
    queue.push("negative", at: Self.start, priority: -3)

    #expect(Self.drain(&queue) == ["negative", "urgent", "normal first", "normal second", "low"])
  }

  @Test func timeOrdersBeforePriority() {
    var queue = EventQueue<String>()
    queue.push("later urgent", at: Self.start.advanced(byMicroseconds: 1), priority: -100)
    queue.push("now low", at: Self.start, priority: 100)

    #expect(Self.drain(&queue) == ["now low", "later urgent"])
  }

  @Test func pushReturnsIncreasingSequence() {
    var queue = EventQueue<String>()
    #expect(queue.push("a", at: Self.start) == 0)
    #expect(queue.push("b", at: Self.start) == 1)
    _ = queue.pop()
    #expect(queue.push("c", at: Self.start) == 2)
  }

  @Test func removeAllKeepsCountingSequence() {
    var queue = EventQueue<String>()
    queue.push("a", at: Self.start)
    queue.push("b", at: Self.start)
    queue.removeAll()

    #expect(queue.isEmpty)
    #expect(queue.push("c", at: Self.start) == 2)
  }

  @Test func peekReturnsWhatPopRemoves() {
    var queue = EventQueue<String>()
    queue.push("second", at: Self.start.advanced(byMicroseconds: 5))
    queue.push("first", at: Self.start)

    let peeked = queue.peek()
    #expect(queue.count == 2)
    let popped = queue.pop()
    #expect(peeked == popped)
    #expect(popped?.event == "first")
    #expect(popped?.sequence == 1)
    #expect(queue.count == 1)
  }

  @Test func emptyQueueHasNothingToPeekOrPop() {
    var queue = EventQueue<String>(minimumCapacity: 16)
    #expect(queue.isEmpty)
    #expect(queue.count == 0)
    #expect(queue.peek() == nil)
    #expect(queue.pop() == nil)
  }

  @Test(arguments: [1, 2, 3, 42, 2_025, 65_535] as [UInt64])
  func randomOperationsMatchSortedReference(seed: UInt64) throws {
    let stream = try RandomStream(modelSeed: seed, replication: 0, stream: 0)
    var queue = EventQueue<Int>()
    var reference: [ScheduledEvent<Int>] = []
    var pushed = 0

    for operation in 0..<2_000 {
      // Few distinct times and priorities, so ties on both are common.
      if try stream.integer(in: 0...2) > 0 || reference.isEmpty {
        let time = Self.start.advanced(byMicroseconds: Int64(try stream.integer(in: 0...20)))
        let priority = try stream.integer(in: -1...1)
        let sequence = queue.push(pushed, at: time, priority: priority)
        reference.append(
          ScheduledEvent(time: time, priority: priority, sequence: sequence, event: pushed))
        pushed += 1
      } else {
        let expectedIndex = reference.indices.min { reference[$0].precedes(reference[$1]) }!
        let expected = reference.remove(at: expectedIndex)
        let popped = queue.pop()
        #expect(popped == expected, "seed \(seed), operation \(operation)")
      }

      queue.checkInvariants()
      #expect(queue.count == reference.count, "seed \(seed), operation \(operation)")
    }

    let remaining = reference.sorted { $0.precedes($1) }
    var drained: [ScheduledEvent<Int>] = []
    while let next = queue.pop() { drained.append(next) }
    #expect(drained == remaining, "seed \(seed), final drain")
  }

  @Test func precedesComparesTimeThenPriorityThenSequence() {
    let base = ScheduledEvent(time: Self.start, priority: 0, sequence: 5, event: "x")
    var later = base
    later.time = Self.start.advanced(byMicroseconds: 1)
    later.priority = -1
    var lowerPriority = base
    lowerPriority.priority = 1
    lowerPriority.sequence = 0
    var laterSequence = base
    laterSequence.sequence = 6

    #expect(base.precedes(later))
    #expect(base.precedes(lowerPriority))
    #expect(base.precedes(laterSequence))
    #expect(!base.precedes(base))
  }
}
