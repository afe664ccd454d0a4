/// How far a run has come, reported between stretches of simulated time.
public struct RunProgress: Sendable, Equatable {
  /// The simulated instant the run has reached.
  public var now: Instant
  /// The share of the simulated span done, from 0 to 1.
  public var fractionDone: Double
  /// The requests that have arrived so far.
  public var requestsSimulated: Int64

  public init(now: Instant, fractionDone: Double, requestsSimulated: Int64) {
    self.now = now
    self.fractionDone = fractionDone
    self.requestsSimulated = requestsSimulated
  }
}
