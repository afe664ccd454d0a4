import Foundation
import Testing

@testable import QuotaSim

@Suite struct WorkloadSourceTraceTests {
  typealias F = WorkloadFixtures

  static let rows = [
    TraceRow(offsetMicroseconds: 0, promptTokens: 10, completionTokens: 1),
    TraceRow(offsetMicroseconds: 1_000_000, promptTokens: 20, completionTokens: 2_000),
    TraceRow(offsetMicroseconds: 3_000_000, promptTokens: 30, completionTokens: 3),
  ]

  /// Returns the arrivals as microseconds after 2025-01-01T00:00:00Z.
  static func offsets(_ requests: [GeneratedRequest]) -> [Int64] {
    let start = F.instant("2025-01-01T00:00:00Z")
    return requests.map { $0.arrival.microsecondsSinceEpoch - start.microsecondsSinceEpoch }
  }

  @Test func rowsReplayOnceWithCap() throws {
    let source = try F.source(
      F.workload(.trace(TraceReplay(rows: Self.rows)), maxTokens: 1_000),
      start: "2025-01-01T00:00:00Z", end: "2025-01-01T01:00:00Z")
    let requests = F.drain(source)
    #expect(Self.offsets(requests) == [0, 1_000_000, 3_000_000])
    #expect(requests.map(\.promptTokens) == [10, 20, 30])
    #expect(requests.map(\.completionTokens) == [1, 1_000, 3])
  }

  @Test func loopsFillLongerHorizon() throws {
    // Span 3 s plus a mean gap of 1.5 s: a period of 4.5 s.
    let source = try F.source(
      F.workload(.trace(TraceReplay(rows: Self.rows, loops: true))),
      start: "2025-01-01T00:00:00Z", end: "2025-01-01T00:00:10Z")
    let requests = F.drain(source)
    #expect(
      Self.offsets(requests) == [
        0, 1_000_000, 3_000_000, 4_500_000, 5_500_000, 7_500_000, 9_000_000,
      ])
    #expect(requests.map(\.promptTokens) == [10, 20, 30, 10, 20, 30, 10])
  }

  @Test func timeScaleStretchesOffsetsAndPeriod() throws {
    let source = try F.source(
      F.workload(.trace(TraceReplay(rows: Self.rows, timeScale: 0.5, loops: true))),
      start: "2025-01-01T00:00:00Z", end: "2025-01-01T00:00:03Z")
    #expect(
      Self.offsets(F.drain(source)) == [0, 500_000, 1_500_000, 2_250_000, 2_750_000])
  }

  @Test func singleRowReplaysOnce() throws {
    let source = try F.source(
      F.workload(.trace(TraceReplay(rows: [Self.rows[2]], timeScale: 2))),
      start: "2025-01-01T00:00:00Z", end: "2025-01-01T01:00:00Z")
    let requests = F.drain(source)
    #expect(Self.offsets(requests) == [6_000_000])
    #expect(requests.map(\.promptTokens) == [30])
  }

  @Test func endCutsReplayShort() throws {
    let source = try F.source(
      F.workload(.trace(TraceReplay(rows: Self.rows))), start: "2025-01-01T00:00:00Z",
      end: "2025-01-01T00:00:03Z")
    #expect(Self.offsets(F.drain(source)) == [0, 1_000_000])
  }

  // The conversation trace is a public data set kept outside the repository, so the test
  // runs only where a copy is present.
  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationTraceReplaysExactly() throws {
    let loaded = try TraceFile.load(contentsOf: #require(AzureTraces.conversation))
    let start = try #require(loaded.origin)
    let source = try WorkloadSource(
      workload: F.workload(.trace(TraceReplay(rows: loaded.rows, source: "conv"))), start: start,
      end: start.advanced(by: .seconds(7_200)), timeZone: F.utc,
      stream: RandomStream(modelSeed: 1, replication: 0, stream: 0))

    let requests = F.drain(source)
    #expect(requests.count == 19_366)
    #expect(requests.reduce(0) { $0 + $1.promptTokens } == 22_361_870)
    #expect(requests.reduce(0) { $0 + $1.completionTokens } == 4_088_665)
    #expect(requests.last?.arrival == start.advanced(byMicroseconds: 3_501_721_937))
  }

  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationTraceLoopsThreeTimes() throws {
    let loaded = try TraceFile.load(contentsOf: #require(AzureTraces.conversation))
    let start = F.instant("2025-01-01T00:00:00Z")
    // The period is the span times rows / (rows - 1), rounded to the microsecond.
    let span = Double(3_501_721_937)
    let period = Int64((span * 19_366 / 19_365).rounded())
    let source = try WorkloadSource(
      workload: F.workload(.trace(TraceReplay(rows: loaded.rows, loops: true))), start: start,
      end: start.advanced(byMicroseconds: 3 * period), timeZone: F.utc,
      stream: RandomStream(modelSeed: 1, replication: 0, stream: 0))

    let requests = F.drain(source)
    #expect(requests.count == 3 * 19_366)
    #expect(requests.reduce(0) { $0 + $1.promptTokens } == 3 * 22_361_870)
    #expect(requests[19_366].arrival == start.advanced(byMicroseconds: period))
  }
}
