/// The result of one attempt to call a deployment.
public enum AttemptOutcome: Sendable, Equatable {
  /// The server returned a response: a status, headers and possibly a body.
  case response(UpstreamResponse)
  /// No connection could be made or it broke before a response; the text describes the error.
  case connectionFailed(String)
  /// No response arrived within the client's timeout.
  case timedOut
  /// The caller cancelled the request before a response arrived.
  case cancelled
}
