import Testing

@testable import QuotaSim

/// Precomputed levels decide exactly as comparing `tokens × 10^6` with
/// `partsPerMillion × quota` in 128-bit arithmetic does.
@Suite struct ThresholdLevelsTests {
  static let quotas: [Int64] = [1, 3, 1_000, 999_999, 150_000_000, 1_000_000_000, .max]
  static let thresholds: [Int64] = [1, 333_333, 800_000, 950_000, 1_000_000, 2_500_000]

  /// Token counts around the exact level of `threshold` on `quota`, plus the ends.
  static func counts(threshold: Int64, quota: Int64) -> [Int64] {
    let level = Int128(threshold) * Int128(quota) / 1_000_000
    var counts: [Int64] = [0, 1, .max - 1, .max]
    for offset in -2...2 {
      let candidate = level + Int128(offset)
      if candidate >= 0 && candidate <= Int128(Int64.max) { counts.append(Int64(candidate)) }
    }
    return counts
  }

  /// Compares `tokens × 10^6` with `threshold × quota`: -1, 0 or 1.
  static func exactComparison(_ tokens: Int64, _ threshold: Int64, _ quota: Int64) -> Int {
    let left = Int128(tokens) * 1_000_000
    let right = Int128(threshold) * Int128(quota)
    return left < right ? -1 : (left == right ? 0 : 1)
  }

  @Test(arguments: quotas, thresholds)
  func alertLevelMatchesExactComparison(quota: Int64, threshold: Int64) {
    let levels = ThresholdLevels(
      quota: quota, alertThresholds: [threshold], throttleThreshold: 950_000,
      rule: .reservedBelowThreshold)
    for tokens in Self.counts(threshold: threshold, quota: quota) {
      let expected = Self.exactComparison(tokens, threshold, quota) >= 0
      #expect(levels.alertFires(0, at: tokens) == expected, "tokens \(tokens)")
    }
  }

  @Test(arguments: quotas, thresholds)
  func reservedRuleMatchesExactComparison(quota: Int64, threshold: Int64) {
    let levels = ThresholdLevels(
      quota: quota, alertThresholds: [], throttleThreshold: threshold,
      rule: .reservedBelowThreshold)
    for tokens in Self.counts(threshold: threshold, quota: quota) {
      let expected = Self.exactComparison(tokens, threshold, quota) < 0
      #expect(levels.throttleAdmits(tokens) == expected, "tokens \(tokens)")
    }
  }

  @Test(arguments: quotas, thresholds)
  func estimateRuleMatchesExactComparison(quota: Int64, threshold: Int64) {
    let levels = ThresholdLevels(
      quota: quota, alertThresholds: [], throttleThreshold: threshold,
      rule: .estimateWithinThreshold)
    for tokens in Self.counts(threshold: threshold, quota: quota) {
      let expected = Self.exactComparison(tokens, threshold, quota) <= 0
      #expect(levels.throttleAdmits(tokens) == expected, "tokens \(tokens)")
    }
  }

  @Test func noQuotaAdmitsAndFiresNothing() {
    let levels = ThresholdLevels(
      quota: nil, alertThresholds: [], throttleThreshold: 950_000, rule: .reservedBelowThreshold)
    #expect(levels.alertTokens.isEmpty)
    #expect(levels.throttleAdmits(.max))
  }

  @Test func zeroThresholdThrottlesEveryCount() {
    let levels = ThresholdLevels(
      quota: 1_000, alertThresholds: [0], throttleThreshold: 0, rule: .reservedBelowThreshold)
    #expect(levels.alertFires(0, at: 0))
    #expect(!levels.throttleAdmits(0))
  }
}
