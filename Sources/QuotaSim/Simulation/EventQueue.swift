/// A priority queue of simulation events, ordered by time, then priority, then the order in
/// which they were pushed.
///
/// Events pushed for the same instant and priority come out in the order they were pushed.
/// The queue is a binary min-heap stored in one flat array of ``ScheduledEvent`` values, so a
/// push costs no allocation beyond the array's occasional growth.
///
/// The queue is a value type without locks: mutate it from one thread at a time.
public struct EventQueue<Event> {
  /// The heap: element `i` precedes or equals its children `2i + 1` and `2i + 2`.
  private(set) var heap: [ScheduledEvent<Event>] = []

  /// The sequence number the next push receives.
  private(set) var nextSequence: UInt64 = 0

  /// Creates an empty queue.
  public init() {}

  /// Creates an empty queue with room for `minimumCapacity` events before it grows.
  public init(minimumCapacity: Int) {
    heap.reserveCapacity(minimumCapacity)
  }

  /// The number of queued events.
  ///
  /// - Complexity: O(1).
  public var count: Int { heap.count }

  /// A Boolean value that is true when no event is queued.
  ///
  /// - Complexity: O(1).
  public var isEmpty: Bool { heap.isEmpty }

  /// Returns the event that ``pop()`` would remove, without removing it.
  ///
  /// - Complexity: O(1).
  public func peek() -> ScheduledEvent<Event>? {
    heap.first
  }

  /// Adds an event and returns the sequence number it was given.
  ///
  /// - Parameters:
  ///   - event: The payload.
  ///   - time: The instant at which the event runs.
  ///   - priority: The order among events at the same instant, where smaller runs first.
  /// - Returns: The event's sequence number, one more than the previous push's.
  /// - Complexity: O(log n) comparisons, amortized over the array's growth.
  @discardableResult
  public mutating func push(_ event: Event, at time: Instant, priority: Int = 0) -> UInt64 {
    let sequence = nextSequence
    nextSequence += 1

    heap.append(
      ScheduledEvent(time: time, priority: priority, sequence: sequence, event: event))
    siftUp(from: heap.count - 1)

    return sequence
  }

  /// Removes and returns the first event in (time, priority, sequence) order, or `nil` when
  /// the queue is empty.
  ///
  /// - Complexity: O(log n).
  public mutating func pop() -> ScheduledEvent<Event>? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }

    let first = heap[0]
    heap[0] = last
    siftDown(from: 0)

    return first
  }

  /// Removes every event. Sequence numbers keep counting from where they were.
  ///
  /// - Complexity: O(n).
  public mutating func removeAll(keepingCapacity: Bool = false) {
    heap.removeAll(keepingCapacity: keepingCapacity)
  }

  /// Moves the element at `index` toward the root until its parent precedes it.
  private mutating func siftUp(from index: Int) {
    // The heap's storage is borrowed once, so the loop makes no bounds or uniqueness checks.
    let hole = heap.withUnsafeMutableBufferPointer { elements in
      let element = elements[index]
      var hole = index
      while hole > 0 {
        let parent = (hole - 1) / 2
        guard element.precedes(elements[parent]) else { break }
        elements[hole] = elements[parent]
        hole = parent
      }
      elements[hole] = element
      return hole
    }

    #if DEBUG
      checkOrder(around: hole)
    #else
      _ = hole
    #endif
  }

  /// Moves the element at `index` toward the leaves until it precedes both children.
  private mutating func siftDown(from index: Int) {
    let hole = heap.withUnsafeMutableBufferPointer { elements in
      let element = elements[index]
      let count = elements.count
      var hole = index
      while true {
        let left = 2 * hole + 1
        guard left < count else { break }
        let right = left + 1
        let child = right < count && elements[right].precedes(elements[left]) ? right : left
        guard elements[child].precedes(element) else { break }
        elements[hole] = elements[child]
        hole = child
      }
      elements[hole] = element
      return hole
    }

    #if DEBUG
      checkOrder(around: hole)
    #else
      _ = hole
    #endif
  }
}

extension EventQueue: Sendable where Event: Sendable {}
