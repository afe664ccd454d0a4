import Foundation

/// Runs independent, indexed pieces of work on a fixed number of threads and returns the
/// results in index order.
///
/// Workers take the next index from a shared counter, so a slow piece does not hold up the
/// others, and store each result in its slot. Which thread ran a piece never shows in the
/// output: the results come back in index order, whatever the number of threads.
public enum ParallelWork {
  /// The number of worker threads to use by default: the number of active processor cores.
  public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `body` for every index in `0..<count` on up to `jobs` threads and returns the
  /// results in index order.
  ///
  /// With one job, or one piece of work, everything runs on the calling thread.
  /// - Parameters:
  ///   - count: The number of pieces of work.
  ///   - jobs: The maximum number of threads, at least 1.
  ///   - body: The work for one index. It runs on an arbitrary thread, so it must not share
  ///     mutable state with other calls unless that state is locked.
  ///   - finished: Called after each piece, on the thread that ran it.
  public static func map<Result: Sendable>(
    count: Int, jobs: Int, body: @escaping @Sendable (Int) -> Result,
    finished: @escaping @Sendable () -> Void = {}
  ) -> [Result] {
    precondition(count >= 0, "count \(count) must not be negative")
    precondition(jobs >= 1, "jobs \(jobs) must be at least 1")
    let threads = min(jobs, count)
    guard threads > 1 else {
      return (0..<count).map { index in
        let result = body(index)
        finished()
        return result
      }
    }

    let board = WorkBoard<Result>(count: count)
    let group = DispatchGroup()
    for _ in 0..<threads {
      group.enter()
      let thread = Thread {
        while let index = board.takeIndex() {
          board.store(body(index), at: index)
          finished()
        }
        group.leave()
      }
      // Simulation runs recurse little, but the 512 KiB default of secondary threads is
      // smaller than the main thread's 8 MiB, and deep event chains should behave alike.
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    return board.results()
  }
}

/// The shared state of one ``ParallelWork/map(count:jobs:body:finished:)`` call: the next
/// index to hand out and the result slots.
private final class WorkBoard<Result: Sendable>: @unchecked Sendable {
  // @unchecked: `next` and `slots` are read and written only while holding `lock`.
  private let lock = Lock()
  private let count: Int
  private var next = 0
  private var slots: [Result?]

  init(count: Int) {
    self.count = count
    slots = Array(repeating: nil, count: count)
  }

  /// Returns the next index that no worker has taken, or `nil` when all are taken.
  func takeIndex() -> Int? {
    lock.withLock {
      guard next < count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  func store(_ result: Result, at index: Int) {
    lock.withLock { slots[index] = result }
  }

  /// Returns every result in index order.
  ///
  /// - Precondition: every index was stored.
  func results() -> [Result] {
    lock.withLock {
      slots.enumerated().map { index, slot in
        guard let slot else { preconditionFailure("no result was stored for index \(index)") }
        return slot
      }
    }
  }
}
