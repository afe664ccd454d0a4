import CGSL

/// A seeded stream of random numbers that owns one GSL generator.
///
/// A stream is not thread-safe, so use it from one thread at a time. Each replication creates
/// its own streams, so parallel replications never share one. Draws are a pure function of
/// the ``StreamKey``, the ``RandomGenerator`` and the order of calls, for a given GSL
/// version and C math library. Distributions that call `log` or `exp` may differ in the last
/// bit between math libraries.
///
/// The distributions themselves are in `RandomStream+Distributions.swift`.
public final class RandomStream {
  /// The seed, replication and stream index this stream was created from.
  public let key: StreamKey

  /// The generator algorithm.
  public let generator: RandomGenerator

  /// The GSL generator, owned by this stream and freed in `deinit`.
  let rng: UnsafeMutablePointer<gsl_rng>

  /// Creates a stream and seeds it with the key's ``StreamKey/generatorSeed``.
  ///
  /// - Throws: ``RandomError/gslFailure(function:status:)`` when GSL cannot allocate the
  ///   generator.
  ///
  /// The corresponding C functions are `gsl_rng_alloc` and `gsl_rng_set`.
  public init(key: StreamKey, generator: RandomGenerator = .mt19937) throws(RandomError) {
    disableGSLAbortingErrorHandler()
    guard let rng = gsl_rng_alloc(generator.gslType) else {
      throw .gslFailure(function: "gsl_rng_alloc", status: Int32(GSL_ENOMEM))
    }

    gsl_rng_set(rng, UInt(key.generatorSeed))
    self.key = key
    self.generator = generator
    self.rng = rng
  }

  /// Creates a stream for a model seed, replication and stream index.
  ///
  /// - Throws: ``RandomError/invalidStreamIndex(name:value:limit:)`` for an index out of
  ///   range, or ``RandomError/gslFailure(function:status:)`` when GSL cannot allocate the
  ///   generator.
  public convenience init(
    modelSeed: UInt64, replication: Int, stream: Int, generator: RandomGenerator = .mt19937
  ) throws(RandomError) {
    let key = try StreamKey(modelSeed: modelSeed, replication: replication, stream: stream)
    try self.init(key: key, generator: generator)
  }

  deinit {
    gsl_rng_free(rng)
  }

  /// Draws a uniform number in [0, 1), which can be 0 but never 1.
  ///
  /// The corresponding C function is `gsl_rng_uniform`.
  public func uniform() -> Double {
    gsl_rng_uniform(rng)
  }

  /// Draws a uniform number in (0, 1), excluding both ends, for use in `log` and division.
  ///
  /// The corresponding C function is `gsl_rng_uniform_pos`.
  public func uniformPositive() -> Double {
    gsl_rng_uniform_pos(rng)
  }

  /// Draws a uniform number in [`lower`, `upper`).
  ///
  /// When rounding would return `upper` itself, the result is the largest double below it.
  ///
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` when a bound is not
  ///   finite, `lower` is not below `upper`, or their difference overflows.
  ///
  /// The corresponding C function is `gsl_ran_flat`.
  public func uniform(from lower: Double, to upper: Double) throws(RandomError) -> Double {
    try RandomError.requireFinite(lower, name: "uniform lower bound")
    try RandomError.requireFinite(upper, name: "uniform upper bound")
    guard upper > lower, (upper - lower).isFinite else {
      throw .invalidParameter(
        name: "uniform upper bound", value: upper,
        expected: "a finite number above the lower bound \(lower)")
    }

    return Self.clampBelow(gsl_ran_flat(rng, lower, upper), upper: upper)
  }

  /// Draws an integer uniformly from `range`, with every value equally likely.
  ///
  /// - Throws: ``RandomError/invalidIntegerRange(lower:upper:maximumCount:)`` when `range`
  ///   contains more values than the generator can produce (2^32 − 1 for all three generators).
  ///
  /// The corresponding C function is `gsl_rng_uniform_int`.
  public func integer(in range: ClosedRange<Int>) throws(RandomError) -> Int {
    let maximumCount = UInt64(gsl_rng_max(rng) - gsl_rng_min(rng))
    let span = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound))
    guard span < maximumCount else {
      throw .invalidIntegerRange(
        lower: range.lowerBound, upper: range.upperBound, maximumCount: maximumCount)
    }

    let offset = gsl_rng_uniform_int(rng, UInt(span + 1))
    return range.lowerBound + Int(offset)
  }

  /// Draws an integer uniformly from the half-open `range`.
  ///
  /// - Throws: ``RandomError/invalidIntegerRange(lower:upper:maximumCount:)`` when `range`
  ///   is empty or contains more values than the generator can produce.
  ///
  /// The corresponding C function is `gsl_rng_uniform_int`.
  public func integer(in range: Range<Int>) throws(RandomError) -> Int {
    guard !range.isEmpty else {
      throw .invalidIntegerRange(
        lower: range.lowerBound, upper: range.upperBound &- 1,
        maximumCount: UInt64(gsl_rng_max(rng) - gsl_rng_min(rng)))
    }
    return try integer(in: range.lowerBound...(range.upperBound - 1))
  }

  /// Returns `value`, or the largest double below `upper` when `value` rounded up to it.
  static func clampBelow(_ value: Double, upper: Double) -> Double {
    value < upper ? value : upper.nextDown
  }
}

/// A stream is used by one thread at a time, so it must not be shared across tasks.
@available(*, unavailable)
extension RandomStream: Sendable {}
