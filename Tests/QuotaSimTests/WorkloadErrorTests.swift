import Foundation
import Testing

@testable import QuotaSim

@Suite struct WorkloadErrorTests {
  typealias F = WorkloadFixtures

  static let invalidCases: [(ArrivalProcess, Int64?, String)] = [
    (
      .poisson(PoissonArrivals(ratePerSecond: -1)), nil,
      "Workload 'test': invalid ratePerSecond -1.0. Expected a finite number of requests per "
        + "second, 0 or more."
    ),
    (
      .poisson(PoissonArrivals(ratePerSecond: 1, hourOfDay: [1, 2])), nil,
      "Workload 'test': hourOfDay has 2 factors. Expected 24, one per hour from midnight."
    ),
    (
      .poisson(PoissonArrivals(ratePerSecond: 1, dayOfWeek: [1, 1, 1, -1, 1, 1, 1])), nil,
      "Workload 'test': invalid dayOfWeek factor -1.0 at index 3. Expected a finite number of "
        + "0 or more."
    ),
    (
      .poisson(PoissonArrivals(ratePerSecond: 1, monthlyGrowth: -1)), nil,
      "Workload 'test': invalid monthlyGrowth -1.0. Expected a finite number above -1, such as "
        + "0.1 for 10 % more traffic a month."
    ),
    (
      .batch(BatchScan(startTimesOfDay: [0, 86_400], prompts: 1, workers: 1)), nil,
      "Workload 'test': invalid startTimesOfDay[1] 86400. Expected seconds after local "
        + "midnight, from 0 to 86399 (32400 is 09:00)."
    ),
    (
      .batch(BatchScan(startTimesOfDay: [0], daysOfWeek: [0], prompts: 1, workers: 1)), nil,
      "Workload 'test': invalid daysOfWeek[0] 0. Expected 1 (Monday) to 7 (Sunday)."
    ),
    (
      .batch(BatchScan(startTimesOfDay: [0], prompts: 10, workers: 0)), nil,
      "Workload 'test': a batch scan of 10 prompts with 0 workers. Expected at least 1 prompt "
        + "and 1 worker."
    ),
    (
      .trace(TraceReplay(rows: [], source: "empty.csv")), nil,
      "Workload 'test': the trace from 'empty.csv' has no rows. Give a trace with at least one "
        + "request."
    ),
    (
      .trace(
        TraceReplay(
          rows: [TraceRow(offsetMicroseconds: 0, promptTokens: 1, completionTokens: 1)], loops: true
        )),
      nil,
      "Workload 'test': the trace's 1 rows all arrive at one instant, so it has no period to "
        + "loop with. Set loops to false or give rows that span some time."
    ),
    (
      .trace(
        TraceReplay(rows: [
          TraceRow(offsetMicroseconds: 5, promptTokens: 1, completionTokens: 1),
          TraceRow(offsetMicroseconds: 4, promptTokens: 1, completionTokens: 1),
        ])), nil,
      "Workload 'test': trace row 1 at 4 µs comes before the previous row at 5 µs. Sort the "
        + "rows by offset."
    ),
    (
      .trace(
        TraceReplay(
          rows: [TraceRow(offsetMicroseconds: 0, promptTokens: 1, completionTokens: 1)],
          timeScale: 0)),
      nil,
      "Workload 'test': invalid timeScale 0.0. Expected a finite number above 0, such as 0.5 "
        + "to replay twice as fast."
    ),
    (
      .poisson(PoissonArrivals(ratePerSecond: 1)), 0,
      "Workload 'test': invalid maxTokens 0. Expected 1 or more, or null to leave max_tokens "
        + "unset."
    ),
  ]

  @Test(arguments: invalidCases)
  func invalidWorkloadsHaveExactMessages(
    arrivals: ArrivalProcess, maxTokens: Int64?, message: String
  ) {
    do {
      _ = try F.source(
        F.workload(arrivals, maxTokens: maxTokens), start: "2025-01-01T00:00:00Z",
        end: "2025-02-01T00:00:00Z")
      Issue.record("the workload was accepted, expected: \(message)")
    } catch let error as WorkloadError {
      #expect(error.description == message)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func endBeforeStartIsInvalid() {
    #expect(
      throws: WorkloadError.invalidHorizon(
        workload: "test", start: F.instant("2025-02-01T00:00:00Z"),
        end: F.instant("2025-01-01T00:00:00Z"))
    ) {
      try F.source(
        F.workload(.poisson(PoissonArrivals(ratePerSecond: 1))), start: "2025-02-01T00:00:00Z",
        end: "2025-01-01T00:00:00Z")
    }
  }
}
