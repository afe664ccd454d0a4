import Foundation

/// A source of the current instant for the limiter.
///
/// The limiter never reads the wall clock itself. Production code passes ``SystemClock``;
/// tests pass ``ManualClock``; the simulator passes its virtual clock.
public protocol LimiterClock: Sendable {
  /// The current instant.
  var now: Instant { get }
}

/// The wall clock of this machine.
public struct SystemClock: LimiterClock {
  public init() {}

  public var now: Instant { Instant(Date()) }
}

/// A clock that moves only when a test moves it. Thread-safe.
public final class ManualClock: LimiterClock, @unchecked Sendable {
  // @unchecked: `current` is read and written only under `lock`.
  private let lock = Lock()
  private var current: Instant

  /// Creates a clock that reads `start` until it is moved.
  public init(_ start: Instant = .epoch) {
    current = start
  }

  /// Creates a clock at an ISO 8601 instant such as `2025-10-31T00:00:00Z`.
  ///
  /// A malformed literal is a programmer error and stops the program.
  public convenience init(_ iso8601: String) {
    guard let instant = Instant(iso8601: iso8601) else {
      preconditionFailure("ManualClock: '\(iso8601)' is not an ISO 8601 instant")
    }
    self.init(instant)
  }

  public var now: Instant { lock.withLock { current } }

  /// Moves the clock forward by `duration`; a negative duration is a programmer error.
  public func advance(by duration: Duration) {
    precondition(duration >= .zero, "ManualClock cannot move backwards by \(duration)")
    lock.withLock { current = current.advanced(by: duration) }
  }

  /// Sets the clock to `instant`, forwards or backwards (tests of restarts use both).
  public func set(to instant: Instant) {
    lock.withLock { current = instant }
  }

  /// Sets the clock to an ISO 8601 instant; a malformed literal stops the program.
  public func set(to iso8601: String) {
    guard let instant = Instant(iso8601: iso8601) else {
      preconditionFailure("ManualClock: '\(iso8601)' is not an ISO 8601 instant")
    }
    set(to: instant)
  }
}
