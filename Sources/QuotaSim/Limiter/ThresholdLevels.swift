/// The token counts at which one deployment's alerts fire and its throttle refuses, computed
/// once from the quota and the policy so that a check is one integer comparison.
///
/// A threshold is a fraction of the quota in parts per million, and the rules compare
/// `tokens × 1,000,000` with `partsPerMillion × quota` exactly. For whole token counts that is
/// the same as comparing `tokens` with that product divided by 1,000,000, rounded up or down
/// as each rule needs, so the 128-bit product is formed here and never on a request.
struct ThresholdLevels: Sendable {
  /// Per alert threshold, in the tracker's ascending order, the fewest tokens that fire it:
  /// `⌈partsPerMillion × quota ÷ 10^6⌉`, or `nil` when no `Int64` count reaches it. Empty
  /// without a quota.
  let alertTokens: [Int64?]
  /// The largest committed count the throttle admits, or `nil` when it admits every count
  /// (no quota, or a threshold so high that the level exceeds `Int64`).
  let throttleAdmitsUpTo: Int64?

  /// Computes the levels of a deployment with `quota` tokens per period.
  ///
  /// - Parameters:
  ///   - quota: the period quota, or `nil` without one.
  ///   - alertThresholds: the alert thresholds in parts per million, ascending.
  ///   - throttleThreshold: the throttle threshold in parts per million.
  ///   - rule: how the throttle compares; ``ThrottleRule/reservedBelowThreshold`` admits while
  ///     `committed × 10^6 < partsPerMillion × quota`, and
  ///     ``ThrottleRule/estimateWithinThreshold`` while `committed × 10^6 ≤ partsPerMillion × quota`.
  init(quota: Int64?, alertThresholds: [Int64], throttleThreshold: Int64, rule: ThrottleRule) {
    guard let quota else {
      alertTokens = []
      throttleAdmitsUpTo = nil
      return
    }
    alertTokens = alertThresholds.map { threshold in
      Self.clamped(Self.scaled(threshold, quota, roundingUp: true))
    }
    switch rule {
    case .reservedBelowThreshold:
      // committed < ⌈P ÷ 10^6⌉ is committed ≤ ⌈P ÷ 10^6⌉ − 1.
      throttleAdmitsUpTo = Self.clamped(Self.scaled(throttleThreshold, quota, roundingUp: true) - 1)
    case .estimateWithinThreshold:
      throttleAdmitsUpTo = Self.clamped(Self.scaled(throttleThreshold, quota, roundingUp: false))
    }
  }

  /// Returns whether the alert at `index` fires at `usedTokens`; without a quota none does.
  ///
  /// - Complexity: O(1).
  func alertFires(_ index: Int, at usedTokens: Int64) -> Bool {
    guard index < alertTokens.count, let level = alertTokens[index] else { return false }
    return usedTokens >= level
  }

  /// Returns whether the throttle admits a request when `committedTokens` are used and
  /// reserved (or used plus the estimate, by the rule).
  ///
  /// - Complexity: O(1).
  func throttleAdmits(_ committedTokens: Int64) -> Bool {
    guard let limit = throttleAdmitsUpTo else { return true }
    return committedTokens <= limit
  }

  /// Returns `partsPerMillion × quota ÷ 10^6`, rounded up or down, exactly.
  private static func scaled(_ partsPerMillion: Int64, _ quota: Int64, roundingUp: Bool) -> Int128 {
    let product = Int128(partsPerMillion) * Int128(quota)
    let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 1_000_000)
    if roundingUp && remainder > 0 { return quotient + 1 }
    if !roundingUp && remainder < 0 { return quotient - 1 }
    return quotient
  }

  /// Returns `value` as `Int64`, `nil` above the range and `Int64.min` below it.
  ///
  /// Counts compared with a level are never negative, so a level below the range refuses
  /// them all, as the exact comparison does.
  private static func clamped(_ value: Int128) -> Int64? {
    if value > Int128(Int64.max) { return nil }
    if value < Int128(Int64.min) { return .min }
    return Int64(value)
  }
}
