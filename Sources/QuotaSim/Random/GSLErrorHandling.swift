import CGSL

/// A flag whose first read switches GSL's default error handler off.
///
/// GSL's default handler prints a message and calls `abort()` on any error, so one bad
/// parameter would kill the whole process. Swift runs a global's initializer once, lazily and
/// under a lock, which makes this the one thread-safe place to change the handler.
///
/// NOTE: the handler is process-wide state in GSL. Any other code in the process that calls
/// GSL also stops aborting from then on and must check results itself, as this folder does.
private let gslAbortingHandlerDisabled: Bool = {
  _ = gsl_set_error_handler_off()
  return true
}()

/// Switches GSL's aborting error handler off if this is the first call in the process.
///
/// Call it before the first GSL call of any public entry point. Later calls cost one
/// already-initialized check.
func disableGSLAbortingErrorHandler() {
  _ = gslAbortingHandlerDisabled
}

/// Returns GSL's text for an error status, such as "invalid argument supplied by user".
///
/// The corresponding C function is `gsl_strerror`.
func gslErrorText(_ status: Int32) -> String {
  String(cString: gsl_strerror(status))
}
