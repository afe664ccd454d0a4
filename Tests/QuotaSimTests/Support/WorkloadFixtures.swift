import Foundation

@testable import QuotaSim

/// Builders for workload tests.
enum WorkloadFixtures {
  static let utc = TimeZone(identifier: "UTC")!
  static let newYork = TimeZone(identifier: "America/New_York")!

  /// Returns the instant of an ISO 8601 text, failing the test run on a typo.
  static func instant(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else {
      preconditionFailure("'\(text)' is not an ISO 8601 instant")
    }
    return instant
  }

  /// Returns a workload with the given arrivals and fixed sizes of 100 and 10 tokens.
  static func workload(
    _ arrivals: ArrivalProcess, prompt: TokenSizeDistribution = .fixed(100),
    completion: TokenSizeDistribution = .fixed(10), maxTokens: Int64? = nil
  ) -> WorkloadConfig {
    WorkloadConfig(
      name: "test", deployment: "prod", arrivals: arrivals, promptTokens: prompt,
      completionTokens: completion, maxTokens: maxTokens)
  }

  /// Returns a source over `[start, end)` with stream 0 of replication 0 of `seed`.
  static func source(
    _ workload: WorkloadConfig, start: String, end: String, timeZone: TimeZone = utc,
    seed: UInt64 = 1
  ) throws -> WorkloadSource {
    try WorkloadSource(
      workload: workload, start: instant(start), end: instant(end), timeZone: timeZone,
      stream: RandomStream(modelSeed: seed, replication: 0, stream: 0))
  }

  /// Returns every open-loop request of `source`, checking that arrivals stay in order.
  static func drain(_ source: WorkloadSource) -> [GeneratedRequest] {
    var requests: [GeneratedRequest] = []
    while let request = source.nextOpenLoopRequest() {
      precondition(
        requests.last.map { $0.arrival <= request.arrival } ?? true,
        "arrival \(request.arrival) came before \(requests.last!.arrival)")
      requests.append(request)
    }
    return requests
  }

  /// Returns the local hour of day of `instant` in `timeZone`.
  static func localHour(of instant: Instant, in timeZone: TimeZone) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    return calendar.component(.hour, from: instant.date)
  }
}
