/// A discrete-event simulation loop over a virtual clock.
///
/// The engine keeps a queue of caller-defined events. Each step removes the next event in
/// (time, priority, scheduling order), moves ``clock`` to the event's time and hands the
/// event to the caller's handler, which may schedule more events. `Event` should be a small
/// value type, typically an enum of the model's event kinds with indices as payloads, so
/// scheduling an event stores a few words in the queue and allocates nothing. One handler
/// serves a whole run, rather than one closure per event.
///
/// The vocabulary follows SimPy: ``now``, ``schedule(_:at:priority:)``,
/// ``schedule(_:after:priority:)``, ``peek()``, ``step()`` and ``run(until:handler:)``.
///
/// The engine is single-threaded: create, schedule, step and run it on one thread at a time.
/// Parallel replications each build their own engine.
public final class SimulationEngine<Event> {
  /// The virtual clock that the engine advances, which the limiter reads.
  public let clock: VirtualClock

  /// The pending events.
  private var queue: EventQueue<Event>

  /// The number of events that ``step()`` has removed so far.
  public private(set) var processedEventCount = 0

  /// Creates an engine whose clock starts at `start`.
  ///
  /// - Parameters:
  ///   - start: The initial virtual time.
  ///   - minimumCapacity: The number of pending events to make room for before the queue
  ///     grows.
  public init(start: Instant, minimumCapacity: Int = 0) {
    clock = VirtualClock(start: start)
    queue = EventQueue(minimumCapacity: minimumCapacity)
  }

  /// The current virtual time.
  public var now: Instant { clock.now }

  /// The number of events scheduled and not yet processed.
  public var pendingEventCount: Int { queue.count }

  /// Schedules `event` at the absolute instant `time`.
  ///
  /// An event scheduled for ``now`` runs after every event already queued for ``now`` with the
  /// same or a smaller priority.
  ///
  /// - Parameters:
  ///   - event: The payload that the handler receives.
  ///   - time: The instant, at or after ``now``.
  ///   - priority: The order among events at the same instant, where smaller runs first.
  /// - Throws: ``SimulationError/scheduledInPast(at:now:)`` when `time` is before ``now``.
  /// - Complexity: O(log n) for n pending events.
  public func schedule(_ event: Event, at time: Instant, priority: Int = 0) throws(SimulationError)
  {
    guard time >= now else { throw .scheduledInPast(at: time, now: now) }
    queue.push(event, at: time, priority: priority)
  }

  /// Schedules `event` at `time`, or at ``now`` when `time` is earlier, so it never throws.
  ///
  /// - Complexity: O(log n) for n pending events.
  func schedule(_ event: Event, notBefore time: Instant, priority: Int = 0) {
    queue.push(event, at: max(time, now), priority: priority)
  }

  /// Schedules `event` after a delay from ``now``.
  ///
  /// The delay is truncated toward zero to whole microseconds, the resolution of ``Instant``.
  /// An instant past the end of its range saturates at ``Instant/distantFuture``.
  ///
  /// - Parameters:
  ///   - event: The payload that the handler receives.
  ///   - delay: The delay, 0 or more.
  ///   - priority: The order among events at the same instant, where smaller runs first.
  /// - Throws: ``SimulationError/negativeDelay(_:)`` when `delay` is negative.
  /// - Complexity: O(log n) for n pending events.
  public func schedule(_ event: Event, after delay: Duration, priority: Int = 0)
    throws(SimulationError)
  {
    guard delay >= .zero else { throw .negativeDelay(delay) }
    queue.push(event, at: now.advanced(by: delay), priority: priority)
  }

  /// Returns the next event without removing it, or `nil` when none is pending.
  ///
  /// - Complexity: O(1).
  public func peek() -> ScheduledEvent<Event>? {
    queue.peek()
  }

  /// Removes the next event, advances the clock to its time and returns it, or returns `nil`
  /// without touching the clock when no event is pending.
  ///
  /// The caller handles the returned event, as ``run(until:handler:)`` does in a loop.
  ///
  /// - Complexity: O(log n) for n pending events.
  public func step() -> ScheduledEvent<Event>? {
    guard let next = queue.pop() else { return nil }

    clock.advance(to: next.time)
    processedEventCount += 1

    return next
  }

  /// Handles every event before `horizon` in order, then sets the clock to `horizon`.
  ///
  /// The interval is half-open: events at exactly `horizon` and later stay queued, so a run
  /// until t1 followed by a run until t2 handles the same events as one run until t2. Events
  /// that the handler schedules before `horizon` are handled in the same run.
  ///
  /// - Parameters:
  ///   - horizon: The instant to stop at, at or after ``now``.
  ///   - handler: Called once per event, after the clock has moved to the event's time.
  /// - Throws: ``SimulationError/horizonInPast(until:now:)`` when `horizon` is before ``now``,
  ///   or the first error the handler throws. The event that the handler was processing has
  ///   been removed, and the clock stays at its time.
  public func run(
    until horizon: Instant, handler: (ScheduledEvent<Event>) throws -> Void
  ) throws {
    guard horizon >= now else { throw SimulationError.horizonInPast(until: horizon, now: now) }

    while let next = queue.peek(), next.time < horizon {
      guard let event = step() else { break }
      try handler(event)
    }

    clock.advance(to: horizon)
  }

  /// Handles events in order until none is pending, leaving the clock at the last event's
  /// time.
  ///
  /// The run ends only if the handler eventually stops scheduling events.
  ///
  /// - Parameter handler: Called once per event, after the clock has moved to the event's
  ///   time.
  /// - Throws: The first error the handler throws.
  public func run(handler: (ScheduledEvent<Event>) throws -> Void) rethrows {
    while let event = step() {
      try handler(event)
    }
  }
}
