extension EventQueue {
  /// Stops the program unless the element at `index` is ordered with its parent and
  /// children. The sift operations call it in debug builds after every push and pop.
  ///
  /// - Complexity: O(1).
  func checkOrder(around index: Int) {
    if index > 0 {
      let parent = (index - 1) / 2
      precondition(
        !heap[index].precedes(heap[parent]),
        "EventQueue heap order broken: element \(index) precedes its parent \(parent)")
    }
    for child in (2 * index + 1)...(2 * index + 2) where child < heap.count {
      precondition(
        !heap[child].precedes(heap[index]),
        "EventQueue heap order broken: child \(child) precedes its parent \(index)")
    }
  }

  /// Stops the program unless every element is ordered with its parent and every sequence
  /// number is unique and below the next one to be given. Does nothing in release builds.
  ///
  /// The sift operations check only the element they moved, which keeps debug builds fast;
  /// tests call this full check.
  ///
  /// - Complexity: O(n) in debug builds.
  func checkInvariants() {
    #if DEBUG
      var sequences = Set<UInt64>(minimumCapacity: heap.count)
      for index in heap.indices {
        checkOrder(around: index)
        let sequence = heap[index].sequence
        precondition(
          sequence < nextSequence,
          "EventQueue sequence \(sequence) at \(index) is not below the next \(nextSequence)")
        precondition(
          sequences.insert(sequence).inserted,
          "EventQueue sequence \(sequence) at \(index) appears twice")
      }
    #endif
  }
}
