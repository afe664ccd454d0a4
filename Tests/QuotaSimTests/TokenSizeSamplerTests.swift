import Foundation
import Testing

@testable import QuotaSim

@Suite struct TokenSizeSamplerTests {
  static func stream(_ seed: UInt64) throws -> RandomStream {
    try RandomStream(modelSeed: seed, replication: 0, stream: 0)
  }

  /// Returns the mean of `count` draws.
  static func mean(of sampler: TokenSizeSampler, count: Int, seed: UInt64) throws -> Double {
    let stream = try stream(seed)
    var total: Int64 = 0
    for _ in 0..<count { total += sampler.draw(using: stream) }
    return Double(total) / Double(count)
  }

  @Test(
    arguments: [(2.5, 3), (2.49, 2), (0.5, 1), (0.49, 0), (-3, 0), (Double.nan, 0)]
      as [(Double, Int64)])
  func roundingIsHalfUp(value: Double, expected: Int64) {
    #expect(TokenSizeSampler.roundedToNearest(value) == expected)
  }

  /// A normal distribution without spread draws its mean, so each rounding's result is known.
  @Test(
    arguments: [
      (10.2, .nearest, 10), (10.2, .up, 11), (10.2, .down, 10),
      (10.5, .nearest, 11), (10.5, .up, 11), (10.5, .down, 10),
      (10.0, .nearest, 10), (10.0, .up, 10), (10.0, .down, 10),
    ] as [(Double, TokenRounding, Int64)])
  func roundingAppliesToContinuousDraw(mean: Double, rounding: TokenRounding, expected: Int64)
    throws
  {
    let sampler = try TokenSizeSampler(
      .normal(mean: mean, standardDeviation: 0), rounding: rounding)
    #expect(sampler.draw(using: try Self.stream(3)) == expected)
  }

  @Test func roundingUpNeverGivesLessThanNearest() throws {
    let nearest = try TokenSizeSampler(.logNormal(mu: 6, sigma: 0.5))
    let up = try TokenSizeSampler(.logNormal(mu: 6, sigma: 0.5), rounding: .up)
    let nearestStream = try Self.stream(4)
    let upStream = try Self.stream(4)
    var raised = 0
    for _ in 0..<10_000 {
      let lower = nearest.draw(using: nearestStream)
      let higher = up.draw(using: upStream)
      #expect(higher - lower == 0 || higher - lower == 1)
      if higher > lower { raised += 1 }
    }
    // About half the draws have a fraction below one half, which only rounding up raises.
    #expect(raised > 4_500)
    #expect(raised < 5_500)
  }

  @Test func hugeDrawsClampToMaximum() {
    #expect(TokenSizeSampler.roundedToNearest(.infinity) == TokenSizeSampler.maximumTokens)
    #expect(TokenSizeSampler.roundedToNearest(1e300) == TokenSizeSampler.maximumTokens)
  }

  @Test func fixedSizeNeedsNoDraw() throws {
    let sampler = try TokenSizeSampler(.fixed(640))
    #expect(sampler.draw(using: try Self.stream(1)) == 640)
  }

  @Test func minimumAndCapApply() throws {
    let stream = try Self.stream(2)
    #expect(try TokenSizeSampler(.fixed(0), minimumTokens: 1).draw(using: stream) == 1)
    #expect(try TokenSizeSampler(.fixed(5_000), capTokens: 4_096).draw(using: stream) == 4_096)
  }

  @Test func logNormalMeanMatches() throws {
    let sampler = try TokenSizeSampler(.logNormal(mu: 6, sigma: 0.5))
    let mean = try Self.mean(of: sampler, count: 100_000, seed: 3)
    // The mean is exp(mu + sigma²/2); rounding to whole tokens adds almost nothing.
    let expected = exp(6.125)
    #expect(abs(mean - expected) / expected < 0.01, "seed 3: mean \(mean), expected \(expected)")
  }

  @Test func gammaMeanMatches() throws {
    let sampler = try TokenSizeSampler(.gamma(shape: 2, scale: 150))
    let mean = try Self.mean(of: sampler, count: 100_000, seed: 4)
    #expect(abs(mean - 300) / 300 < 0.01, "seed 4: mean \(mean), expected 300")
  }

  @Test func truncatedNormalStaysNonNegative() throws {
    let sampler = try TokenSizeSampler(.normal(mean: 10, standardDeviation: 50))
    let stream = try Self.stream(5)
    var minimum = Int64.max
    for _ in 0..<10_000 { minimum = min(minimum, sampler.draw(using: stream)) }
    #expect(minimum == 0, "seed 5: minimum \(minimum)")
  }

  @Test func histogramDrawsEachIntegerOfBin() throws {
    let sampler = try TokenSizeSampler(
      .empirical([
        HistogramBin(lower: 10, upper: 14, weight: 1),
        HistogramBin(lower: 100, upper: 101, weight: 1),
      ]))
    let stream = try Self.stream(6)
    var counts: [Int64: Int] = [:]
    for _ in 0..<8_000 { counts[sampler.draw(using: stream), default: 0] += 1 }

    #expect(Set(counts.keys) == [10, 11, 12, 13, 100], "seed 6: \(counts)")
    for value: Int64 in [10, 11, 12, 13] {
      // Each of the four integers has probability 1/8: 1,000 expected, sd about 30.
      #expect(abs(counts[value, default: 0] - 1_000) < 120, "seed 6 value \(value): \(counts)")
    }
  }

  static let invalidCases: [(TokenSizeDistribution, String)] = [
    (
      .fixed(-1),
      "Workload 'chat': invalid promptTokens fixed count -1.0. Expected 0 or more tokens."
    ),
    (
      .normal(mean: 100, standardDeviation: -1),
      "Workload 'chat': invalid promptTokens normal standardDeviation -1.0. Expected a finite "
        + "number of 0 or more."
    ),
    (
      .normal(mean: -5, standardDeviation: 0),
      "Workload 'chat': invalid promptTokens normal mean -5.0. Expected 0 or more when the "
        + "standard deviation is 0."
    ),
    (
      .logNormal(mu: .nan, sigma: 1),
      "Workload 'chat': invalid promptTokens log-normal mu nan. Expected a finite number."
    ),
    (
      .gamma(shape: 0, scale: 10),
      "Workload 'chat': invalid promptTokens gamma shape 0.0. Expected a finite number above 0."
    ),
    (
      .empirical([]),
      "Workload 'chat': the promptTokens histogram has no bins. Give at least one [lower, upper, weight] bin."
    ),
    (
      .empirical([HistogramBin(lower: 5, upper: 5, weight: 1)]),
      "Workload 'chat': invalid promptTokens histogram bin 0 [5, 5, 1.0]. Expected 0 <= lower "
        + "< upper <= 1099511627776 and a finite weight of 0 or more."
    ),
    (
      .empirical([HistogramBin(lower: 0, upper: 5, weight: 0)]),
      "Workload 'chat': the promptTokens histogram weights add up to 0.0. Expected a finite "
        + "total above 0, so give at least one bin a positive weight."
    ),
  ]

  @Test(arguments: invalidCases)
  func invalidDistributionsHaveExactMessages(_ distribution: TokenSizeDistribution, message: String)
  {
    do {
      _ = try TokenSizeSampler(distribution, workload: "chat", field: "promptTokens")
      Issue.record("\(distribution) was accepted, expected: \(message)")
    } catch {
      #expect(error.description == message)
    }
  }
}
