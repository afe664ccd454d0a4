import Foundation
import Testing

@testable import QuotaSim

/// Replays of small scripts: the trace reads as the decisions, scripted responses are used in
/// order, by window or repeatedly, and faults of a script are reported.
@Suite struct ScriptRunTests {
  /// Decodes `text` as a script named `test.json` and replays it.
  static func replay(_ text: String) throws -> ReplayResult {
    let script = try ReplayScript.decode(try JSONParser().parse(text), file: "test.json")
    return ScriptRun(script: script).run()
  }

  static let deploymentA = #""name": "A", "model": "gpt-4o", "tokensPerMinute": 1000000"#

  @Test func fallbackHopTraceReadsAsDecisions() throws {
    let result = try ReplayExamples.replay("b43-hop-keeps-retry-counts")
    #expect(
      ReplayReport.traceLines(result, limit: 100) == [
        "Trace:",
        "t (s)  instant                   request  deployment  attempt  response  decision  wait (s)  detail",
        "-----  ------------------------  -------  ----------  -------  --------  --------  --------  ---------------",
        "0      2025-03-10T09:00:00Z      1        A           1                  send",
        "0      2025-03-10T09:00:00Z      1        A           1        429       retry     0.1",
        "0.1    2025-03-10T09:00:00.100Z  1        A           2                  send",
        "0.1    2025-03-10T09:00:00.100Z  1        A           2        429       retry     0.1",
        "0.2    2025-03-10T09:00:00.200Z  1        A           3                  send",
        "0.2    2025-03-10T09:00:00.200Z  1        A           3        429       fallBack",
        "0.2    2025-03-10T09:00:00.200Z  1        B           4                  send",
        "0.2    2025-03-10T09:00:00.200Z  1        B           4        500       retry     1",
        "1.2    2025-03-10T09:00:01.200Z  1        B           5                  send",
        "1.2    2025-03-10T09:00:01.200Z  1        B           5        500       retry     2",
        "3.2    2025-03-10T09:00:03.200Z  1        B           6                  send",
        "3.2    2025-03-10T09:00:03.200Z  1        B           6        500       fail                HTTP 500 from B",
      ])
  }

  @Test func dayLongBlockTraceReadsAsDecisions() throws {
    let result = try ReplayExamples.replay("b10-day-long-hint-blocks")
    #expect(
      ReplayReport.traceLines(result, limit: 100) == [
        "Trace:",
        "t (s)  instant               request  deployment  attempt  response  decision  wait (s)  detail",
        "-----  --------------------  -------  ----------  -------  --------  --------  --------  -----------------",
        "0      2025-03-10T09:00:00Z  1        A           1                  send",
        "0      2025-03-10T09:00:00Z  1        A           1        429       fallBack",
        "0      2025-03-10T09:00:00Z  1        B           2                  send",
        "0      2025-03-10T09:00:00Z  1        B           2        200       done                20 tokens charged",
        "86399  2025-03-11T08:59:59Z  2        B           1                  send",
        "86399  2025-03-11T08:59:59Z  2        B           1        200       done                20 tokens charged",
      ])
  }

  @Test func traceLimitCountsHiddenLines() throws {
    let result = try ReplayExamples.replay("b46-one-retry-means-two-calls")
    let lines = ReplayReport.traceLines(result, limit: 1)
    #expect(lines.count == 5)
    #expect(lines.last == "… 3 more trace lines not shown (raise --trace-limit to see them)")
  }

  @Test func unansweredCallIsAProblem() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "azure": {"responses": [{"status": 429}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}]}
      """)
    #expect(result.deployments[0].calls == 4)
    #expect(result.deployments[0].responseCounts == ["429": 1, "no scripted response": 3])
    #expect(
      result.problems == [
        "deployment 'A' received 3 calls that no scripted response matches, the first at 1 s; "
          + "each got a connection failure instead. Add responses, or set \"repeat\": true on "
          + "the last one"
      ])
    #expect(!result.passed)
  }

  @Test func windowedResponsesAnswerByInstant() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "azure": {"responses": [
         {"status": 503, "from": 10, "until": 20, "repeat": true},
         {"status": 200, "at": 25},
         {"status": 201, "repeat": true}]}}],
       "policy": {"maxRetries": 0},
       "requests": [{"id": 1, "at": 0, "deployment": "A"}, {"id": 2, "at": 10, "deployment": "A"},
                    {"id": 3, "at": 19.5, "deployment": "A"}, {"id": 4, "at": 25, "deployment": "A"},
                    {"id": 5, "at": 26, "deployment": "A"}]}
      """)
    #expect(result.deployments[0].responseCounts == ["201": 2, "503": 2, "200": 1])
    #expect(
      result.requests.map(\.ending) == [.completed, .failed, .failed, .completed, .completed])
  }

  @Test func serviceTimeKeepsRequestsInFlight() throws {
    let result = try Self.replay(
      """
      {"end": 0.5,
       "deployments": [{\(Self.deploymentA), "monthlyTokenQuota": 100000,
         "azure": {"responses": [{"status": 200, "serviceTimeSeconds": 1, "repeat": true}]}}],
       "requests": [{"deployment": "A", "estimate": 700, "count": 3}]}
      """)
    #expect(result.deployments[0].status?.reservedTokens == 2_100)
    #expect(result.requests.map(\.ending) == [.unfinished, .unfinished, .unfinished])
    #expect(result.end == ReplayScript.defaultStart.advanced(by: .milliseconds(500)))
  }

  @Test func missingUsageChargedAsEstimate() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "azure": {"responses": [{"status": 200}]}}],
       "requests": [{"deployment": "A", "promptTokens": 12, "maxTokens": 30}]}
      """)
    #expect(result.requests[0].tokens == 42)
    #expect(result.deployments[0].status?.usage.isEstimated == true)
  }

  @Test func bodyTextIsParsedAsSent() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "fallbacks": ["B"],
         "azure": {"responses": [{"status": 403, "body": "{\\"error\\":{\\"code\\":\\"quota_exceeded\\"}}"}]}},
        {"name": "B", "model": "gpt-4o", "tokensPerMinute": 1000000,
         "azure": {"responses": [{"status": 200, "body": "not JSON"}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}]}
      """)
    #expect(result.deployments[0].status?.exhaustionEvents == 1)
    #expect(result.requests[0].ending == .completed)
  }

  @Test func timeoutIsTransient() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "azure": {"responses": [{"timeout": true}, {"status": 200}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}]}
      """)
    #expect(result.trace.map(\.responseText) == [nil, "timed out", nil, "200"])
    #expect(result.requests[0].attemptInstants.count == 2)
  }

  @Test func droppedRequestIsTraced() throws {
    let result = try Self.replay(
      """
      {"initialState": {"version": 1, "deployments": {"A": {"period": "2025-01", "usedTokens": 960}}},
       "deployments": [{\(Self.deploymentA), "monthlyTokenQuota": 1000,
         "azure": {"responses": [{"status": 200}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}],
       "expect": {"requests": {"1": {"outcome": "dropped",
                                     "error": "no deployment on the route can take the request"}},
                  "calls": {"A": 0}}}
      """)
    #expect(result.trace.map(\.kind) == [.drop])
    #expect(result.passed)
  }

  @Test func failedExpectationShowsBothValues() throws {
    let result = try Self.replay(
      """
      {"deployments": [{\(Self.deploymentA), "azure": {"responses": [{"status": 200}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}],
       "expect": {"calls": {"A": 2}, "attempts": {"A": [0.5]}}}
      """)
    let lines = ReplayReport.verdictLines(result)
    #expect(
      lines == [
        "Expectations: 2 of 2 failed.",
        "  FAILED  expect.calls.A: expected 2, got 1",
        "  FAILED  expect.attempts.A: expected [0.5], got [0]",
        "FAILED",
      ])
  }

  @Test func centuryLongBlockStopsAtSpanLimit() throws {
    let result = try Self.replay(
      """
      {"start": "9999-12-31T00:00:00Z",
       "policy": {"maxBlockSeconds": 1e15, "overflow": {"defer": {"maxWaitSeconds": 1e15}},
                  "maxTotalWaitSeconds": 1e15},
       "deployments": [{\(Self.deploymentA), "monthlyTokenQuota": 100, "azure": {"responses": [
         {"status": 429, "headers": {"retry-after": "99999999999999"}, "repeat": true}]}}],
       "requests": [{"deployment": "A", "at": 3155759990, "count": 3, "everySeconds": 1}]}
      """)
    #expect(result.requests.map(\.ending) == [.failed, .unfinished, .unfinished])
    let start = Instant.at("9999-12-31T00:00:00Z")
    #expect(result.end == start.advanced(by: .seconds(3_155_759_992)))
    #expect(
      result.deployments[0].status?.blockedUntil
        == start.advanced(by: .seconds(3_155_759_990 + 3_155_760_000)))
  }

  @Test func traceEventAsJSONLine() {
    let origin = Instant.at("2025-03-10T09:00:00Z")
    let event = TraceEvent(
      at: origin.advanced(by: .milliseconds(200)), request: 7, deployment: "A", attempt: 3,
      kind: .retry, status: 429, until: origin.advanced(by: .milliseconds(300)))
    #expect(
      event.jsonLine(origin: origin)
        == #"{"at":"2025-03-10T09:00:00.200Z","offsetSeconds":0.2,"request":7,"deployment":"A","attempt":3,"decision":"retry","response":429,"until":"2025-03-10T09:00:00.300Z","waitSeconds":0.1}"#
    )
  }

  @Test func failedEventAsJSONLine() {
    let origin = Instant.at("2025-01-01T00:00:00Z")
    let event = TraceEvent(
      at: origin.advanced(by: .seconds(7)), request: 1, workload: "scan", deployment: "A",
      attempt: 4, kind: .failure, outcome: "connection failed",
      error: "A was unreachable after the last retry")
    #expect(
      event.jsonLine(origin: origin)
        == #"{"at":"2025-01-01T00:00:07Z","offsetSeconds":7,"request":1,"workload":"scan","deployment":"A","attempt":4,"decision":"fail","response":"connection failed","error":"A was unreachable after the last retry"}"#
    )
  }
}
