import Testing

@testable import QuotaSim

/// What one seeded run of the retry property found.
private struct RetryPropertyRun {
  var violations: [String] = []
  var refusalsByWindow: [RateLimitWindow: Int] = [:]
}

@Suite struct SimulatedEndpointPropertyTests {
  /// Sends 5,000 requests to a 10,000 TPM endpoint (10 requests per 10 s), 0–1.2 s apart, with
  /// estimates of 0–100 tokens and, one time in eight, 0–4,000 tokens, so both windows block.
  /// After each 429 with delay d at t, the same request is sent at t + d − 1 µs, which must be
  /// rejected, and at t + d, which must be admitted.
  private func runRetryProperty(seed: UInt64) -> RetryPropertyRun {
    var random = SplitMix64(seed: seed)
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000)
    var run = RetryPropertyRun()
    var now: Int64 = 0

    for step in 0..<5_000 {
      now += random.next(through: 1_200_000)
      let isLarge = random.next(through: 7) == 0
      let estimate = random.next(through: isLarge ? 4_000 : 100)
      let answer = endpoint.admit(estimate: estimate, at: endpointInstant(microseconds: now))
      guard case .rateLimited(let refusal) = answer else { continue }
      run.refusalsByWindow[refusal.blockingWindow, default: 0] += 1

      let delay = refusal.retryAfterMicroseconds
      let early = endpoint.admit(
        estimate: estimate, at: endpointInstant(microseconds: now + delay - 1))
      if case .rateLimited = early {
      } else {
        run.violations.append("step \(step): retry 1 µs early got \(early), delay \(delay) µs")
      }
      now += delay
      let onTime = endpoint.admit(estimate: estimate, at: endpointInstant(microseconds: now))
      if onTime != .admitted {
        run.violations.append("step \(step): retry at hint got \(onTime), delay \(delay) µs")
      }
    }
    return run
  }

  @Test(arguments: [UInt64(1), 2, 3, 42, 2_026])
  func retryDelayIsExactTimeUntilAdmitted(seed: UInt64) {
    let run = runRetryProperty(seed: seed)
    #expect(run.violations == [], "seed \(seed)")
  }

  @Test(arguments: [UInt64(1), 2, 3, 42, 2_026])
  func retryPropertyMeetsEveryBlockingWindow(seed: UInt64) {
    let run = runRetryProperty(seed: seed)
    #expect(run.refusalsByWindow[.requests, default: 0] > 0, "seed \(seed)")
    #expect(run.refusalsByWindow[.tokens, default: 0] > 0, "seed \(seed)")
    #expect(run.refusalsByWindow[.both, default: 0] > 0, "seed \(seed)")
  }
}
