import Foundation

/// A deployment with the `scripted` limit profile, which responds to each call from a list of
/// canned responses instead of modelling Azure's limits.
///
/// A call at instant `t` gets the first entry of the list that covers `t` and is not used
/// up. An entry serves its ``ScriptedResponse/uses`` calls, or every call when it repeats,
/// so a list reads in order: `[429, 429, 200]` serves the first three calls. Entries with an
/// instant window serve only calls inside it. The run reports a call that no entry serves,
/// because a script that runs out of responses means the limiter made calls the script did
/// not foresee.
///
/// Not thread-safe: a replay is single-threaded.
final class ScriptedEndpoint {
  /// The canned responses, in the order written.
  let entries: [ScriptedResponse]
  /// Per entry, the calls it has served.
  private var served: [Int]

  init(entries: [ScriptedResponse]) {
    self.entries = entries
    served = Array(repeating: 0, count: entries.count)
  }

  /// Returns the entry that serves a call at `now` and counts the call against it, or
  /// returns `nil` when no entry is left for it.
  func answer(at now: Instant) -> ScriptedResponse? {
    for (index, entry) in entries.enumerated() where entry.covers(now) {
      switch entry.uses {
      case .always:
        served[index] += 1
        return entry
      case .times(let count) where served[index] < count:
        served[index] += 1
        return entry
      case .times:
        continue
      }
    }
    return nil
  }
}

extension ScriptedResponse.Answer {
  /// The attempt's outcome for the client, with the body parsed as a real response body.
  var outcome: AttemptOutcome {
    switch self {
    case .response(let status, let headers, let body):
      .response(
        UpstreamResponse(status: status, headers: headers, body: body.map { Data($0.utf8) }))
    case .connectionFailure(let text):
      .connectionFailed(text)
    case .timeout:
      .timedOut
    }
  }
}
