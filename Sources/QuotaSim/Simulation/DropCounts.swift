/// Dropped requests counted per failure reason in a fixed array, so that a drop hashes no
/// string. The report's dictionary, keyed by reason code, is built once at the end of a run.
struct DropCounts {
  /// The number of ``FailureReason`` cases, one counter each.
  private static let reasonCount = 10

  private var counts = [Int64](repeating: 0, count: reasonCount)
  private var codes = [String](repeating: "", count: reasonCount)

  /// Counts one request dropped for `reason`.
  ///
  /// - Complexity: O(1).
  mutating func add(_ reason: FailureReason) {
    let index = Self.index(of: reason)
    if counts[index] == 0 { codes[index] = reason.code }
    counts[index] += 1
  }

  /// The counts by reason code, such as `retries_exhausted`, for the reasons that occurred.
  var byCode: [String: Int64] {
    var result: [String: Int64] = [:]
    for index in counts.indices where counts[index] > 0 {
      result[codes[index]] = counts[index]
    }
    return result
  }

  /// Returns the counter of `reason`'s case; reasons of one case share a code.
  private static func index(of reason: FailureReason) -> Int {
    switch reason {
    case .noDeploymentAvailable: 0
    case .neverAdmissible: 1
    case .retriesExhausted: 2
    case .upstreamUnavailable: 3
    case .httpStatus: 4
    case .clientError: 5
    case .quotaExhausted: 6
    case .accessDenied: 7
    case .waitLimitExceeded: 8
    case .cancelled: 9
    }
  }
}
