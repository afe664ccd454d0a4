import Foundation
import Testing

@testable import QuotaSim

@Suite struct WorkloadSourceBatchTests {
  typealias F = WorkloadFixtures

  /// Returns every scan start of `source` from its start.
  static func scanStarts(_ source: WorkloadSource) -> [Instant] {
    var starts: [Instant] = []
    var next = source.nextScanStart(after: source.start)
    while let start = next {
      starts.append(start)
      next = source.nextScanStart(after: start.advanced(byMicroseconds: 1))
    }
    return starts
  }

  @Test func scansFollowLocalClockAcrossSpringForward() throws {
    // 09:00 and 21:30 in New York; clocks go forward on Sunday 2025-03-09. The start is
    // 19:00 EST on 2025-03-07, so that evening's scan comes first.
    let scan = BatchScan(startTimesOfDay: [77_400, 32_400], prompts: 500, workers: 4)
    let source = try F.source(
      F.workload(.batch(scan)), start: "2025-03-08T00:00:00Z", end: "2025-03-10T14:00:00Z",
      timeZone: F.newYork)

    #expect(source.isClosedLoop)
    #expect(
      Self.scanStarts(source) == [
        F.instant("2025-03-08T02:30:00Z"), F.instant("2025-03-08T14:00:00Z"),
        F.instant("2025-03-09T02:30:00Z"),
        F.instant("2025-03-09T13:00:00Z"), F.instant("2025-03-10T01:30:00Z"),
        F.instant("2025-03-10T13:00:00Z"),
      ])
  }

  @Test func weekdayScansSkipTheWeekend() throws {
    let scan = BatchScan(
      startTimesOfDay: [3_600], daysOfWeek: [1, 2, 3, 4, 5], prompts: 10, workers: 1)
    // 2025-03-07 is a Friday.
    let source = try F.source(
      F.workload(.batch(scan)), start: "2025-03-07T00:00:00Z", end: "2025-03-12T00:00:00Z")
    #expect(
      Self.scanStarts(source) == [
        F.instant("2025-03-07T01:00:00Z"), F.instant("2025-03-10T01:00:00Z"),
        F.instant("2025-03-11T01:00:00Z"),
      ])
  }

  @Test func skippedLocalTimeMovesForward() throws {
    // 02:30 does not exist in New York on 2025-03-09; the scan starts at 03:30 EDT.
    let scan = BatchScan(startTimesOfDay: [9_000], daysOfWeek: [7], prompts: 10, workers: 1)
    let source = try F.source(
      F.workload(.batch(scan)), start: "2025-03-08T00:00:00Z", end: "2025-03-17T00:00:00Z",
      timeZone: F.newYork)
    #expect(
      Self.scanStarts(source) == [
        F.instant("2025-03-09T07:30:00Z"), F.instant("2025-03-16T06:30:00Z"),
      ])
  }

  @Test func scanAtStartInstantCounts() throws {
    let scan = BatchScan(startTimesOfDay: [0], prompts: 10, workers: 1)
    let source = try F.source(
      F.workload(.batch(scan)), start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z")
    #expect(Self.scanStarts(source) == [F.instant("2025-01-01T00:00:00Z")])
    #expect(source.nextOpenLoopRequest() == nil)
  }

  @Test func drawSizesGivesPromptThenCompletion() throws {
    let scan = BatchScan(startTimesOfDay: [0], prompts: 10, workers: 1)
    let source = try F.source(
      F.workload(.batch(scan), prompt: .fixed(0), completion: .fixed(900), maxTokens: 512),
      start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z")
    let sizes = source.drawSizes()
    #expect(sizes.prompt == 1)
    #expect(sizes.completion == 512)
  }
}
