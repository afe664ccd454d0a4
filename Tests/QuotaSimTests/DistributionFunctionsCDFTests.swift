import Foundation
import Testing

@testable import QuotaSim

@Suite struct DistributionFunctionsCDFTests {
  @Test(arguments: [
    (exp(6.0), 6.0, 1.0, 0.5),
    (exp(7.0), 6.0, 1.0, 0.841_344_746_068_542_9),
    (0, 6.0, 1.0, 0),
    (-5, 6.0, 1.0, 0),
  ])
  func logNormalCDFMatchesNormal(x: Double, mu: Double, sigma: Double, expected: Double) throws {
    let probability = try DistributionFunctions.logNormalCDF(x, mu: mu, sigma: sigma)
    #expect(abs(probability - expected) < 1e-12, "P(X <= \(x)) = \(probability)")
  }

  @Test(arguments: [
    (2.0, 1.0, 2.0, 0.632_120_558_828_557_7),
    (1.0, 2.0, 1.0, 0.264_241_117_657_115_4),
    (0, 2.0, 1.0, 0),
  ])
  func gammaCDFMatchesClosedForm(x: Double, shape: Double, scale: Double, expected: Double) throws {
    let probability = try DistributionFunctions.gammaCDF(x, shape: shape, scale: scale)
    #expect(abs(probability - expected) < 1e-12, "P(X <= \(x)) = \(probability)")
  }

  @Test func invalidParametersThrow() {
    #expect(
      throws: RandomError.invalidParameter(
        name: "log-normal sigma", value: 0, expected: "a finite number greater than 0")
    ) {
      try DistributionFunctions.logNormalCDF(1, mu: 0, sigma: 0)
    }
    #expect(
      throws: RandomError.invalidParameter(
        name: "gamma point", value: .infinity, expected: "a finite number")
    ) {
      try DistributionFunctions.gammaCDF(.infinity, shape: 1, scale: 1)
    }
  }
}
