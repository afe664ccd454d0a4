import Testing

@testable import QuotaSim

@Suite struct BackoffTests {
  let plain = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0, seed: 0)

  static let doublingSchedule: [(Int, Duration)] = [
    (0, .seconds(1)),
    (1, .seconds(2)),
    (2, .seconds(4)),
    (3, .seconds(8)),
    (5, .seconds(32)),
    (6, .seconds(60)),
    (7, .seconds(60)),
    (63, .seconds(60)),
    (Int.max, .seconds(60)),
  ]

  @Test(arguments: doublingSchedule)
  func delayDoublesUpToMaximum(retry: Int, expected: Duration) {
    #expect(plain.delay(forRetry: retry, requestID: 7) == expected)
  }

  @Test func negativeRetryIndexCountsAsFirst() {
    #expect(plain.delay(forRetry: -4, requestID: 7) == .seconds(1))
  }

  @Test func baseAboveMaximumIsCapped() {
    let backoff = Backoff(base: .seconds(90), maximum: .seconds(60), jitter: 0, seed: 0)
    #expect(backoff.delay(forRetry: 0, requestID: 1) == .seconds(60))
  }

  @Test func zeroBaseNeverWaits() {
    let backoff = Backoff(base: .zero, maximum: .seconds(60), jitter: 0.5, seed: 3)
    #expect(backoff.delay(forRetry: 4, requestID: 1) == .zero)
  }

  @Test func negativeDurationsCountAsZero() {
    let backoff = Backoff(base: .seconds(-1), maximum: .seconds(-5), jitter: 0, seed: 0)
    #expect(backoff.delay(forRetry: 2, requestID: 1) == .zero)
  }

  @Test func hugeMaximumDoesNotOverflow() {
    let backoff = Backoff(
      base: .seconds(1), maximum: .seconds(Int64.max), jitter: 0, seed: 0)
    #expect(backoff.delay(forRetry: 200, requestID: 1) == .microseconds(Int64.max))
  }

  @Test func policyDefaultsGiveOneTwoFourSeconds() {
    let backoff = Backoff(policy: LimiterPolicy())
    #expect(backoff.delay(forRetry: 0, requestID: 1) == .seconds(1))
    #expect(backoff.delay(forRetry: 1, requestID: 1) == .seconds(2))
    #expect(backoff.delay(forRetry: 2, requestID: 1) == .seconds(4))
  }

  @Test func policyFieldsCarryOver() {
    var policy = LimiterPolicy()
    policy.backoffBase = .milliseconds(250)
    policy.backoffMax = .seconds(5)
    policy.backoffJitter = 0.2
    policy.seed = 42
    let expected = Backoff(base: .milliseconds(250), maximum: .seconds(5), jitter: 0.2, seed: 42)
    #expect(Backoff(policy: policy) == expected)
  }

  // MARK: Jitter

  static let jitterSeeds: [UInt64] = [0, 1, 42, 0xDEAD_BEEF, .max]

  @Test(arguments: jitterSeeds)
  func jitterStaysWithinSpread(seed: UInt64) {
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(3600), jitter: 0.25, seed: seed)
    for requestID in UInt64(0)..<200 {
      for retry in 0..<4 {
        let nominal = Int64(1_000_000) << retry
        let delay = backoff.delay(forRetry: retry, requestID: requestID).microseconds
        #expect(delay >= nominal * 3 / 4, "seed \(seed) request \(requestID) retry \(retry)")
        #expect(delay <= nominal * 5 / 4, "seed \(seed) request \(requestID) retry \(retry)")
      }
    }
  }

  @Test func jitterRepeatsForSameInputs() {
    let first = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.5, seed: 9)
    let second = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.5, seed: 9)
    for requestID in UInt64(0)..<50 {
      let left = first.delay(forRetry: 2, requestID: requestID)
      let right = second.delay(forRetry: 2, requestID: requestID)
      #expect(left == right, "request \(requestID)")
    }
  }

  @Test func jitterFixedValueForKnownInputs() {
    // Pins the hash, so a change to it shows up as a changed schedule.
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.5, seed: 1)
    #expect(backoff.delay(forRetry: 0, requestID: 1) == .microseconds(Self.pinnedDelay))
  }

  static let pinnedDelay: Int64 = 841_631

  @Test func jitterVariesAcrossRequests() {
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.5, seed: 9)
    let delays = Set((UInt64(0)..<100).map { backoff.delay(forRetry: 0, requestID: $0) })
    #expect(delays.count > 90)
  }

  @Test func jitterVariesAcrossSeeds() {
    let delays = Set(
      (UInt64(0)..<100).map {
        Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 0.5, seed: $0)
          .delay(forRetry: 0, requestID: 1)
      })
    #expect(delays.count > 90)
  }

  @Test func jitterVariesAcrossRetries() {
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(3600), jitter: 0.5, seed: 9)
    let factors = Set(
      (0..<10).map { retry in
        backoff.delay(forRetry: retry, requestID: 1).microseconds >> retry
      })
    #expect(factors.count > 5)
  }

  @Test func jitterNeverExceedsMaximum() {
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(4), jitter: 1, seed: 5)
    for requestID in UInt64(0)..<200 {
      #expect(backoff.delay(forRetry: 6, requestID: requestID) <= .seconds(4))
    }
  }

  static let unusableJitter: [Double] = [0, -0.5, .nan]

  @Test(arguments: unusableJitter)
  func unusableJitterGivesExactSchedule(jitter: Double) {
    let backoff = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: jitter, seed: 5)
    #expect(backoff.delay(forRetry: 2, requestID: 11) == .seconds(4))
  }

  @Test func jitterAboveOneIsClampedToOne() {
    let wide = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 7, seed: 5)
    let full = Backoff(base: .seconds(1), maximum: .seconds(60), jitter: 1, seed: 5)
    #expect(wide.delay(forRetry: 1, requestID: 3) == full.delay(forRetry: 1, requestID: 3))
  }
}
