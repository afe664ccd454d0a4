/// The simulated time of one run, which only a ``SimulationEngine`` moves.
///
/// The engine sets ``now`` to each event's instant before it hands the event to the handler,
/// and the limiter reads it through ``LimiterClock`` while the handler runs. Reading ``now``
/// is one load of a stored property.
///
/// A virtual clock is single-threaded: it belongs to one simulation, and every read and write
/// happens on the thread that runs that simulation's events.
public final class VirtualClock: LimiterClock, @unchecked Sendable {
  // @unchecked: there is no lock. `now` is written only by the owning SimulationEngine between
  // events and read by code that runs inside those events, all on one thread at a time. A
  // simulation may move to another thread between runs, but two threads must never use one
  // clock at the same time.

  /// The current virtual instant.
  public private(set) var now: Instant

  /// Creates a clock that reads `start` until the engine advances it.
  public init(start: Instant) {
    now = start
  }

  /// Moves the clock to `instant`, which must not be earlier than ``now``.
  func advance(to instant: Instant) {
    precondition(instant >= now, "VirtualClock cannot move back from \(now) to \(instant)")
    now = instant
  }
}
