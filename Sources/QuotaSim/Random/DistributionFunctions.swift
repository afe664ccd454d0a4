import CGSL

/// Quantiles and tail probabilities of standard distributions, for confidence intervals and
/// goodness-of-fit tests.
///
/// The functions are pure and thread-safe.
public enum DistributionFunctions {
  /// Returns the quantile of Student's t distribution: the `t` with P(T ≤ t) = `probability`.
  ///
  /// For a 95 % two-sided confidence interval over `n` replications, use probability 0.975
  /// and `n - 1` degrees of freedom. For example, `studentTQuantile(probability: 0.975,
  /// degreesOfFreedom: 9)` is about 2.262157.
  ///
  /// - Parameters:
  ///   - probability: The lower-tail probability, strictly between 0 and 1.
  ///   - degreesOfFreedom: The degrees of freedom, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad argument, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_cdf_tdist_Pinv`.
  public static func studentTQuantile(
    probability: Double, degreesOfFreedom: Double
  ) throws(RandomError) -> Double {
    try RandomError.requireOpenProbability(probability, name: "Student t probability")
    try RandomError.requirePositive(degreesOfFreedom, name: "Student t degrees of freedom")

    disableGSLAbortingErrorHandler()
    let quantile = gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
    return try checked(quantile, function: "gsl_cdf_tdist_Pinv")
  }

  /// Returns the quantile of the standard normal distribution: the `z` with
  /// P(Z ≤ z) = `probability`.
  ///
  /// - Parameter probability: The lower-tail probability, strictly between 0 and 1.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad probability,
  ///   or ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_cdf_ugaussian_Pinv`.
  public static func standardNormalQuantile(probability: Double) throws(RandomError) -> Double {
    try RandomError.requireOpenProbability(probability, name: "normal probability")

    disableGSLAbortingErrorHandler()
    let quantile = gsl_cdf_ugaussian_Pinv(probability)
    return try checked(quantile, function: "gsl_cdf_ugaussian_Pinv")
  }

  /// Returns the upper-tail probability P(X > `statistic`) of a chi-squared distribution, the
  /// p-value of a chi-squared test.
  ///
  /// - Parameters:
  ///   - statistic: The test statistic, finite and 0 or more.
  ///   - degreesOfFreedom: The degrees of freedom, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad argument, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_cdf_chisq_Q`.
  public static func chiSquaredUpperTail(
    _ statistic: Double, degreesOfFreedom: Double
  ) throws(RandomError) -> Double {
    try RandomError.requireNonNegative(statistic, name: "chi-squared statistic")
    try RandomError.requirePositive(degreesOfFreedom, name: "chi-squared degrees of freedom")

    disableGSLAbortingErrorHandler()
    let probability = gsl_cdf_chisq_Q(statistic, degreesOfFreedom)
    return try checked(probability, function: "gsl_cdf_chisq_Q")
  }

  /// Returns the log-normal distribution function P(X ≤ `x`), where log X is normal with mean
  /// `mu` and standard deviation `sigma`.
  ///
  /// - Parameters:
  ///   - x: The point, finite; 0 for any `x` of 0 or less.
  ///   - mu: The mean of log X, finite.
  ///   - sigma: The standard deviation of log X, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad argument, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_cdf_lognormal_P`.
  public static func logNormalCDF(
    _ x: Double, mu: Double, sigma: Double
  ) throws(RandomError) -> Double {
    try RandomError.requireFinite(x, name: "log-normal point")
    try RandomError.requireFinite(mu, name: "log-normal mu")
    try RandomError.requirePositive(sigma, name: "log-normal sigma")
    guard x > 0 else { return 0 }

    disableGSLAbortingErrorHandler()
    return try checked(gsl_cdf_lognormal_P(x, mu, sigma), function: "gsl_cdf_lognormal_P")
  }

  /// Returns the gamma distribution function P(X ≤ `x`) for shape k and scale θ (mean kθ).
  ///
  /// - Parameters:
  ///   - x: The point, finite; 0 for any `x` of 0 or less.
  ///   - shape: The shape k, finite and greater than 0.
  ///   - scale: The scale θ, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad argument, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_cdf_gamma_P`.
  public static func gammaCDF(
    _ x: Double, shape: Double, scale: Double
  ) throws(RandomError) -> Double {
    try RandomError.requireFinite(x, name: "gamma point")
    try RandomError.requirePositive(shape, name: "gamma shape")
    try RandomError.requirePositive(scale, name: "gamma scale")
    guard x > 0 else { return 0 }

    disableGSLAbortingErrorHandler()
    return try checked(gsl_cdf_gamma_P(x, shape, scale), function: "gsl_cdf_gamma_P")
  }

  /// Returns the digamma function ψ(`x`), the derivative of ln Γ at `x`.
  ///
  /// - Parameter x: The point, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad point, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_sf_psi`.
  public static func digamma(_ x: Double) throws(RandomError) -> Double {
    try RandomError.requirePositive(x, name: "digamma point")

    disableGSLAbortingErrorHandler()
    return try checked(gsl_sf_psi(x), function: "gsl_sf_psi")
  }

  /// Returns the trigamma function ψ′(`x`), the derivative of ψ at `x`.
  ///
  /// - Parameter x: The point, finite and greater than 0.
  /// - Throws: ``RandomError/invalidParameter(name:value:expected:)`` for a bad point, or
  ///   ``RandomError/gslFailure(function:status:)`` when GSL returns NaN.
  ///
  /// The corresponding C function is `gsl_sf_psi_1`.
  public static func trigamma(_ x: Double) throws(RandomError) -> Double {
    try RandomError.requirePositive(x, name: "trigamma point")

    disableGSLAbortingErrorHandler()
    return try checked(gsl_sf_psi_1(x), function: "gsl_sf_psi_1")
  }

  /// Returns `value`, or throws GSL's domain error when it is NaN.
  ///
  /// With the error handler off, GSL's distribution functions report a domain error by
  /// returning NaN instead of a status.
  private static func checked(_ value: Double, function: String) throws(RandomError) -> Double {
    guard !value.isNaN else { throw .gslFailure(function: function, status: Int32(GSL_EDOM)) }
    return value
  }
}
