import Foundation
import Testing

@testable import QuotaSim

/// Statistical checks of the distributions. Each uses a fixed stream key and names it on
/// failure, and accepts a sample mean within 4 standard errors of the true mean (a false
/// alarm rate of about 6 in 100,000 per check for a normal sample mean).
@Suite struct RandomStreamDistributionTests {
  static let sampleSize = 20_000

  /// Returns the mean of `sampleSize` draws.
  static func sampleMean(_ draw: () throws -> Double) rethrows -> Double {
    var sum = 0.0
    for _ in 0..<sampleSize { sum += try draw() }
    return sum / Double(sampleSize)
  }

  @Test(arguments: [0.25, 2.5, 3_600])
  func exponentialMeanWithinFourStandardErrors(mean: Double) throws {
    let stream = try RandomStream(modelSeed: 101, replication: 0, stream: 0)
    let sample = try Self.sampleMean { try stream.exponential(mean: mean) }
    let standardError = mean / Double(Self.sampleSize).squareRoot()
    #expect(
      abs(sample - mean) < 4 * standardError,
      "seed 101 replication 0 stream 0: sample mean \(sample), expected \(mean)")
  }

  @Test(arguments: [0.5, 7.3, 250, 1_000_000])
  func poissonMeanWithinFourStandardErrors(mean: Double) throws {
    let stream = try RandomStream(modelSeed: 102, replication: 0, stream: 0)
    let sample = try Self.sampleMean { Double(try stream.poisson(mean: mean)) }
    let standardError = (mean / Double(Self.sampleSize)).squareRoot()
    #expect(
      abs(sample - mean) < 4 * standardError,
      "seed 102 replication 0 stream 0: sample mean \(sample), expected \(mean)")
  }

  @Test func poissonOfZeroMeanIsZero() throws {
    let stream = try RandomStream(modelSeed: 102, replication: 0, stream: 1)
    #expect(try stream.poisson(mean: 0) == 0)
  }

  @Test func normalMeanWithinFourStandardErrors() throws {
    let stream = try RandomStream(modelSeed: 103, replication: 0, stream: 0)
    let sample = try Self.sampleMean { try stream.normal(mean: 800, standardDeviation: 150) }
    let standardError = 150 / Double(Self.sampleSize).squareRoot()
    #expect(
      abs(sample - 800) < 4 * standardError,
      "seed 103 replication 0 stream 0: sample mean \(sample), expected 800")
  }

  @Test func normalWithZeroDeviationReturnsMean() throws {
    let stream = try RandomStream(modelSeed: 103, replication: 0, stream: 1)
    #expect(try stream.normal(mean: -4.5, standardDeviation: 0) == -4.5)
  }

  @Test(arguments: [
    (0.0, 1.0), (5.0, 1.0), (1e-3, 100.0), (-0.5, 1.0), (-3.0, 1.0), (-50.0, 1.0),
    (-1e6, 1.0),
  ])
  func truncatedNormalIsNeverNegative(mean: Double, standardDeviation: Double) throws {
    let stream = try RandomStream(modelSeed: 104, replication: 0, stream: 0)
    var negatives: [Double] = []
    for _ in 0..<Self.sampleSize {
      let value = try stream.normalTruncatedAtZero(
        mean: mean, standardDeviation: standardDeviation)
      if value < 0 { negatives.append(value) }
    }
    #expect(negatives.isEmpty, "seed 104 replication 0 stream 0: negative draws \(negatives)")
  }

  @Test func truncatedNormalAtMeanZeroIsHalfNormal() throws {
    // A standard normal truncated at 0 has mean √(2/π) and variance 1 − 2/π.
    let stream = try RandomStream(modelSeed: 105, replication: 0, stream: 0)
    let sample = try Self.sampleMean {
      try stream.normalTruncatedAtZero(mean: 0, standardDeviation: 1)
    }
    let expected = (2 / Double.pi).squareRoot()
    let standardError = ((1 - 2 / Double.pi) / Double(Self.sampleSize)).squareRoot()
    #expect(
      abs(sample - expected) < 4 * standardError,
      "seed 105 replication 0 stream 0: sample mean \(sample), expected \(expected)")
  }

  @Test func truncatedNormalFarTailMeanMatchesTheory() throws {
    // For a mean 3 standard deviations below 0, the truncated mean is σ·(φ(3)/Q(3)) − 3σ.
    let stream = try RandomStream(modelSeed: 106, replication: 0, stream: 0)
    let sample = try Self.sampleMean {
      try stream.normalTruncatedAtZero(mean: -3, standardDeviation: 1)
    }
    let density = exp(-4.5) / (2 * Double.pi).squareRoot()
    let upperTail = 0.5 * erfc(3 / 2.0.squareRoot())
    let hazard = density / upperTail
    let expected = hazard - 3
    let variance = 1 + 3 * hazard - hazard * hazard
    let standardError = (variance / Double(Self.sampleSize)).squareRoot()
    #expect(
      abs(sample - expected) < 4 * standardError,
      "seed 106 replication 0 stream 0: sample mean \(sample), expected \(expected)")
  }

  @Test func truncatedNormalWithZeroDeviationReturnsMean() throws {
    let stream = try RandomStream(modelSeed: 106, replication: 0, stream: 1)
    #expect(try stream.normalTruncatedAtZero(mean: 12, standardDeviation: 0) == 12)
  }

  @Test func logNormalMeanWithinFourStandardErrors() throws {
    let stream = try RandomStream(modelSeed: 107, replication: 0, stream: 0)
    let mu = 6.0
    let sigma = 0.5
    let sample = try Self.sampleMean { try stream.logNormal(mu: mu, sigma: sigma) }
    let expected = exp(mu + sigma * sigma / 2)
    let variance = (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
    let standardError = (variance / Double(Self.sampleSize)).squareRoot()
    #expect(
      abs(sample - expected) < 4 * standardError,
      "seed 107 replication 0 stream 0: sample mean \(sample), expected \(expected)")
  }

  @Test(arguments: [(0.5, 10.0), (2.0, 300.0), (9.0, 0.5)])
  func gammaMeanWithinFourStandardErrors(shape: Double, scale: Double) throws {
    let stream = try RandomStream(modelSeed: 108, replication: 0, stream: 0)
    let sample = try Self.sampleMean { try stream.gamma(shape: shape, scale: scale) }
    let expected = shape * scale
    let standardError = (shape * scale * scale / Double(Self.sampleSize)).squareRoot()
    #expect(
      abs(sample - expected) < 4 * standardError,
      "seed 108 replication 0 stream 0: sample mean \(sample), expected \(expected)")
  }

  /// A draw with an invalid parameter and the exact message it must throw.
  struct InvalidDraw: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var draw: @Sendable (RandomStream) throws -> Double
    var message: String
  }

  static let invalidDraws: [InvalidDraw] = [
    InvalidDraw(
      testDescription: "negative exponential mean", draw: { try $0.exponential(mean: -1) },
      message: "Invalid exponential mean -1.0. Expected a finite number greater than 0."),
    InvalidDraw(
      testDescription: "zero exponential mean", draw: { try $0.exponential(mean: 0) },
      message: "Invalid exponential mean 0.0. Expected a finite number greater than 0."),
    InvalidDraw(
      testDescription: "infinite exponential mean",
      draw: { try $0.exponential(mean: .infinity) },
      message: "Invalid exponential mean inf. Expected a finite number greater than 0."),
    InvalidDraw(
      testDescription: "negative Poisson mean", draw: { Double(try $0.poisson(mean: -2)) },
      message: "Invalid Poisson mean -2.0. Expected a number from 0 to 1e9."),
    InvalidDraw(
      testDescription: "huge Poisson mean", draw: { Double(try $0.poisson(mean: 2e9)) },
      message: "Invalid Poisson mean 2000000000.0. Expected a number from 0 to 1e9."),
    InvalidDraw(
      testDescription: "NaN Poisson mean", draw: { Double(try $0.poisson(mean: .nan)) },
      message: "Invalid Poisson mean nan. Expected a number from 0 to 1e9."),
    InvalidDraw(
      testDescription: "negative normal deviation",
      draw: { try $0.normal(mean: 0, standardDeviation: -1) },
      message: "Invalid normal standard deviation -1.0. Expected a finite number of 0 or more."),
    InvalidDraw(
      testDescription: "NaN normal mean",
      draw: { try $0.normal(mean: .nan, standardDeviation: 1) },
      message: "Invalid normal mean nan. Expected a finite number."),
    InvalidDraw(
      testDescription: "negative truncated normal deviation",
      draw: { try $0.normalTruncatedAtZero(mean: 1, standardDeviation: -0.5) },
      message:
        "Invalid truncated normal standard deviation -0.5. Expected a finite number of 0 or more."
    ),
    InvalidDraw(
      testDescription: "negative truncated normal mean without spread",
      draw: { try $0.normalTruncatedAtZero(mean: -1, standardDeviation: 0) },
      message:
        "Invalid truncated normal mean -1.0. Expected 0 or more when the standard deviation is 0."
    ),
    InvalidDraw(
      testDescription: "negative log-normal sigma", draw: { try $0.logNormal(mu: 1, sigma: -1) },
      message: "Invalid log-normal sigma -1.0. Expected a finite number of 0 or more."),
    InvalidDraw(
      testDescription: "infinite log-normal mu",
      draw: { try $0.logNormal(mu: -.infinity, sigma: 1) },
      message: "Invalid log-normal mu -inf. Expected a finite number."),
    InvalidDraw(
      testDescription: "zero gamma shape", draw: { try $0.gamma(shape: 0, scale: 1) },
      message: "Invalid gamma shape 0.0. Expected a finite number greater than 0."),
    InvalidDraw(
      testDescription: "negative gamma scale", draw: { try $0.gamma(shape: 1, scale: -3) },
      message: "Invalid gamma scale -3.0. Expected a finite number greater than 0."),
  ]

  @Test(arguments: invalidDraws)
  func drawRejectsInvalidParameter(_ invalid: InvalidDraw) throws {
    let stream = try RandomStream(modelSeed: 1, replication: 0, stream: 0)
    let error = #expect(throws: RandomError.self) { try invalid.draw(stream) }
    #expect(error?.description == invalid.message)
  }
}
