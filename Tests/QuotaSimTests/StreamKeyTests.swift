import Testing

@testable import QuotaSim

@Suite struct StreamKeyTests {
  // These values pin the derivation, because changing it changes every simulation result.
  // A separate Python transcription of the documented steps gives the same values.
  @Test(
    arguments: [
      (42, 0, 0, 2_647_224_004),
      (42, 1, 0, 4_260_382_831),
      (42, 0, 1, 194_991_859),
      (0, 0, 0, 2_133_699_716),
      (UInt64.max, 1_048_575, 4094, 2_092_295_345),
    ] as [(UInt64, Int, Int, UInt32)])
  func generatorSeedMatchesKnownValue(
    modelSeed: UInt64, replication: Int, stream: Int, expected: UInt32
  ) throws {
    let key = try StreamKey(modelSeed: modelSeed, replication: replication, stream: stream)
    let seed = key.generatorSeed
    #expect(seed == expected)
  }

  @Test func splitMix64MatchesReferenceOutput() {
    // The first output of the SplitMix64 reference generator seeded with 0.
    #expect(SplitMix64.firstOutput(seed: 0) == 0xE220_A839_7B1D_CDAF)
  }

  @Test(arguments: [0, 1, 42, 20_251_031, UInt64.max])
  func generatorSeedsAreDistinctAndNonZero(modelSeed: UInt64) throws {
    var seen = Set<UInt32>()
    let replications = Array(0..<128) + [StreamKey.replicationLimit - 1]
    let streams = Array(0..<64) + [StreamKey.streamLimit - 1]

    for replication in replications {
      for stream in streams {
        let key = try StreamKey(modelSeed: modelSeed, replication: replication, stream: stream)
        let seed = key.generatorSeed
        #expect(seed != 0, "model seed \(modelSeed), replication \(replication), stream \(stream)")
        #expect(
          seen.insert(seed).inserted,
          "model seed \(modelSeed), replication \(replication), stream \(stream)")
      }
    }
  }

  @Test(arguments: [0, 7, 42, 1_000_003])
  func generatorSeedReplacesZeroWithSpareSeed(modelSeed: UInt64) throws {
    let key = SplitMix64.firstOutput(seed: modelSeed)
    let index = Self.invertPermutation(0, key: key)
    #expect(StreamKey.permute(index, key: key) == 0, "model seed \(modelSeed)")

    let replication = Int(index >> 12)
    let stream = Int(index & 0xFFF)
    try #require(stream < StreamKey.streamLimit, "model seed \(modelSeed) maps stream 4095 to 0")
    let streamKey = try StreamKey(modelSeed: modelSeed, replication: replication, stream: stream)
    #expect(streamKey.generatorSeed == StreamKey.permute(0xFFFF_FFFF, key: key))
    #expect(streamKey.generatorSeed != 0)
  }

  @Test func initAcceptsLargestIndices() throws {
    let key = try StreamKey(
      modelSeed: 1, replication: StreamKey.replicationLimit - 1,
      stream: StreamKey.streamLimit - 1)
    #expect(key.replication == 1_048_575)
    #expect(key.stream == 4094)
  }

  @Test(arguments: [
    (-1, 0, RandomError.invalidStreamIndex(name: "replication index", value: -1, limit: 1 << 20)),
    (1 << 20, 0, .invalidStreamIndex(name: "replication index", value: 1 << 20, limit: 1 << 20)),
    (0, -1, .invalidStreamIndex(name: "stream index", value: -1, limit: 4095)),
    (0, 4095, .invalidStreamIndex(name: "stream index", value: 4095, limit: 4095)),
  ])
  func initRejectsIndexOutOfRange(replication: Int, stream: Int, expected: RandomError) {
    #expect(throws: expected) {
      try StreamKey(modelSeed: 1, replication: replication, stream: stream)
    }
  }

  @Test func invalidStreamIndexMessageNamesRange() {
    let error = RandomError.invalidStreamIndex(name: "stream index", value: 4095, limit: 4095)
    #expect(error.description == "Invalid stream index 4095. Expected an index from 0 to 4094.")
  }

  /// Returns the index that `StreamKey.permute` maps to `seed` under `key`.
  static func invertPermutation(_ seed: UInt32, key: UInt64) -> UInt32 {
    var x = invertLowBias32(seed)
    x ^= UInt32(truncatingIfNeeded: key >> 32)
    x = invertLowBias32(x)
    return x ^ UInt32(truncatingIfNeeded: key)
  }

  /// Undoes the lowbias32 mixer step by step, in reverse order.
  static func invertLowBias32(_ value: UInt32) -> UInt32 {
    var x = value
    x ^= x >> 16
    x = x &* multiplicativeInverse(0x846C_A68B)
    x ^= (x >> 15) ^ (x >> 30)
    x = x &* multiplicativeInverse(0x7FEB_352D)
    x ^= x >> 16
    return x
  }

  /// Returns the inverse of an odd number modulo 2^32, by Newton's iteration.
  static func multiplicativeInverse(_ odd: UInt32) -> UInt32 {
    var inverse = odd
    for _ in 0..<5 { inverse = inverse &* (2 &- odd &* inverse) }
    return inverse
  }
}
