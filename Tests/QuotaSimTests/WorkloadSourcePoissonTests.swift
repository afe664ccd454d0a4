import Foundation
import Testing

@testable import QuotaSim

@Suite struct WorkloadSourcePoissonTests {
  typealias F = WorkloadFixtures

  /// Returns how many standard deviations `count` lies from a Poisson mean `expected`.
  static func deviations(_ count: Int, from expected: Double) -> Double {
    abs(Double(count) - expected) / expected.squareRoot()
  }

  @Test(arguments: 1...20)
  func flatRateCountMatchesOverMonth(seed: UInt64) throws {
    let workload = F.workload(.poisson(PoissonArrivals(ratePerSecond: 0.01)))
    let source = try F.source(
      workload, start: "2025-03-01T00:00:00Z", end: "2025-03-31T00:00:00Z", seed: seed)

    var count = 0
    while source.nextOpenLoopRequest() != nil { count += 1 }

    let expected = 0.01 * 30 * 86_400
    #expect(
      Self.deviations(count, from: expected) < 4,
      "seed \(seed): \(count) requests, expected \(expected)")
  }

  @Test func profileShapedCountsMatchEachHour() throws {
    let hourOfDay = (0..<24).map { 0.2 + Double(($0 * 7) % 24) / 10 }
    let dayOfWeek = [1.0, 1.2, 0.9, 1.1, 1.0, 0.3, 0.1]
    let arrivals = PoissonArrivals(ratePerSecond: 0.02, hourOfDay: hourOfDay, dayOfWeek: dayOfWeek)
    // 2025-03-03 is a Monday, so the 28 days are four whole weeks.
    let source = try F.source(
      F.workload(.poisson(arrivals)), start: "2025-03-03T00:00:00Z",
      end: "2025-03-31T00:00:00Z", seed: 11)

    var counts = [Int](repeating: 0, count: 24)
    for request in F.drain(source) {
      counts[F.localHour(of: request.arrival, in: F.utc)] += 1
    }

    let weekTotal = dayOfWeek.reduce(0, +)
    for hour in 0..<24 {
      let expected = 0.02 * hourOfDay[hour] * weekTotal * 4 * 3_600
      #expect(
        Self.deviations(counts[hour], from: expected) < 4,
        "seed 11 hour \(hour): \(counts[hour]) requests, expected \(expected)")
    }
  }

  @Test func growthCountMatchesIntegratedRate() throws {
    let arrivals = PoissonArrivals(ratePerSecond: 0.01, monthlyGrowth: 0.5)
    let start = F.instant("2025-01-01T00:00:00Z")
    let source = try F.source(
      F.workload(.poisson(arrivals)), start: "2025-01-01T00:00:00Z",
      end: "2025-03-02T00:00:00Z", seed: 12)

    var count = 0
    while source.nextOpenLoopRequest() != nil { count += 1 }

    // The rate steps once an hour, at the growth of the hour's first instant.
    var expected = 0.0
    for hour in 0..<(60 * 24) {
      let days = Double(hour) / 24
      expected += 0.01 * 3_600 * pow(1.5, days / 30.436875)
    }
    #expect(
      Self.deviations(count, from: expected) < 4,
      "seed 12 from \(start): \(count) requests, expected \(expected)")
  }

  @Test func zeroRateEndsAtOnce() throws {
    let source = try F.source(
      F.workload(.poisson(PoissonArrivals(ratePerSecond: 0))), start: "2025-01-01T00:00:00Z",
      end: "2125-01-01T00:00:00Z")
    #expect(source.nextOpenLoopRequest() == nil)
    #expect(source.nextOpenLoopRequest() == nil)
  }

  @Test func zeroProfileEndsAtOnce() throws {
    let arrivals = PoissonArrivals(ratePerSecond: 5, dayOfWeek: [0, 0, 0, 0, 0, 0, 0])
    let source = try F.source(
      F.workload(.poisson(arrivals)), start: "2025-01-01T00:00:00Z",
      end: "2125-01-01T00:00:00Z")
    #expect(source.nextOpenLoopRequest() == nil)
  }

  @Test func quietHoursAreSkipped() throws {
    var hourOfDay = [Double](repeating: 0, count: 24)
    hourOfDay[9] = 1
    let source = try F.source(
      F.workload(.poisson(PoissonArrivals(ratePerSecond: 0.1, hourOfDay: hourOfDay))),
      start: "2025-01-01T00:00:00Z", end: "2025-01-08T00:00:00Z", seed: 13)

    let requests = F.drain(source)
    let hours = Set(requests.map { F.localHour(of: $0.arrival, in: F.utc) })
    #expect(hours == [9], "seed 13")
    #expect(
      Self.deviations(requests.count, from: 0.1 * 3_600 * 7) < 4,
      "seed 13: \(requests.count) requests")
  }

  @Test func millionPerSecondRateWorks() throws {
    let source = try F.source(
      F.workload(.poisson(PoissonArrivals(ratePerSecond: 1_000_000))),
      start: "2025-01-01T00:00:00Z", end: "2025-01-01T00:00:00.2Z", seed: 14)

    var count = 0
    var previous = F.instant("2025-01-01T00:00:00Z")
    var ordered = true
    while let request = source.nextOpenLoopRequest() {
      ordered = ordered && request.arrival >= previous
      previous = request.arrival
      count += 1
    }
    #expect(ordered, "seed 14")
    #expect(Self.deviations(count, from: 200_000) < 4, "seed 14: \(count) requests")
  }

  @Test func springForwardDayHasTwentyThreeHours() throws {
    // 2025-03-09 in New York: 02:00 EST jumps to 03:00 EDT, so local hour 2 never occurs.
    let hourOfDay = (0..<24).map { $0 == 2 ? 50 : 1 + Double($0) / 4 }
    let source = try F.source(
      F.workload(.poisson(PoissonArrivals(ratePerSecond: 0.5, hourOfDay: hourOfDay))),
      start: "2025-03-09T05:00:00Z", end: "2025-03-10T04:00:00Z", timeZone: F.newYork, seed: 15)

    var counts = [Int](repeating: 0, count: 24)
    for request in F.drain(source) {
      counts[F.localHour(of: request.arrival, in: F.newYork)] += 1
    }

    #expect(counts[2] == 0, "seed 15: \(counts[2]) requests in the skipped hour")
    for hour in 0..<24 where hour != 2 {
      let expected = 0.5 * hourOfDay[hour] * 3_600
      #expect(
        Self.deviations(counts[hour], from: expected) < 4,
        "seed 15 hour \(hour): \(counts[hour]) requests, expected \(expected)")
    }
  }

  @Test func fallBackDayRepeatsOneAM() throws {
    // 2025-11-02 in New York: 02:00 EDT falls back to 01:00 EST, so hour 1 occurs twice.
    let hourOfDay = (0..<24).map { 1 + Double($0) / 4 }
    let source = try F.source(
      F.workload(.poisson(PoissonArrivals(ratePerSecond: 0.5, hourOfDay: hourOfDay))),
      start: "2025-11-02T04:00:00Z", end: "2025-11-03T05:00:00Z", timeZone: F.newYork, seed: 16)

    var counts = [Int](repeating: 0, count: 24)
    for request in F.drain(source) {
      counts[F.localHour(of: request.arrival, in: F.newYork)] += 1
    }

    for hour in 0..<24 {
      let expected = 0.5 * hourOfDay[hour] * 3_600 * (hour == 1 ? 2 : 1)
      #expect(
        Self.deviations(counts[hour], from: expected) < 4,
        "seed 16 hour \(hour): \(counts[hour]) requests, expected \(expected)")
    }
  }

  @Test func sizesDoNotDependOnArrivalShape() throws {
    let sizes = TokenSizeDistribution.logNormal(mu: 6, sigma: 1)
    let flat = F.workload(
      .poisson(PoissonArrivals(ratePerSecond: 1)), prompt: sizes, completion: sizes)
    let shaped = F.workload(
      .poisson(PoissonArrivals(ratePerSecond: 3, hourOfDay: (0..<24).map { Double($0 % 3) })),
      prompt: sizes, completion: sizes)
    let flatRequests = F.drain(
      try F.source(flat, start: "2025-01-01T00:00:00Z", end: "2025-01-01T06:00:00Z", seed: 17))
    let shapedRequests = F.drain(
      try F.source(shaped, start: "2025-01-01T00:00:00Z", end: "2025-01-01T06:00:00Z", seed: 17))

    let common = min(flatRequests.count, shapedRequests.count)
    #expect(common > 10_000, "seed 17: only \(common) requests to compare")
    #expect(
      flatRequests.prefix(common).map(\.promptTokens)
        == shapedRequests.prefix(common).map(\.promptTokens), "seed 17")
    #expect(
      flatRequests.prefix(common).map(\.completionTokens)
        == shapedRequests.prefix(common).map(\.completionTokens), "seed 17")
  }

  @Test func sameSeedGivesSameRequests() throws {
    let workload = F.workload(
      .poisson(PoissonArrivals(ratePerSecond: 2)), prompt: .gamma(shape: 2, scale: 300),
      completion: .normal(mean: 200, standardDeviation: 80), maxTokens: 256)
    let first = F.drain(
      try F.source(workload, start: "2025-01-01T00:00:00Z", end: "2025-01-01T01:00:00Z", seed: 18))
    let second = F.drain(
      try F.source(workload, start: "2025-01-01T00:00:00Z", end: "2025-01-01T01:00:00Z", seed: 18))
    #expect(first == second)
    #expect(first.allSatisfy { $0.completionTokens <= 256 })
    #expect(first.allSatisfy { $0.promptTokens >= 1 })
  }

  @Test func localHoursWalkTwentyThreeAndTwentyFive() {
    func hours(from start: String, to end: String) -> [Int] {
      var calendar = LocalHourCalendar(timeZone: F.newYork)
      var instant = F.instant(start)
      var result: [Int] = []
      while instant < F.instant(end) {
        let hour = calendar.hour(containing: instant)
        result.append(hour.hourOfDay)
        instant = hour.end
      }
      return result
    }

    #expect(
      hours(from: "2025-03-09T05:00:00Z", to: "2025-03-10T04:00:00Z")
        == [0, 1] + Array(3...23))
    #expect(
      hours(from: "2025-11-02T04:00:00Z", to: "2025-11-03T05:00:00Z")
        == [0, 1, 1] + Array(2...23))
  }
}
