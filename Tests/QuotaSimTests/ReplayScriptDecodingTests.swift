import Foundation
import Testing

@testable import QuotaSim

/// One invalid replay script and the single error line it must produce.
struct BadScript: Sendable, CustomTestStringConvertible {
  var name: String
  var text: String
  var expected: String

  var testDescription: String { name }
}

/// Decoding replay scripts: defaults, instants, expansion of repeated requests, and one
/// clear error per mistake.
@Suite struct ReplayScriptDecodingTests {
  static let deploymentA = #"{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000000}"#

  static func decode(_ text: String) throws -> ReplayScript {
    try ReplayScript.decode(try JSONParser().parse(text), file: "script.json")
  }

  static func issues(_ text: String) throws -> [String] {
    let value = try JSONParser().parse(text)
    do throws(ConfigError) {
      _ = try ReplayScript.decode(value, file: "script.json")
      return []
    } catch {
      return error.issues.map(\.description)
    }
  }

  @Test func minimalScriptTakesDefaults() throws {
    let script = try Self.decode(
      #"{"deployments": [\#(Self.deploymentA)], "requests": [{"deployment": "A"}]}"#)
    #expect(script.name == "script")
    #expect(script.start == .at("2025-01-01T00:00:00Z"))
    #expect(script.end == nil)
    #expect(script.policy == LimiterPolicy())
    #expect(script.responses == [[]])
    #expect(
      script.requests == [
        ScriptedRequest(id: 1, at: .at("2025-01-01T00:00:00Z"), deployment: DeploymentID(0))
      ])
    #expect(script.expectations == [])
  }

  @Test func countExpandsIntoNumberedRequests() throws {
    let script = try Self.decode(
      """
      {"start": "2025-03-10T09:00:00Z", "deployments": [\(Self.deploymentA)],
       "requests": [{"id": 5, "at": 1.5, "deployment": "A", "count": 3, "everySeconds": 60,
                     "promptTokens": "1k", "maxTokens": 100},
                    {"at": "2025-03-10T10:00:00Z", "deployment": "A", "estimate": 7}]}
      """)
    #expect(script.requests.map(\.id) == [5, 6, 7, 8])
    #expect(
      script.requests.map(\.at) == [
        .at("2025-03-10T09:00:01.500Z"), .at("2025-03-10T09:01:01.500Z"),
        .at("2025-03-10T09:02:01.500Z"), .at("2025-03-10T10:00:00Z"),
      ])
    #expect(script.requests[0].promptTokens == 1_000)
    #expect(script.requests[0].maxTokens == 100)
    #expect(script.requests[3].estimate == 7)
  }

  @Test func responseFieldsDecode() throws {
    let script = try Self.decode(
      """
      {"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000000,
        "azure": {"profile": "scripted", "responses": [
          {"status": 429, "headers": {"Retry-After": "2", "retry-after-ms": "1500"}, "times": 2},
          {"status": 200, "body": {"id": "x"}, "usage": {"total_tokens": 9}, "serviceTimeSeconds": 0.25,
           "from": 10, "until": "2025-01-01T00:01:00Z"},
          {"connectionFailure": "connection refused", "repeat": true},
          {"timeout": true, "at": 5}]}}],
       "requests": [{"deployment": "A"}]}
      """)
    let start = Instant.at("2025-01-01T00:00:00Z")
    #expect(
      script.responses[0] == [
        ScriptedResponse(
          answer: .response(
            status: 429, headers: HTTPHeaders([("Retry-After", "2"), ("retry-after-ms", "1500")]),
            body: nil),
          uses: .times(2)),
        ScriptedResponse(
          answer: .response(
            status: 200, headers: [:], body: #"{"id":"x","usage":{"total_tokens":9}}"#),
          serviceTime: .milliseconds(250), from: start.advanced(by: .seconds(10)),
          until: start.advanced(by: .seconds(60))),
        ScriptedResponse(answer: .connectionFailure("connection refused"), uses: .always),
        ScriptedResponse(
          answer: .timeout, from: start.advanced(by: .seconds(5)),
          until: start.advanced(byMicroseconds: 5_000_001)),
      ])
  }

  @Test func expectationsKeepFileOrder() throws {
    let script = try Self.decode(
      """
      {"deployments": [\(Self.deploymentA)], "requests": [{"deployment": "A"}],
       "expect": {"usage": {"A": "2k"}, "calls": {"A": 1},
                  "requests": {"1": {"error": null, "waitedSeconds": 1.5}},
                  "state": {"A": {"blockedUntil": 600, "history": {"2024-12": 5}}},
                  "outcomes": {"failed": 0, "completed": 1},
                  "logged": {"Quota alert.": 2}}}
      """)
    let start = Instant.at("2025-01-01T00:00:00Z")
    #expect(
      script.expectations == [
        ReplayExpectation(
          path: "expect.usage.A", figure: .usedTokens(deployment: "A"), expected: .integer(2_000)),
        ReplayExpectation(
          path: "expect.calls.A", figure: .calls(deployment: "A"), expected: .integer(1)),
        ReplayExpectation(
          path: #"expect.requests["1"].error"#, figure: .request(id: 1, .error), expected: .none),
        ReplayExpectation(
          path: #"expect.requests["1"].waitedSeconds"#, figure: .request(id: 1, .waitedSeconds),
          expected: .number(1.5)),
        ReplayExpectation(
          path: "expect.state.A.blockedUntil", figure: .state(deployment: "A", .blockedUntil),
          expected: .instant(start.advanced(by: .seconds(600)))),
        ReplayExpectation(
          path: #"expect.state.A.history["2024-12"]"#,
          figure: .state(deployment: "A", .history(period: "2024-12")), expected: .integer(5)),
        ReplayExpectation(
          path: "expect.outcomes.failed", figure: .outcomes(.failed), expected: .integer(0)),
        ReplayExpectation(
          path: "expect.outcomes.completed", figure: .outcomes(.completed), expected: .integer(1)),
        ReplayExpectation(
          path: #"expect.logged["Quota alert."]"#, figure: .logged(message: "Quota alert."),
          expected: .integer(2)),
      ])
  }

  static let valid =
    #""deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000000}]"#

  static let badScripts: [BadScript] = [
    BadScript(
      name: "no requests", text: "{\(valid)}",
      expected:
        #"script.json: top level: missing required key 'requests'. Add a "requests" array, such as [{"at": 0, "deployment": "A"}]."#
    ),
    BadScript(
      name: "empty requests", text: #"{\#(valid), "requests": []}"#,
      expected:
        #"script.json: requests: must be at least one request (found []). Add a request, such as {"at": 0, "deployment": "A"}."#
    ),
    BadScript(
      name: "unknown deployment", text: #"{\#(valid), "requests": [{"deployment": "a"}]}"#,
      expected:
        #"script.json: requests[0].deployment: names no deployment of the script (found "a"). Did you mean 'A'?"#
    ),
    BadScript(
      name: "negative instant", text: #"{\#(valid), "requests": [{"deployment": "A", "at": -2}]}"#,
      expected:
        #"script.json: requests[0].at: must be seconds after start (a number from 0 to 3155760000) or an ISO 8601 instant at most 100 years after start (found -2). Write at as seconds after start, such as 1.5, or as an instant such as "2025-03-10T09:00:01.5Z"."#
    ),
    BadScript(
      name: "instant past the span",
      text: #"{\#(valid), "requests": [{"deployment": "A", "at": "2125-01-03T00:00:00Z"}]}"#,
      expected:
        #"script.json: requests[0].at: must be seconds after start (a number from 0 to 3155760000) or an ISO 8601 instant at most 100 years after start (found "2125-01-03T00:00:00Z"). Write at as seconds after start, such as 1.5, or as an instant such as "2025-03-10T09:00:01.5Z"."#
    ),
    BadScript(
      name: "repeated requests past the span",
      text:
        #"{\#(valid), "requests": [{"deployment": "A", "count": 1000, "everySeconds": 3153600000}]}"#,
      expected:
        #"script.json: requests[0].count: puts the last request more than 100 years after start (found 1000). Lower count or everySeconds."#
    ),
    BadScript(
      name: "start out of range",
      text: #"{\#(valid), "start": "1969-12-31T23:59:59Z", "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: start: must be an instant from 1970 through 9999 (found "1969-12-31T23:59:59Z"). Write the first instant such as "2025-03-10T09:00:00Z"."#
    ),
    BadScript(
      name: "service time over a day",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"status": 200, "serviceTimeSeconds": 90000}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].serviceTimeSeconds: must be a number of seconds from 0 to 86400 (found 90000). Set serviceTimeSeconds to the time the response takes, such as 0.8."#
    ),
    BadScript(
      name: "duplicate id",
      text:
        #"{\#(valid), "requests": [{"deployment": "A", "count": 2}, {"id": 2, "deployment": "A"}]}"#,
      expected:
        #"script.json: requests[1].id: request id 2 is used twice (found 2). Give every request its own id; an entry with "count" uses id, id + 1, …."#
    ),
    BadScript(
      name: "interval without count",
      text: #"{\#(valid), "requests": [{"deployment": "A", "everySeconds": 5}]}"#,
      expected:
        #"script.json: requests[0].everySeconds: applies only with "count" (found 5). Add "count", or remove everySeconds."#
    ),
    BadScript(
      name: "other profile",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"profile": "gateway", "responses": []}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.profile: must be 'scripted', the only limit profile of a replay script (found "gateway"). Write "scripted", or remove profile; a scenario simulates the other profiles."#
    ),
    BadScript(
      name: "status out of range",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"status": 99}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].status: must be an HTTP status from 100 to 599 (found 99). Write the status as a number, such as 429."#
    ),
    BadScript(
      name: "header value not a string",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"status": 429, "headers": {"retry-after": 2}}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].headers["retry-after"]: must be the header's value as a string (found 2). Write the value in double quotes, exactly as the server sends it, such as "2"."#
    ),
    BadScript(
      name: "headers on a connection failure",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"connectionFailure": "refused", "headers": {}}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].headers: applies only to a response with a status (found {}). Remove headers, or write a status."#
    ),
    BadScript(
      name: "usage next to body usage",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"status": 200, "body": {"usage": {}}, "usage": {}}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].body: cannot be combined with usage unless it is an object without its own usage (found {"usage": {}}). Put the usage inside the body, or remove one of them."#
    ),
    BadScript(
      name: "window backwards",
      text:
        #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "azure": {"responses": [{"status": 200, "from": 5, "until": 5}]}}], "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: deployments[0].azure.responses[0].until: must be after from, which is 2025-01-01T00:00:05Z (found 5). Set until later than from."#
    ),
    BadScript(
      name: "expectation names unknown deployment",
      text: #"{\#(valid), "requests": [{"deployment": "A"}], "expect": {"calls": {"B": 1}}}"#,
      expected:
        #"script.json: expect.calls.B: names no deployment of the script (found "B"). Did you mean 'A'?"#
    ),
    BadScript(
      name: "expectation names unknown request",
      text:
        #"{\#(valid), "requests": [{"deployment": "A"}], "expect": {"requests": {"2": {"retries": 0}}}}"#,
      expected:
        #"script.json: expect.requests["2"]: names no request of the script (found "2"). Use the id of a request, written as a string such as "1"."#
    ),
    BadScript(
      name: "restart without state",
      text:
        #"{\#(valid), "requests": [{"deployment": "A"}], "expect": {"usageAfterRestart": {"A": 1}}}"#,
      expected:
        #"script.json: expect.usageAfterRestart: needs an initial state (found {"A": 1}). Add "initialState", or remove usageAfterRestart."#
    ),
    BadScript(
      name: "misspelled state field",
      text:
        #"{\#(valid), "requests": [{"deployment": "A"}], "expect": {"state": {"A": {"exhausted_until": null}}}}"#,
      expected:
        #"script.json: expect.state.A.exhausted_until: unknown key (found "exhausted_until"). Did you mean 'exhaustedUntil'?"#
    ),
    BadScript(
      name: "end before start",
      text:
        #"{\#(valid), "start": "2025-01-01T00:00:00Z", "end": "2024-12-31T00:00:00Z", "requests": [{"deployment": "A"}]}"#,
      expected:
        #"script.json: end: must be at or after start, which is 2025-01-01T00:00:00Z (found "2024-12-31T00:00:00Z"). Set end to a later instant."#
    ),
  ]

  @Test(arguments: badScripts)
  func badScriptGetsOneError(bad: BadScript) throws {
    #expect(try Self.issues(bad.text) == [bad.expected])
  }

  @Test func scriptedProfileRejectedInScenario() throws {
    let value = try JSONParser().parse(
      """
      {"start": "2026-01-01T00:00:00Z", "horizonDays": 1,
       "deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000,
                        "azure": {"profile": "scripted"}}],
       "workloads": [{"name": "w", "deployment": "a", "kind": "poisson", "ratePerSecond": 1,
                      "promptTokens": {"fixed": 1}, "completionTokens": {"fixed": 1}}]}
      """)
    var lines: [String] = []
    do throws(ConfigError) {
      _ = try Scenario.decode(value, file: "model.json", baseDirectory: URL(fileURLWithPath: "."))
    } catch {
      lines = error.issues.map(\.description)
    }
    #expect(
      lines == [
        #"model.json: deployments[0].azure.profile: is the limit profile of replay scripts, which answer from canned responses (found "scripted"). Use 'standard' or 'gateway' in a scenario, or write a replay script for 'quotasim replay' (see docs/replay-format.md)."#
      ])
  }

  @Test func missingFileNamesIt() {
    #expect(throws: ConfigError.self) {
      _ = try ReplayScript.load(contentsOf: URL(fileURLWithPath: "no-such-script.json"))
    }
  }
}
