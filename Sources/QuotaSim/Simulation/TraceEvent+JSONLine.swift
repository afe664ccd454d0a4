extension TraceEvent {
  /// Returns the event as one line of JSON, without the newline, for `--trace FILE.jsonl`.
  ///
  /// The keys come in a fixed order: `at` (ISO 8601 UTC), `offsetSeconds` (seconds since
  /// `origin`), `request`, `workload`, `deployment`, `attempt`, `decision`, `response`,
  /// `until`, `waitSeconds`, `tokens` and `error`. Keys without a value are left out.
  /// `response` is the HTTP status as a number, or a string such as `"connection failed"`
  /// for an attempt that got no HTTP response. Seconds are exact decimals to the microsecond.
  public func jsonLine(origin: Instant) -> String {
    var members: [(String, String)] = [
      ("at", JSONValue.quoted(at.iso8601)),
      ("offsetSeconds", Self.seconds(origin.duration(to: at))),
      ("request", String(request)),
    ]
    if let workload { members.append(("workload", JSONValue.quoted(workload))) }
    members.append(("deployment", JSONValue.quoted(deployment)))
    members.append(("attempt", String(attempt)))
    members.append(("decision", JSONValue.quoted(kind.rawValue)))
    if let status {
      members.append(("response", String(status)))
    } else if let outcome {
      members.append(("response", JSONValue.quoted(outcome)))
    }
    if let until, let wait {
      members.append(("until", JSONValue.quoted(until.iso8601)))
      members.append(("waitSeconds", Self.seconds(wait)))
    }
    if let tokens { members.append(("tokens", String(tokens))) }
    if let error { members.append(("error", JSONValue.quoted(error))) }
    return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  /// Returns a duration in seconds as an exact decimal, such as `1.5`, `0` or `-0.25`.
  static func seconds(_ duration: Duration) -> String {
    let microseconds = duration.microseconds
    let whole = microseconds / 1_000_000
    let fraction = (microseconds % 1_000_000).magnitude
    let sign = microseconds < 0 && whole == 0 ? "-" : ""
    guard fraction != 0 else { return "\(whole)" }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 6 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(sign)\(whole).\(digits)"
  }
}
