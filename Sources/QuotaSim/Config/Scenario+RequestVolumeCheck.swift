extension Scenario {
  /// Records a problem when `scenario` expects more than ``maximumExpectedRequests`` requests,
  /// at the workload that expects the most.
  ///
  /// The problem is reported at the value that sets the workload's volume: its rate, its
  /// `promptsPerScan` or its `traceFile`.
  static func checkRequestVolume(of scenario: Scenario, in root: ConfigObjectReader) {
    let counts = scenario.expectedRequestsByWorkload
    let total = counts.reduce(0, +)
    guard total > maximumExpectedRequests,
      let largest = counts.indices.max(by: { counts[$0] < counts[$1] })
    else { return }

    let workload = scenario.workloads[largest]
    let key: String
    switch workload.arrivals {
    case .poisson:
      key =
        ArrivalProcess.rateKeys.map(\.key).first { root.hasWorkloadKey($0, at: largest) }
        ?? "ratePerSecond"
    case .batch:
      key = "promptsPerScan"
    case .trace:
      key = "traceFile"
    }
    let path = root.path.appending(key: "workloads").appending(index: largest)
      .appending(key: key)
    let value = root.object["workloads"]?.arrayValue?[largest].objectValue?[key]

    var message = "the run would simulate \(approximateCount(total)) requests"
    if counts.count > 1 {
      message += ", \(approximateCount(counts[largest])) of them from workload '\(workload.name)'"
    }
    message += ", more than the limit of 1,000,000,000 per run"
    root.collector.report(
      at: path, value: value, message: message,
      fix: "Lower the request volume or shorten the horizon, so that the run expects at most "
        + "1,000,000,000 requests")
  }

  /// Returns an expected request count as `about` and grouped digits, such as
  /// `about 86,400,000,000`, or as `more than 10^18` when it is at least that.
  private static func approximateCount(_ count: Double) -> String {
    guard count < 1e18 else { return "more than 10^18" }
    return "about " + QuantityFormat.grouped(Int64(count.rounded()))
  }
}

extension ConfigObjectReader {
  /// Returns whether element `index` of the `workloads` array has the member `key`.
  fileprivate func hasWorkloadKey(_ key: String, at index: Int) -> Bool {
    object["workloads"]?.arrayValue?[index].objectValue?[key] != nil
  }
}
