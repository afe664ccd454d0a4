/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small, fast 64-bit generator.
///
/// QuotaSim uses it to mix seeds and for reproducible backoff jitter, where a few good bits
/// from a single step are enough. Simulation draws come from GSL instead.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
  private var state: UInt64

  /// Creates a generator whose first output is ``firstOutput(seed:)``.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= Self.increment
    return Self.finalize(state)
  }

  /// Returns the first output of a generator created with `seed`, without creating one.
  public static func firstOutput(seed: UInt64) -> UInt64 {
    finalize(seed &+ increment)
  }

  private static func finalize(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
