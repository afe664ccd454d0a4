import Testing

@testable import QuotaSim

@Suite struct RandomStreamTests {
  @Test(arguments: RandomGenerator.allCases)
  func sameKeyGivesSameSequence(generator: RandomGenerator) throws {
    let first = try RandomStream(modelSeed: 42, replication: 3, stream: 5, generator: generator)
    let second = try RandomStream(modelSeed: 42, replication: 3, stream: 5, generator: generator)

    let firstDraws = (0..<100).map { _ in first.uniform() }
    let secondDraws = (0..<100).map { _ in second.uniform() }

    #expect(firstDraws == secondDraws)
  }

  @Test(arguments: [(42, 4, 5), (42, 3, 6), (43, 3, 5)] as [(UInt64, Int, Int)])
  func differentKeyGivesDifferentSequence(modelSeed: UInt64, replication: Int, stream: Int)
    throws
  {
    let reference = try RandomStream(modelSeed: 42, replication: 3, stream: 5)
    let other = try RandomStream(modelSeed: modelSeed, replication: replication, stream: stream)

    let referenceDraws = (0..<100).map { _ in reference.uniform() }
    let otherDraws = (0..<100).map { _ in other.uniform() }

    #expect(referenceDraws != otherDraws)
  }

  @Test func mt19937FirstIntegersAreStable() throws {
    // Pins GSL's mt19937 together with the seed derivation for (42, 0, 0). A C program that
    // seeds gsl_rng_mt19937 with 2647224004 and calls gsl_rng_uniform_int gives the same draws.
    let stream = try RandomStream(modelSeed: 42, replication: 0, stream: 0)
    let draws = try (0..<4).map { _ in try stream.integer(in: 0...999_999) }
    #expect(draws == [825_818, 510_910, 186_046, 158_339])
  }

  @Test func initKeepsKeyAndGenerator() throws {
    let stream = try RandomStream(modelSeed: 7, replication: 2, stream: 9, generator: .taus2)
    #expect(stream.key == (try StreamKey(modelSeed: 7, replication: 2, stream: 9)))
    #expect(stream.generator == .taus2)
  }

  @Test func uniformStaysInHalfOpenUnitInterval() throws {
    let stream = try RandomStream(modelSeed: 11, replication: 0, stream: 0)
    for draw in 0..<10_000 {
      let value = stream.uniform()
      #expect(value >= 0, "seed 11, draw \(draw)")
      #expect(value < 1, "seed 11, draw \(draw)")
    }
  }

  @Test func uniformPositiveExcludesBothEnds() throws {
    let stream = try RandomStream(modelSeed: 11, replication: 0, stream: 1)
    for draw in 0..<10_000 {
      let value = stream.uniformPositive()
      #expect(value > 0, "seed 11, draw \(draw)")
      #expect(value < 1, "seed 11, draw \(draw)")
    }
  }

  @Test func uniformBetweenBoundsStaysInRange() throws {
    let stream = try RandomStream(modelSeed: 12, replication: 0, stream: 0)
    for draw in 0..<10_000 {
      let value = try stream.uniform(from: -2.5, to: 4)
      #expect(value >= -2.5, "seed 12, draw \(draw)")
      #expect(value < 4, "seed 12, draw \(draw)")
    }
  }

  @Test func clampBelowReplacesUpperBound() {
    #expect(RandomStream.clampBelow(1.0, upper: 1.0) == 1.0.nextDown)
    #expect(RandomStream.clampBelow(0.5, upper: 1.0) == 0.5)
  }

  @Test(arguments: [
    (
      1.0, 1.0,
      "Invalid uniform upper bound 1.0. Expected a finite number above the lower bound 1.0."
    ),
    (.nan, 1.0, "Invalid uniform lower bound nan. Expected a finite number."),
    (0.0, .infinity, "Invalid uniform upper bound inf. Expected a finite number."),
    (
      -Double.greatestFiniteMagnitude, .greatestFiniteMagnitude,
      "Invalid uniform upper bound 1.7976931348623157e+308. Expected a finite number above the "
        + "lower bound -1.7976931348623157e+308."
    ),
  ])
  func uniformRejectsInvalidBounds(lower: Double, upper: Double, expected: String) throws {
    let stream = try RandomStream(modelSeed: 1, replication: 0, stream: 0)
    let error = #expect(throws: RandomError.self) {
      try stream.uniform(from: lower, to: upper)
    }
    #expect(error?.description == expected)
  }

  @Test func integerCoversClosedRange() throws {
    let stream = try RandomStream(modelSeed: 13, replication: 0, stream: 0)
    var seen = Set<Int>()
    for _ in 0..<1_000 {
      seen.insert(try stream.integer(in: -3...3))
    }
    #expect(seen == Set(-3...3), "seed 13")
  }

  @Test func integerOfSingleValueRangeReturnsIt() throws {
    let stream = try RandomStream(modelSeed: 13, replication: 0, stream: 1)
    #expect(try stream.integer(in: 5...5) == 5)
    #expect(try stream.integer(in: 5..<6) == 5)
  }

  @Test func integerAcceptsLargestRange() throws {
    let stream = try RandomStream(modelSeed: 13, replication: 0, stream: 2)
    let value = try stream.integer(in: 0...4_294_967_294)
    #expect(value >= 0)
    #expect(value <= 4_294_967_294)
  }

  @Test(arguments: [
    (
      0...4_294_967_295,
      RandomError.invalidIntegerRange(
        lower: 0, upper: 4_294_967_295, maximumCount: 4_294_967_295)
    ),
    (
      Int.min...Int.max,
      .invalidIntegerRange(
        lower: .min, upper: .max, maximumCount: 4_294_967_295)
    ),
  ])
  func integerRejectsTooLargeRange(range: ClosedRange<Int>, expected: RandomError) throws {
    let stream = try RandomStream(modelSeed: 1, replication: 0, stream: 0)
    #expect(throws: expected) { try stream.integer(in: range) }
  }

  @Test func integerRejectsEmptyRange() throws {
    let stream = try RandomStream(modelSeed: 1, replication: 0, stream: 0)
    #expect(
      throws: RandomError.invalidIntegerRange(lower: 3, upper: 2, maximumCount: 4_294_967_295)
    ) {
      try stream.integer(in: 3..<3)
    }
  }

  @Test func invalidIntegerRangeMessageNamesLimit() {
    let error = RandomError.invalidIntegerRange(lower: 3, upper: 2, maximumCount: 4_294_967_295)
    #expect(
      error.description
        == "Invalid integer range 3...2. Expected a non-empty range of at most 4294967295 values.")
  }
}
