/// Exponential backoff with deterministic jitter, for failures that carry no valid retry delay.
///
/// Retry 0 waits ``base``, each later retry twice the one before, and no wait exceeds
/// ``maximum``. With a nonzero ``jitter`` the doubled wait is multiplied by a factor drawn
/// from `[1 − jitter, 1 + jitter)` and then capped at ``maximum`` again. The factor is a pure
/// function of the seed, the request ID and the retry index (a SplitMix64 hash), so a run
/// repeats its waits exactly and the order in which requests fail does not change them. The
/// jitter draws take nothing from the simulator's random streams.
public struct Backoff: Sendable, Equatable {
  /// The wait before retry 0. A negative value counts as zero.
  public var base: Duration
  /// The maximum wait. A negative value counts as zero.
  public var maximum: Duration
  /// The spread of the jitter as a fraction of the wait, clamped to `0...1`; NaN counts as 0.
  public var jitter: Double
  /// The seed of the jitter.
  public var seed: UInt64

  /// Creates a backoff schedule.
  public init(base: Duration, maximum: Duration, jitter: Double, seed: UInt64) {
    self.base = base
    self.maximum = maximum
    self.jitter = jitter
    self.seed = seed
  }

  /// Creates the backoff schedule of a limiter policy.
  public init(policy: LimiterPolicy) {
    self.init(
      base: policy.backoffBase, maximum: policy.backoffMax, jitter: policy.backoffJitter,
      seed: policy.seed)
  }

  /// Returns the wait before retry `retryIndex` (0 for the first retry) of request `requestID`.
  ///
  /// A negative `retryIndex` counts as 0. The result is whole microseconds, never negative and
  /// never above ``maximum``.
  public func delay(forRetry retryIndex: Int, requestID: UInt64) -> Duration {
    let cap = max(0, maximum.microseconds)
    let index = max(0, retryIndex)
    let doubled = Self.doubling(max(0, base.microseconds), times: index, cap: cap)

    let spread = jitter.isNaN ? 0 : min(1, max(0, jitter))
    guard spread > 0, doubled > 0 else { return .microseconds(doubled) }

    let unit = Self.unitInterval(seed: seed, requestID: requestID, retryIndex: UInt64(index))
    let factor = 1 + spread * (2 * unit - 1)
    let jittered = Int64(clampingMicroseconds: (Double(doubled) * factor).rounded())
    return .microseconds(min(cap, max(0, jittered)))
  }

  /// Returns `value × 2^times`, at most `cap`, without overflow.
  private static func doubling(_ value: Int64, times: Int, cap: Int64) -> Int64 {
    var result = min(value, cap)
    var remaining = times
    while remaining > 0, result > 0, result < cap {
      let (next, overflow) = result.multipliedReportingOverflow(by: 2)
      result = overflow ? cap : min(next, cap)
      remaining -= 1
    }
    return result
  }

  /// Returns a number in `[0, 1)` that depends only on the three inputs.
  private static func unitInterval(seed: UInt64, requestID: UInt64, retryIndex: UInt64) -> Double {
    var state = SplitMix64.firstOutput(seed: seed)
    state = SplitMix64.firstOutput(seed: state ^ requestID)
    state = SplitMix64.firstOutput(seed: state ^ retryIndex)
    // The top 53 bits fill a Double's mantissa exactly.
    return Double(state >> 11) * 0x1p-53
  }

}
