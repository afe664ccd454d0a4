import Testing

@testable import QuotaSim

@Suite struct DistributionFunctionsTests {
  // Reference values from standard statistical tables, to the 10 decimals they print.
  @Test(arguments: [
    (0.975, 1.0, 12.706_204_736_2),
    (0.975, 9.0, 2.262_157_162_8),
    (0.975, 29.0, 2.045_229_642_1),
    (0.95, 30.0, 1.697_260_886_6),
    (0.5, 5.0, 0),
    (0.025, 9.0, -2.262_157_162_8),
  ])
  func studentTQuantileMatchesTable(probability: Double, degreesOfFreedom: Double, expected: Double)
    throws
  {
    let quantile = try DistributionFunctions.studentTQuantile(
      probability: probability, degreesOfFreedom: degreesOfFreedom)
    #expect(abs(quantile - expected) < 1e-9, "t(\(probability), \(degreesOfFreedom)) = \(quantile)")
  }

  @Test(arguments: [
    (0.975, 1.959_963_984_5),
    (0.5, 0),
    (0.05, -1.644_853_626_95),
  ])
  func standardNormalQuantileMatchesTable(probability: Double, expected: Double) throws {
    let quantile = try DistributionFunctions.standardNormalQuantile(probability: probability)
    #expect(abs(quantile - expected) < 1e-9, "z(\(probability)) = \(quantile)")
  }

  @Test(arguments: [
    (3.841_458_820_694_124, 1.0, 0.05),
    (18.307_038_053_275_146, 10.0, 0.05),
    (0, 3.0, 1),
    (2, 2.0, 0.367_879_441_171_442_3),
  ])
  func chiSquaredUpperTailMatchesTable(
    statistic: Double, degreesOfFreedom: Double, expected: Double
  )
    throws
  {
    let probability = try DistributionFunctions.chiSquaredUpperTail(
      statistic, degreesOfFreedom: degreesOfFreedom)
    #expect(
      abs(probability - expected) < 1e-12, "Q(\(statistic), \(degreesOfFreedom)) = \(probability)")
  }

  @Test(arguments: [
    (
      0.0, 9.0,
      "Invalid Student t probability 0.0. Expected a probability strictly between 0 and 1."
    ),
    (
      1.0, 9.0,
      "Invalid Student t probability 1.0. Expected a probability strictly between 0 and 1."
    ),
    (
      .nan, 9.0,
      "Invalid Student t probability nan. Expected a probability strictly between 0 and 1."
    ),
    (
      0.975, 0.0,
      "Invalid Student t degrees of freedom 0.0. Expected a finite number greater than 0."
    ),
    (
      0.975, -.infinity,
      "Invalid Student t degrees of freedom -inf. Expected a finite number greater than 0."
    ),
  ])
  func studentTQuantileRejectsInvalidArguments(
    probability: Double, degreesOfFreedom: Double, message: String
  ) {
    let error = #expect(throws: RandomError.self) {
      try DistributionFunctions.studentTQuantile(
        probability: probability, degreesOfFreedom: degreesOfFreedom)
    }
    #expect(error?.description == message)
  }

  @Test func standardNormalQuantileRejectsOne() {
    let error = #expect(throws: RandomError.self) {
      try DistributionFunctions.standardNormalQuantile(probability: 1)
    }
    #expect(
      error?.description
        == "Invalid normal probability 1.0. Expected a probability strictly between 0 and 1.")
  }

  @Test(arguments: [
    (-1.0, 2.0, "Invalid chi-squared statistic -1.0. Expected a finite number of 0 or more."),
    (
      1.0, 0.0,
      "Invalid chi-squared degrees of freedom 0.0. Expected a finite number greater than 0."
    ),
  ])
  func chiSquaredUpperTailRejectsInvalidArguments(
    statistic: Double, degreesOfFreedom: Double, message: String
  ) {
    let error = #expect(throws: RandomError.self) {
      try DistributionFunctions.chiSquaredUpperTail(statistic, degreesOfFreedom: degreesOfFreedom)
    }
    #expect(error?.description == message)
  }
}
