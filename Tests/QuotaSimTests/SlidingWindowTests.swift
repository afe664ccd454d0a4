import Testing

@testable import QuotaSim

@Suite struct SlidingWindowTests {
  /// Returns a 10 µs window limited to `limit` that has held at most `maximumEntries` entries.
  private func window(limit: Int64, maximumEntries: Int = 8, initialCapacity: Int = 2)
    -> SlidingWindow
  {
    SlidingWindow(
      lengthMicroseconds: 10, limit: limit, maximumEntries: maximumEntries,
      initialCapacity: initialCapacity)
  }

  @Test func expireRemovesEntryExactlyAtWindowEnd() {
    var window = window(limit: 100)
    window.append(weight: 5, at: 0)
    window.expire(at: 9)
    #expect(window.count == 1)
    window.expire(at: 10)
    #expect(window.count == 0)
    #expect(window.sum == 0)
  }

  @Test func delayIsZeroWhenRequestExactlyFills() {
    var window = window(limit: 100)
    window.append(weight: 60, at: 0)
    #expect(window.delayMicroseconds(toFit: 40, at: 3) == 0)
  }

  @Test(arguments: [(Int64(1), Int64(7)), (31, 8), (60, 8), (61, 9)])
  func delayWalksFromOldestEntry(weight: Int64, expectedMicroseconds: Int64) {
    var window = window(limit: 100)
    window.append(weight: 30, at: 0)
    window.append(weight: 30, at: 1)
    window.append(weight: 40, at: 2)
    #expect(window.delayMicroseconds(toFit: weight, at: 3) == expectedMicroseconds)
  }

  @Test func growthDoublesUpToMaximum() {
    var window = window(limit: 100, maximumEntries: 5, initialCapacity: 2)
    var capacities: [Int] = [window.capacity]
    for time in Int64(0)..<5 {
      window.append(weight: 1, at: time)
      capacities.append(window.capacity)
    }
    #expect(capacities == [2, 2, 2, 4, 4, 5])
  }

  @Test func growthKeepsWrappedEntriesInOrder() {
    var window = window(limit: 100, maximumEntries: 8, initialCapacity: 4)
    for time in Int64(0)..<4 { window.append(weight: time + 1, at: time) }
    window.expire(at: 11)
    for time in Int64(11)..<14 { window.append(weight: time, at: time) }
    #expect(window.entries.map(\.arrivalMicroseconds) == [2, 3, 11, 12, 13])
    #expect(window.entries.map(\.weight) == [3, 4, 11, 12, 13])
    #expect(window.sum == 43)
    #expect(window.capacity == 8)
  }

  @Test func sumFollowsAppendsAndExpiries() {
    var window = window(limit: 1_000, maximumEntries: 10)
    for time in Int64(0)..<20 {
      window.expire(at: time)
      window.append(weight: time, at: time)
    }
    #expect(window.sum == (10..<20).reduce(0, +))
    #expect(window.count == 10)
  }
}
