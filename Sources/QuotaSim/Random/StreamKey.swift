/// The identity of one random stream: the model's seed, a replication and a stream index.
///
/// Every consumer of randomness in a run (a workload's arrivals, its prompt sizes, an
/// endpoint's service times) gets its own stream index, so each replication and each consumer
/// draws from its own generator. Assign indices by a fixed rule, such as
/// `8 * workloadIndex + purpose`, and never by counting the consumers present: then adding a
/// workload leaves the draws of every other workload unchanged.
///
/// ## Seed derivation
///
/// The generators offered here take an `unsigned long` seed in `gsl_rng_set` but read only its
/// low 32 bits. With GSL 2.7.1, seeds `s` and `s + 2^32` give the same sequence for mt19937,
/// taus2 and ranlxd2. They also replace seed 0 with a built-in default (4357 for mt19937, 1
/// for taus2 and ranlxd2). Hashing the three numbers into 32 bits would therefore make two of
/// `n` streams identical with a birthday probability of about `n² / 2^33`.
/// ``generatorSeed`` avoids that:
///
/// 1. The replication (20 bits) and stream index (12 bits) form a 32-bit index. Stream index
///    4095 is not allowed, so the index is never `0xFFFF_FFFF`.
/// 2. One SplitMix64 step turns the model seed into a 64-bit key.
/// 3. A keyed 32-bit permutation maps the index to the seed. It xors in half of the key, then
///    applies the "lowbias32" mixer from Chris Wellons' hash-prospector. The second half of
///    the key and a second mixer round follow. Every step is invertible on 32-bit integers,
///    so distinct indices give distinct seeds.
/// 4. If the seed is 0, the image of the unused index `0xFFFF_FFFF` replaces it. That value
///    is non-zero and no other index maps to it.
///
/// So for one model seed, distinct (replication, stream) pairs always get distinct, non-zero
/// 32-bit seeds. Different model seeds may share a seed between some of their streams, which
/// is harmless because they belong to different experiments.
public struct StreamKey: Hashable, Sendable {
  /// The number of replication indices, 2^20, so replications run from 0 to 1,048,575.
  public static let replicationLimit = 1 << 20

  /// The number of stream indices per replication, so streams run from 0 to 4094.
  public static let streamLimit = (1 << 12) - 1

  /// The seed of the model, as written in the scenario.
  public let modelSeed: UInt64

  /// The replication index, from 0 to ``replicationLimit`` − 1.
  public let replication: Int

  /// The stream index within the replication, from 0 to ``streamLimit`` − 1.
  public let stream: Int

  /// Creates a stream key after checking both indices.
  ///
  /// - Throws: ``RandomError/invalidStreamIndex(name:value:limit:)`` when `replication` or
  ///   `stream` is negative or too large.
  public init(modelSeed: UInt64, replication: Int, stream: Int) throws(RandomError) {
    guard (0..<Self.replicationLimit).contains(replication) else {
      throw .invalidStreamIndex(
        name: "replication index", value: replication, limit: Self.replicationLimit)
    }
    guard (0..<Self.streamLimit).contains(stream) else {
      throw .invalidStreamIndex(name: "stream index", value: stream, limit: Self.streamLimit)
    }

    self.modelSeed = modelSeed
    self.replication = replication
    self.stream = stream
  }

  /// The non-zero 32-bit seed passed to `gsl_rng_set`, derived as the type's documentation
  /// describes.
  public var generatorSeed: UInt32 {
    let key = SplitMix64.firstOutput(seed: modelSeed)
    let index = UInt32(replication) << 12 | UInt32(stream)
    let seed = Self.permute(index, key: key)
    if seed != 0 { return seed }
    return Self.permute(0xFFFF_FFFF, key: key)
  }

  /// Maps `index` through a permutation of the 32-bit integers chosen by `key`.
  static func permute(_ index: UInt32, key: UInt64) -> UInt32 {
    var x = index ^ UInt32(truncatingIfNeeded: key)
    x = lowBias32(x)
    x ^= UInt32(truncatingIfNeeded: key >> 32)
    return lowBias32(x)
  }

  /// Mixes the bits of `value` with xor-shifts and odd multipliers, which are invertible.
  private static func lowBias32(_ value: UInt32) -> UInt32 {
    var x = value
    x ^= x >> 16
    x = x &* 0x7FEB_352D
    x ^= x >> 15
    x = x &* 0x846C_A68B
    x ^= x >> 16
    return x
  }
}
