/// Everything one run reports: per deployment and period, per run, and how requests ended.
///
/// The result is deterministic: it holds no wall-clock time, so the same scenario and seed
/// encode to the same bytes.
public struct RunResult: Sendable, Equatable, Codable {
  /// The scenario's name.
  public var model: String
  /// The seed the run's streams derive from.
  public var seed: UInt64
  /// The replication index.
  public var replication: Int
  /// The first simulated instant.
  public var start: Instant
  /// The first instant after the simulated span.
  public var end: Instant
  /// How the requests ended.
  public var requests: RequestSummary
  /// Per deployment, in catalog order.
  public var deployments: [DeploymentResult]
  /// End-to-end latency from arrival to completion, waits included, of served requests.
  public var latency: LatencySummary
  /// Time series for charts, or `nil` unless the run was asked to record them (see
  /// ``SimulationRun/recordSeries()``); JSON output omits the key when it is `nil`.
  public var series: RunSeries? = nil
}

/// How a run's requests ended.
public struct RequestSummary: Sendable, Equatable, Codable {
  /// Requests that arrived before the end.
  public var simulated: Int64
  /// Requests that got a completion.
  public var served: Int64
  /// Requests that ended without a completion.
  public var dropped: Int64
  /// Dropped requests by reason code, such as `no_deployment` or `retries_exhausted`.
  public var droppedByReason: [String: Int64]
  /// Requests still waiting or being served at the end.
  public var inFlightAtEnd: Int64
}

/// One deployment's figures.
public struct DeploymentResult: Sendable, Equatable, Codable {
  /// The deployment's name.
  public var name: String
  /// The deployment's model.
  public var model: String
  /// The client's quota period unit.
  public var quotaPeriod: QuotaPeriodUnit
  /// Each period of the run, in order.
  public var periods: [PeriodFigures]
}

/// Percentiles of end-to-end latency, in seconds.
public struct LatencySummary: Sendable, Equatable, Codable {
  /// Served requests measured.
  public var count: Int64
  /// The mean, or `nil` without served requests.
  public var meanSeconds: Double?
  public var p50Seconds: Double?
  public var p90Seconds: Double?
  public var p95Seconds: Double?
  public var p99Seconds: Double?
  public var maxSeconds: Double?

  init(_ histogram: LatencyHistogram) {
    count = histogram.count
    meanSeconds = histogram.meanMicroseconds.map { ($0 / 1e3).rounded() / 1e3 }
    func seconds(_ fraction: Double) -> Double? {
      histogram.percentile(fraction).map { Double($0) / 1e6 }
    }
    p50Seconds = seconds(0.50)
    p90Seconds = seconds(0.90)
    p95Seconds = seconds(0.95)
    p99Seconds = seconds(0.99)
    maxSeconds = histogram.count > 0 ? Double(histogram.maximumMicroseconds) / 1e6 : nil
  }
}

extension SimulationRun {
  func makeResult() -> RunResult {
    let inFlight = slots.indices.reduce(Int64(0)) { $0 + (slots[$1].inUse ? 1 : 0) }
    let deployments = scenario.catalog.deployments.enumerated().map { index, deployment in
      DeploymentResult(
        name: deployment.name, model: deployment.model, quotaPeriod: deployment.quotaPeriod,
        periods: metrics[index].periods(through: scenario.end))
    }
    return RunResult(
      model: scenario.name, seed: scenario.seed, replication: replication, start: scenario.start,
      end: scenario.end,
      requests: RequestSummary(
        simulated: outcomes.simulated, served: outcomes.served, dropped: outcomes.dropped,
        droppedByReason: dropCounts.byCode, inFlightAtEnd: inFlight),
      deployments: deployments, latency: LatencySummary(latency), series: makeSeries())
  }

  private func makeSeries() -> RunSeries? {
    let allMetrics = metrics.elements
    guard allMetrics.contains(where: { $0.series != nil }) else { return nil }
    return RunSeries(
      alertThresholds: scenario.policy.alertThresholds,
      throttleThreshold: scenario.policy.throttleThreshold,
      deployments: allMetrics.compactMap { $0.series?.finished() },
      latency: latency.buckets().map { LatencyBucket(upperMicroseconds: $0.upper, count: $0.count) }
    )
  }
}
