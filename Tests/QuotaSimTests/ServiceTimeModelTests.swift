import Foundation
import Testing

@testable import QuotaSim

@Suite struct ServiceTimeModelTests {
  @Test(arguments: [
    (Int64(0), Int64(600_000)), (120, 2_600_000), (187, 3_716_667), (-5, 600_000),
  ])
  func durationIsFirstTokenPlusGeneration(completionTokens: Int64, expected: Int64) {
    let model = ServiceTimeModel(timeToFirstTokenSeconds: 0.6, tokensPerSecond: 60)
    #expect(
      model.durationMicroseconds(completionTokens: completionTokens, standardNormal: 2) == expected)
  }

  @Test func durationScalesBySpreadFactor() {
    // With a draw of 0 the factor is exp(−ln(1.25) / 2) = 1 / √1.25.
    let model = ServiceTimeModel(timeToFirstTokenSeconds: 0.6, tokensPerSecond: 60, spread: 0.5)
    #expect(model.durationMicroseconds(completionTokens: 120, standardNormal: 0) == 2_325_511)
  }

  @Test func durationIgnoresNonPositiveRate() {
    let model = ServiceTimeModel(timeToFirstTokenSeconds: 0.5, tokensPerSecond: 0)
    #expect(model.durationMicroseconds(completionTokens: 100, standardNormal: 0) == 500_000)
  }

  @Test(arguments: [0.0, -1.0, Double.nan, .infinity])
  func spreadFactorIsOneWithoutSpread(spread: Double) {
    let model = ServiceTimeModel(spread: spread)
    #expect(model.spreadFactor(standardNormal: 1.5) == 1)
  }

  /// Integrates the factor against the standard normal density with the midpoint rule over
  /// ±12 standard deviations; the quadrature error is far below the tolerance.
  @Test(arguments: [0.1, 0.5, 1.0])
  func spreadFactorHasMeanOneAndGivenVariation(spread: Double) {
    let model = ServiceTimeModel(spread: spread)
    let step = 0.001
    var mean = 0.0
    var meanSquare = 0.0
    for index in 0..<24_000 {
      let z = -12 + (Double(index) + 0.5) * step
      let weight = exp(-z * z / 2) / (2 * Double.pi).squareRoot() * step
      let factor = model.spreadFactor(standardNormal: z)
      mean += factor * weight
      meanSquare += factor * factor * weight
    }
    let variation = (meanSquare - mean * mean).squareRoot() / mean
    #expect(abs(mean - 1) < 1e-9)
    #expect(abs(variation - spread) < 1e-9)
  }
}
