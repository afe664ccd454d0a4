/// The admitted requests of one sliding rate-limit window, kept in a ring buffer with a
/// running sum of their weights.
///
/// Each entry is an arrival instant and a weight: 1 for Azure's request window, the admission
/// estimate for its token window. An entry counts while `arrival + length > now`, so it stops
/// counting at exactly `arrival + length`. A request fits when `sum + weight <= limit`.
///
/// The storage starts small and doubles when full, up to `maximumEntries`, so after a short
/// warm-up no request allocates. Appending beyond `maximumEntries` is a programmer error.
///
/// Instants are whole microseconds and must not decrease from one call to the next. The type
/// is not thread-safe: the simulator core that owns it is single-threaded.
struct SlidingWindow {
  /// One admitted request: when it arrived and what it counts.
  struct Entry {
    var arrivalMicroseconds: Int64
    var weight: Int64
  }

  /// How long an entry counts after its arrival, in microseconds.
  let lengthMicroseconds: Int64
  /// The largest sum of weights the window admits.
  let limit: Int64
  /// The maximum number of entries the window can contain, so the storage never grows beyond it.
  let maximumEntries: Int

  private var storage: ContiguousArray<Entry>
  private var head = 0
  /// The number of entries, as of the last ``expire(at:)`` or ``append(weight:at:)``.
  private(set) var count = 0
  /// The sum of the entries' weights, as of the last ``expire(at:)`` or ``append(weight:at:)``.
  private(set) var sum: Int64 = 0

  /// The number of entries allocated for the storage.
  var capacity: Int { storage.count }

  /// Creates an empty window.
  ///
  /// - Parameters:
  ///   - lengthMicroseconds: how long an entry counts, in microseconds (positive).
  ///   - limit: the largest sum of weights admitted (non-negative).
  ///   - maximumEntries: the maximum number of entries the window can contain (positive).
  ///   - initialCapacity: entries allocated up front; clamped to `1...maximumEntries`.
  init(lengthMicroseconds: Int64, limit: Int64, maximumEntries: Int, initialCapacity: Int = 1_024) {
    precondition(lengthMicroseconds > 0, "window length \(lengthMicroseconds) µs is not positive")
    precondition(limit >= 0, "window limit \(limit) is negative")
    precondition(maximumEntries > 0, "window bound \(maximumEntries) entries is not positive")
    self.lengthMicroseconds = lengthMicroseconds
    self.limit = limit
    self.maximumEntries = maximumEntries
    let capacity = min(max(1, initialCapacity), maximumEntries)
    storage = ContiguousArray(
      repeating: Entry(arrivalMicroseconds: 0, weight: 0), count: capacity)
  }

  /// Removes the entries that no longer count at `now` (microseconds).
  ///
  /// - Complexity: O(k) for k removed entries, amortised O(1) per appended entry.
  @inline(__always)
  mutating func expire(at now: Int64) {
    let cutoff = now - lengthMicroseconds
    while count > 0 && storage[head].arrivalMicroseconds <= cutoff {
      sum -= storage[head].weight
      head += 1
      if head == storage.count { head = 0 }
      count -= 1
    }
  }

  /// Returns the microseconds from `now` until a request of `weight` fits, or 0 when it fits
  /// now.
  ///
  /// Call ``expire(at:)`` with the same `now` first. The delay is the time until enough of
  /// the oldest entries stop counting that `sum + weight <= limit`; `weight` must not exceed
  /// `limit`, or the request never fits.
  ///
  /// - Complexity: O(1) when the request fits; otherwise O(k) for the k oldest entries that
  ///   must leave.
  @inline(__always)
  func delayMicroseconds(toFit weight: Int64, at now: Int64) -> Int64 {
    precondition(weight <= limit, "weight \(weight) exceeds the window limit \(limit)")
    var excess = weight - (limit - sum)
    if excess <= 0 { return 0 }

    var index = head
    for _ in 0..<count {
      excess -= storage[index].weight
      if excess <= 0 { return storage[index].arrivalMicroseconds + lengthMicroseconds - now }
      index += 1
      if index == storage.count { index = 0 }
    }
    preconditionFailure("entries sum to \(sum) but cannot free \(weight) of limit \(limit)")
  }

  /// Records an admitted request of `weight` arriving at `now` (microseconds).
  ///
  /// - Complexity: amortised O(1); O(n) only while the storage grows toward
  ///   `maximumEntries`.
  @inline(__always)
  mutating func append(weight: Int64, at now: Int64) {
    if count == storage.count { grow() }

    var tail = head + count
    if tail >= storage.count { tail -= storage.count }
    storage[tail] = Entry(arrivalMicroseconds: now, weight: weight)
    count += 1
    sum += weight
  }

  /// Doubles the storage, up to `maximumEntries`, and moves the entries to its front.
  private mutating func grow() {
    precondition(
      storage.count < maximumEntries,
      "window already holds its maximum of \(maximumEntries) entries")
    let doubled = storage.count > maximumEntries / 2 ? maximumEntries : storage.count * 2
    var larger = ContiguousArray<Entry>()
    larger.reserveCapacity(doubled)
    for offset in 0..<count {
      var index = head + offset
      if index >= storage.count { index -= storage.count }
      larger.append(storage[index])
    }
    larger.append(
      contentsOf: repeatElement(Entry(arrivalMicroseconds: 0, weight: 0), count: doubled - count))
    storage = larger
    head = 0
  }

  /// The entries that count, oldest first, copied into a new array for tests and diagnostics.
  var entries: [Entry] {
    (0..<count).map { offset in
      var index = head + offset
      if index >= storage.count { index -= storage.count }
      return storage[index]
    }
  }
}
