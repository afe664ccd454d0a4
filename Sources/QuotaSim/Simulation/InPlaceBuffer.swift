/// A growable array that one simulation run owns and mutates in place.
///
/// An `Array` stored in a class checks on every write whether its storage is shared, and the
/// simulator writes several fields of its slots and metrics per event. This buffer is a class
/// that owns its allocation and is never shared, so a write is a store through a pointer.
/// Indices are checked with preconditions, as `Array` checks them. Like the run that owns it,
/// the buffer is not thread-safe.
final class InPlaceBuffer<Element> {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  /// The number of elements.
  private(set) var count = 0

  /// Creates an empty buffer with room for `minimumCapacity` elements before it grows.
  init(minimumCapacity: Int = 16) {
    capacity = max(1, minimumCapacity)
    base = .allocate(capacity: capacity)
  }

  /// Creates a buffer holding `elements` in order.
  convenience init(_ elements: some Collection<Element>) {
    self.init(minimumCapacity: elements.count)
    for element in elements { append(element) }
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// The element at `index`, read and written in place.
  ///
  /// - Complexity: O(1).
  subscript(index: Int) -> Element {
    unsafeAddress {
      precondition(index >= 0 && index < count, "index \(index) is outside 0..<\(count)")
      return UnsafePointer(base + index)
    }
    unsafeMutableAddress {
      precondition(index >= 0 && index < count, "index \(index) is outside 0..<\(count)")
      return base + index
    }
  }

  /// The valid indices, `0..<count`.
  var indices: Range<Int> { 0..<count }

  /// Whether the buffer has no elements.
  var isEmpty: Bool { count == 0 }

  /// Adds `element` at the end.
  ///
  /// - Complexity: amortized O(1); the storage doubles when full.
  func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Removes and returns the last element, or returns `nil` when the buffer is empty.
  ///
  /// - Complexity: O(1).
  func popLast() -> Element? {
    guard count > 0 else { return nil }
    count -= 1
    return (base + count).move()
  }

  /// Returns the elements as an array, in order.
  var elements: [Element] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Moves the elements to a storage twice as large.
  private func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity *= 2
  }
}
