/// An invalid request to a ``SimulationEngine``. Each case carries the rejected value.
public enum SimulationError: Error, Equatable, Sendable {
  /// A relative schedule was given a negative delay.
  case negativeDelay(Duration)

  /// An absolute schedule named an instant before the current virtual time.
  case scheduledInPast(at: Instant, now: Instant)

  /// A run was asked to stop at an instant before the current virtual time.
  case horizonInPast(until: Instant, now: Instant)
}

extension SimulationError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .negativeDelay(let delay):
      return "Negative delay \(delay.seconds) s. Expected a delay of 0 s or more."
    case .scheduledInPast(let instant, let now):
      return
        "Cannot schedule an event at \(instant), before the current time \(now). "
        + "Expected an instant at or after \(now)."
    case .horizonInPast(let until, let now):
      return
        "Cannot run until \(until), before the current time \(now). "
        + "Expected an instant at or after \(now)."
    }
  }
}
