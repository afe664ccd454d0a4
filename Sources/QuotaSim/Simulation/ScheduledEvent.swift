/// An event with the instant, priority and sequence number that order it in an
/// ``EventQueue``.
public struct ScheduledEvent<Event> {
  /// The virtual instant at which the event runs.
  public var time: Instant

  /// The priority among events at the same instant, where smaller values run first.
  public var priority: Int

  /// The position in scheduling order, unique within one queue, which breaks remaining ties.
  public var sequence: UInt64

  /// The caller's payload.
  public var event: Event

  /// Returns whether `self` runs before `other`: earlier time, then smaller priority, then
  /// smaller sequence number.
  public func precedes(_ other: ScheduledEvent) -> Bool {
    if time != other.time { return time < other.time }
    if priority != other.priority { return priority < other.priority }
    return sequence < other.sequence
  }
}

extension ScheduledEvent: Sendable where Event: Sendable {}

extension ScheduledEvent: Equatable where Event: Equatable {}
