import CGSL
import Testing

@testable import QuotaSim

@Suite struct GSLErrorHandlingTests {
  @Test func invalidGSLCallReturnsInsteadOfAborting() {
    // With GSL's default handler this call would abort the test process.
    disableGSLAbortingErrorHandler()
    let table = gsl_ran_discrete_preproc(0, nil)
    #expect(table == nil)
  }

  @Test func gslFailureMessageUsesGSLText() {
    let error = RandomError.gslFailure(
      function: "gsl_ran_discrete_preproc", status: Int32(GSL_EINVAL))
    #expect(
      error.description
        == "GSL function gsl_ran_discrete_preproc failed with status 4: "
        + "invalid argument supplied by user.")
  }

  @Test func gslErrorTextMatchesStrerror() {
    #expect(gslErrorText(Int32(GSL_EDOM)) == "input domain error")
    #expect(gslErrorText(Int32(GSL_ENOMEM)) == "malloc failed")
  }
}
