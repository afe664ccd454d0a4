import Foundation
import Testing

@testable import QuotaSim

@Suite struct StatisticsTests {
  @Test func runningMomentsOfSmallIntegers() throws {
    let moments = RunningMoments([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(moments.count == 8)
    #expect(moments.mean == 5)
    // The squared deviations sum to 32, so the sample variance is 32 / 7.
    #expect(try #require(moments.variance) == 32.0 / 7.0)
  }

  @Test func runningMomentsOfOneValueHaveNoVariance() {
    let moments = RunningMoments([42])
    #expect(moments.mean == 42)
    #expect(moments.variance == nil)
  }

  @Test func runningMomentsOfLargeEqualValuesHaveZeroVariance() {
    let moments = RunningMoments(Array(repeating: 300_000_000, count: 10))
    #expect(moments.mean == 300_000_000)
    #expect(moments.variance == 0)
  }

  @Test func meanEstimateUsesStudentTQuantile() throws {
    // Values 1…5: mean 3, sample standard deviation √2.5. The 0.975 quantile of Student's t
    // with 4 degrees of freedom is 2.7764451051977987 (published tables give 2.776).
    let estimate = MeanEstimate(of: [1.0, 2, 3, 4, 5])
    let halfWidth = 2.776_445_105_197_798_7 * 2.5.squareRoot() / 5.0.squareRoot()
    #expect(estimate.count == 5)
    #expect(estimate.mean == 3)
    #expect(abs(try #require(estimate.lower) - (3 - halfWidth)) < 1e-12)
    #expect(abs(try #require(estimate.upper) - (3 + halfWidth)) < 1e-12)
  }

  @Test func meanEstimateSkipsUndefinedValues() {
    let estimate = MeanEstimate(of: [nil, 0.5, nil, 0.5])
    #expect(estimate == MeanEstimate(count: 2, mean: 0.5, lower: 0.5, upper: 0.5))
  }

  @Test func meanEstimateOfOneValueHasNoInterval() {
    #expect(MeanEstimate(of: [7.0]) == MeanEstimate(count: 1, mean: 7, lower: nil, upper: nil))
  }

  @Test func meanEstimateWithoutValuesHasNoMean() {
    #expect(
      MeanEstimate(of: [Double?]()) == MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil))
  }

  @Test func meanEstimateEncodesMissingFieldsAsNull() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let text = String(
      decoding: try encoder.encode(MeanEstimate(count: 1, mean: 7, lower: nil, upper: nil)),
      as: UTF8.self)
    #expect(text == #"{"count":1,"lower":null,"mean":7,"upper":null}"#)
  }

  static func instant(_ day: Int) -> Instant {
    Instant.epoch.advanced(byMicroseconds: Int64(day) * 86_400_000_000)
  }

  @Test func instantDistributionCountsMissingEventsAsLatest() {
    // Seven replications with the event on days 1…7 and three without it.
    let instants: [Instant?] = [
      nil, Self.instant(4), Self.instant(1), nil, Self.instant(7),
      Self.instant(2), Self.instant(6), nil, Self.instant(3), Self.instant(5),
    ]
    let distribution = InstantDistribution(instants)
    #expect(distribution.replications == 10)
    #expect(distribution.occurrences == 7)
    #expect(distribution.fraction.mean == 0.7)
    #expect(distribution.p5 == Self.instant(1))
    #expect(distribution.p50 == Self.instant(5))
    #expect(distribution.p95 == nil)
    // With ten values the median's interval runs from the 2nd to the 9th smallest.
    #expect(distribution.p50Lower == Self.instant(2))
    #expect(distribution.p50Upper == nil)
  }

  @Test func instantDistributionWithoutEvents() {
    let distribution = InstantDistribution(Array(repeating: nil, count: 4))
    #expect(distribution.occurrences == 0)
    #expect(distribution.fraction == MeanEstimate(count: 4, mean: 0, lower: 0, upper: 0))
    #expect(distribution.p50 == nil)
    #expect(distribution.hasMedianInterval == false)
  }

  static let medianIntervalRanks: [(Int, Int?)] = [
    (1, nil), (5, nil), (6, 1), (10, 2), (20, 6), (100, 40),
  ]

  @Test(arguments: medianIntervalRanks)
  func medianIntervalLowerRank(count: Int, expected: Int?) {
    #expect(InstantDistribution.medianIntervalLowerRank(count: count) == expected)
  }

  @Test func parallelWorkReturnsResultsInIndexOrder() {
    let results = ParallelWork.map(count: 100, jobs: 4, body: { $0 * $0 })
    #expect(results == (0..<100).map { $0 * $0 })
  }
}
