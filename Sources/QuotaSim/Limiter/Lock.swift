#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mutual-exclusion lock over a `pthread_mutex_t`.
///
/// NOTE: `Synchronization.Mutex` would be the obvious choice, but on Linux with Swift 6.3 its
/// futex-based implementation is invisible to Thread Sanitizer, which then reports false
/// access races. A pthread mutex is understood by the sanitizer. Every shared structure in
/// QuotaSim takes its locks from this one type, so the choice can change in one place.
public final class Lock: @unchecked Sendable {
  // @unchecked: the mutex is the synchronization primitive itself; its storage never moves.
  // A lock made by `confinedToOneThread()` has no mutex and must be used by one thread only.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>?

  public init() {
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    let status = pthread_mutex_init(mutex, nil)
    precondition(status == 0, "pthread_mutex_init failed with status \(status)")
    self.mutex = mutex
  }

  private init(withoutMutex: Void) {
    mutex = nil
  }

  /// Returns a lock for state that only one thread ever uses, such as the tracker of one
  /// simulation run: its ``withLock(_:)`` runs the body without taking a mutex.
  static func confinedToOneThread() -> Lock {
    Lock(withoutMutex: ())
  }

  deinit {
    guard let mutex else { return }
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  /// Runs `body` while holding the lock and returns its result.
  @discardableResult
  public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    guard let mutex else { return try body() }
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }
}
