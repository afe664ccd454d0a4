import Dispatch
import Foundation
import Testing

@testable import QuotaSim

/// Thread-safety of the tracker and of its saves; run this suite under Thread Sanitizer too.
@Suite struct QuotaTrackerConcurrencyTests {
  typealias Fixture = StateFileFixture

  /// `threshold × quota` for the default policy (0.95) and `A`'s quota (1,000,000): a request
  /// is admitted only while `used + reserved` is below it, so at most 949,999.
  static let throttleLimit: Int64 = 950_000

  // MARK: - Recording

  @Test func sixteenThreadsRecordExactTotals() {
    let tracker = QuotaTracker(
      catalog: Fixture.catalog(), clock: ManualClock("2025-03-11T09:00:00Z"))

    runThreads(16) { thread in
      let deployment = thread.isMultiple(of: 2) ? Fixture.a : Fixture.b
      for _ in 0..<10_000 {
        tracker.record(
          TokenUsage(promptTokens: 3, completionTokens: 1, cachedTokens: 2, reasoningTokens: 1),
          for: deployment)
      }
    }

    let expected = TokenUsage(
      promptTokens: 240_000, completionTokens: 80_000, cachedTokens: 160_000,
      reasoningTokens: 80_000)
    #expect(tracker.usage(of: Fixture.a) == expected)
    #expect(tracker.usage(of: Fixture.b) == expected)
  }

  @Test func twentyConcurrentRecordsLoseNothing() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")

    var lostIterations: [Int] = []
    var lastTracker: QuotaTracker?
    for iteration in 0..<1_000 {
      let tracker = try Fixture.open(path, clock: clock)
      DispatchQueue.concurrentPerform(iterations: 20) { _ in
        tracker.record(TokenUsage(promptTokens: 100), for: Fixture.a)
      }
      if tracker.usage(of: Fixture.a).totalTokens != 2_000 { lostIterations.append(iteration) }
      lastTracker = tracker
    }
    try lastTracker?.save()

    #expect(lostIterations == [])
    #expect(lastTracker?.usage(of: Fixture.a).totalTokens == 2_000)
    #expect(Fixture.savedUsedTokens(path) == 2_000)
  }

  // MARK: - Admission

  /// Runs seeded shuffles of reserve and complete calls from several clients and checks every
  /// decision against the rule `used + reserved < threshold × quota`.
  ///
  /// Each response's usage equals its estimate, so `used + reserved` grows only at an
  /// admission and by that request's estimate. Right after an admission it is therefore at
  /// most `throttleLimit − 1 + estimate`, and it stays there until the next admission.
  @Test func admissionsNeverOvershootInShuffledInterleavings() {
    let maxEstimate: Int64 = 50_000
    var failures: [String] = []

    for seed in 0..<1_000 where failures.isEmpty {
      var random = SplitMix64(seed: UInt64(seed))
      let tracker = QuotaTracker(
        catalog: Fixture.catalog(), clock: ManualClock("2025-03-11T09:00:00Z"))
      var openReservations: [Reservation?] = Array(repeating: nil, count: 6)
      var requestsLeft = Array(repeating: 30, count: 6)
      var committed: Int64 = 0
      var lastAdmittedEstimate: Int64 = 0

      while let client = openReservations.indices.filter({
        openReservations[$0] != nil || requestsLeft[$0] > 0
      }).randomElement(using: &random) {
        if let reservation = openReservations[client] {
          tracker.complete(reservation, usage: TokenUsage(promptTokens: reservation.tokens))
          openReservations[client] = nil
        } else {
          requestsLeft[client] -= 1
          // Even seeds draw multiples of 10,000, so that `used + reserved` often lands
          // exactly on the limit, where `<` and `≤` differ.
          let estimate =
            seed.isMultiple(of: 2)
            ? 10_000 * Int64.random(in: 1...5, using: &random)
            : Int64.random(in: 1...maxEstimate, using: &random)
          let ruleAdmits = committed < Self.throttleLimit
          switch tracker.reserve(estimate, on: Fixture.a) {
          case .admitted(let reservation) where ruleAdmits:
            openReservations[client] = reservation
            committed += estimate
            lastAdmittedEstimate = estimate
          case .throttled where !ruleAdmits:
            break
          case let decision:
            failures.append("seed \(seed): \(decision) at used + reserved = \(committed)")
          }
        }

        let status = tracker.status(of: Fixture.a)
        let trackerCommitted = status.usage.totalTokens + status.reservedTokens
        if trackerCommitted != committed
          || trackerCommitted > Self.throttleLimit - 1 + lastAdmittedEstimate
        {
          failures.append(
            "seed \(seed): used + reserved = \(trackerCommitted), expected \(committed), "
              + "bound \(Self.throttleLimit - 1 + lastAdmittedEstimate)")
        }
        if !failures.isEmpty { break }
      }

      let final = tracker.status(of: Fixture.a)
      if final.reservedTokens != 0 || final.usage.totalTokens < Self.throttleLimit
        || final.usage.totalTokens > Self.throttleLimit - 1 + maxEstimate
      {
        failures.append(
          "seed \(seed): final used \(final.usage.totalTokens), reserved \(final.reservedTokens)")
      }
    }

    #expect(failures == [])
  }

  @Test func concurrentAdmissionsStayWithinOneEstimateOfThreshold() {
    let maxEstimate: Int64 = 20_000
    let violations = ViolationLog()

    for round in 0..<50 {
      let tracker = QuotaTracker(
        catalog: Fixture.catalog(), clock: ManualClock("2025-03-11T09:00:00Z"))
      runThreads(8) { thread in
        var random = SplitMix64(seed: UInt64(round * 100 + thread))
        while true {
          let estimate = Int64.random(in: 1...maxEstimate, using: &random)
          guard case .admitted(let reservation) = tracker.reserve(estimate, on: Fixture.a) else {
            return
          }
          let status = tracker.status(of: Fixture.a)
          let committed = status.usage.totalTokens + status.reservedTokens
          if committed > Self.throttleLimit - 1 + maxEstimate {
            violations.add("round \(round): used + reserved reached \(committed)")
          }
          tracker.complete(reservation, usage: TokenUsage(promptTokens: estimate))
        }
      }

      let final = tracker.status(of: Fixture.a)
      if final.reservedTokens != 0 || final.usage.totalTokens < Self.throttleLimit
        || final.usage.totalTokens > Self.throttleLimit - 1 + maxEstimate
      {
        violations.add(
          "round \(round): final used \(final.usage.totalTokens), reserved \(final.reservedTokens)")
      }
    }

    #expect(violations.messages == [])
  }

  // MARK: - Saving while recording

  @Test func saveWhileRecordingLosesNothing() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let tracker = try Fixture.open(path, clock: ManualClock("2025-03-11T09:00:00Z"))
    let failures = ViolationLog()

    runThreads(5) { thread in
      if thread == 0 {
        for _ in 0..<50 {
          do { try tracker.save() } catch { failures.add("\(error)") }
        }
      } else {
        for _ in 0..<2_000 { tracker.record(TokenUsage(promptTokens: 1), for: Fixture.a) }
      }
    }
    try tracker.save()

    #expect(failures.messages == [])
    #expect(tracker.usage(of: Fixture.a).totalTokens == 8_000)
    #expect(Fixture.savedUsedTokens(path) == 8_000)
  }

  @Test func twoTrackersSavingConcurrentlyLoseNothing() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let clock = ManualClock("2025-03-11T09:00:00Z")
    let trackers = [try Fixture.open(path, clock: clock), try Fixture.open(path, clock: clock)]
    let failures = ViolationLog()

    runThreads(2) { thread in
      for _ in 0..<100 {
        trackers[thread].record(TokenUsage(promptTokens: 7), for: Fixture.a)
        do { try trackers[thread].save() } catch { failures.add("\(error)") }
      }
    }
    try trackers[0].save()

    #expect(failures.messages == [])
    #expect(Fixture.savedUsedTokens(path) == 1_400)
    #expect(trackers[0].usage(of: Fixture.a).totalTokens == 1_400)
    #expect(Fixture.listing(folder) == ["state.json", "state.json.lock"])
  }

  @Test func writeThroughUnderConcurrentRecordsLosesNothing() throws {
    let folder = Fixture.makeFolder()
    defer { Fixture.removeFolder(folder) }
    let path = folder + "/state.json"
    let tracker = try Fixture.open(
      path, clock: ManualClock("2025-03-11T09:00:00Z"), mode: .writeThrough)

    runThreads(4) { _ in
      for _ in 0..<25 { tracker.record(TokenUsage(promptTokens: 3), for: Fixture.a) }
    }

    #expect(tracker.lastWriteThroughError == nil)
    #expect(Fixture.savedUsedTokens(path) == 300)
  }
}

/// Runs `body` on `count` new threads at once, passing each its number, and waits for all.
private func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let group = DispatchGroup()
  for index in 0..<count {
    group.enter()
    Thread {
      body(index)
      group.leave()
    }.start()
  }
  group.wait()
}

/// Messages collected from several threads.
private final class ViolationLog: @unchecked Sendable {
  // @unchecked: `stored` is read and written only under `lock`.
  private let lock = Lock()
  private var stored: [String] = []

  func add(_ message: String) { lock.withLock { stored.append(message) } }

  var messages: [String] { lock.withLock { stored } }
}
