import Testing

@testable import QuotaSim

@Suite struct InPlaceBufferTests {
  @Test func appendGrowsPastCapacityInOrder() {
    let buffer = InPlaceBuffer<Int>(minimumCapacity: 2)
    for value in 0..<100 { buffer.append(value) }
    #expect(buffer.count == 100)
    #expect(buffer.elements == Array(0..<100))
  }

  @Test func subscriptWritesInPlace() {
    let buffer = InPlaceBuffer([1, 2, 3])
    buffer[1] += 40
    #expect(buffer.elements == [1, 42, 3])
  }

  @Test func popLastReturnsElementsInReverse() {
    let buffer = InPlaceBuffer(["a", "b"])
    #expect(buffer.popLast() == "b")
    #expect(buffer.popLast() == "a")
    #expect(buffer.popLast() == nil)
    #expect(buffer.isEmpty)
  }

  /// Counts its live instances, so a test can see that the buffer destroys what it holds.
  final class Tracked {
    nonisolated(unsafe) static var live = 0
    init() { Self.live += 1 }
    deinit { Self.live -= 1 }
  }

  @Test func releasesElementsWithTheBuffer() {
    let before = Tracked.live
    do {
      let buffer = InPlaceBuffer<Tracked>(minimumCapacity: 1)
      for _ in 0..<5 { buffer.append(Tracked()) }
      _ = buffer.popLast()
      #expect(Tracked.live == before + 4)
    }
    #expect(Tracked.live == before)
  }
}
