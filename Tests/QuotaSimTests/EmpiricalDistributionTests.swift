import Testing

@testable import QuotaSim

@Suite struct EmpiricalDistributionTests {
  @Test func frequenciesMatchWeightsByChiSquaredTest() throws {
    let weights = [1.0, 2, 3, 4, 0, 10]
    let distribution = try EmpiricalDistribution(weights: weights)
    let stream = try RandomStream(modelSeed: 201, replication: 0, stream: 0)
    let drawCount = 20_000

    var counts = [Int](repeating: 0, count: weights.count)
    for _ in 0..<drawCount {
      counts[distribution.drawIndex(using: stream)] += 1
    }

    // Pearson's statistic over the bins with positive weight, with (bins − 1) degrees of
    // freedom. The test fails at p < 0.001, a false alarm once in 1,000 seeds.
    var statistic = 0.0
    var binCount = 0
    for (index, probability) in distribution.probabilities.enumerated() where probability > 0 {
      let expected = probability * Double(drawCount)
      let difference = Double(counts[index]) - expected
      statistic += difference * difference / expected
      binCount += 1
    }
    let pValue = try DistributionFunctions.chiSquaredUpperTail(
      statistic, degreesOfFreedom: Double(binCount - 1))

    #expect(
      pValue > 0.001,
      "seed 201 replication 0 stream 0: counts \(counts), chi-squared \(statistic), p \(pValue)")
    #expect(counts[4] == 0, "seed 201: a bin of weight 0 was drawn \(counts[4]) times")
  }

  @Test func probabilitiesAreNormalizedWeights() throws {
    let distribution = try EmpiricalDistribution(weights: [1, 3, 0, 4])
    #expect(distribution.probabilities == [0.125, 0.375, 0, 0.5])
  }

  @Test func singleBinAlwaysDrawsIt() throws {
    let distribution = try EmpiricalDistribution(values: [640], weights: [0.3])
    let stream = try RandomStream(modelSeed: 202, replication: 0, stream: 0)
    for _ in 0..<100 {
      #expect(distribution.draw(using: stream) == 640)
    }
  }

  @Test func valueBinsDrawTheirValues() throws {
    let distribution = try EmpiricalDistribution(values: [16, 256, 4_096], weights: [1, 1, 1])
    let stream = try RandomStream(modelSeed: 203, replication: 0, stream: 0)
    var seen = Set<Double>()
    for _ in 0..<1_000 {
      seen.insert(distribution.draw(using: stream))
    }
    #expect(seen == [16, 256, 4_096], "seed 203")
  }

  @Test func rangeBinsDrawInsideTheirBounds() throws {
    let bins: [EmpiricalDistribution.Bin] = [
      .range(lower: 0, upper: 100), .range(lower: 100, upper: 500), .value(2_000),
    ]
    let distribution = try EmpiricalDistribution(bins: bins, weights: [5, 3, 2])
    let stream = try RandomStream(modelSeed: 204, replication: 0, stream: 0)

    var outside: [Double] = []
    var inUpperRange = 0
    for _ in 0..<10_000 {
      let value = distribution.draw(using: stream)
      let isInside = (0..<500).contains(value) || value == 2_000
      if !isInside { outside.append(value) }
      if (100..<500).contains(value) { inUpperRange += 1 }
    }

    #expect(outside.isEmpty, "seed 204: values outside every bin \(outside)")
    #expect(inUpperRange > 0, "seed 204: no draw from [100, 500)")
  }

  @Test func sameStreamKeyGivesSameDraws() throws {
    let distribution = try EmpiricalDistribution(weights: [2, 7, 1, 4])
    let first = try RandomStream(modelSeed: 205, replication: 1, stream: 2)
    let second = try RandomStream(modelSeed: 205, replication: 1, stream: 2)

    let firstDraws = (0..<200).map { _ in distribution.drawIndex(using: first) }
    let secondDraws = (0..<200).map { _ in distribution.drawIndex(using: second) }

    #expect(firstDraws == secondDraws)
  }

  @Test(
    arguments: [
      ([], "The empirical distribution has no weights. Give at least one positive weight."),
      (
        [0, 0, 0],
        "The empirical weights add up to 0.0. Expected a finite total greater than 0, so give at "
          + "least one positive weight."
      ),
      (
        [1, -0.5],
        "Invalid empirical weight -0.5 at index 1. Expected a finite number of 0 or more."
      ),
      (
        [.nan, 1],
        "Invalid empirical weight nan at index 0. Expected a finite number of 0 or more."
      ),
      (
        [1, .infinity],
        "Invalid empirical weight inf at index 1. Expected a finite number of 0 or more."
      ),
      (
        [.greatestFiniteMagnitude, .greatestFiniteMagnitude],
        "The empirical weights add up to inf. Expected a finite total greater than 0, so give at "
          + "least one positive weight."
      ),
    ] as [([Double], String)])
  func initRejectsInvalidWeights(weights: [Double], message: String) {
    let error = #expect(throws: RandomError.self) {
      try EmpiricalDistribution(weights: weights)
    }
    #expect(error?.description == message)
  }

  @Test(
    arguments: [
      (
        [.value(1), .value(2)], [1.0],
        "The empirical distribution has 2 bins but 1 weights. Give one weight per bin."
      ),
      (
        [.value(1), .value(.nan)], [1, 1],
        "Invalid empirical bin value nan at index 1. Expected a finite number."
      ),
      (
        [.range(lower: 10, upper: 10)], [1],
        "Invalid empirical bin [10.0, 10.0) at index 0. Expected finite bounds with the lower "
          + "bound below the upper bound."
      ),
      (
        [.value(3), .range(lower: 0, upper: .infinity)], [1, 1],
        "Invalid empirical bin [0.0, inf) at index 1. Expected finite bounds with the lower "
          + "bound below the upper bound."
      ),
    ] as [([EmpiricalDistribution.Bin], [Double], String)])
  func initRejectsInvalidBins(bins: [EmpiricalDistribution.Bin], weights: [Double], message: String)
  {
    let error = #expect(throws: RandomError.self) {
      try EmpiricalDistribution(bins: bins, weights: weights)
    }
    #expect(error?.description == message)
  }
}
