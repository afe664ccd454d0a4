import CGSL

/// A GSL pseudo-random number generator algorithm.
///
/// All three produce 32-bit outputs and read the low 32 bits of their seed.
public enum RandomGenerator: String, CaseIterable, Sendable {
  /// The Mersenne Twister MT19937 (period 2^19937 − 1), the default.
  case mt19937

  /// L'Ecuyer's maximally equidistributed combined Tausworthe generator (period about 2^88),
  /// smaller and faster than MT19937.
  case taus2

  /// Lüscher's RANLUX in double precision at luxury level 2, slower and with stronger
  /// decorrelation.
  case ranlxd2

  /// The GSL generator type, as returned by the C shim.
  var gslType: UnsafePointer<gsl_rng_type> {
    switch self {
    case .mt19937: return cgsl_rng_mt19937()
    case .taus2: return cgsl_rng_taus2()
    case .ranlxd2: return cgsl_rng_ranlxd2()
    }
  }
}
