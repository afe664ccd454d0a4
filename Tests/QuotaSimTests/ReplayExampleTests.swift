import Foundation
import Testing

@testable import QuotaSim

/// The shipped replay scripts: each passes against the real limiter, every limiter case has
/// one, and the policy mistakes a user could make fail the scripts they concern.
@Suite struct ReplayExampleTests {
  /// The ids of the cases in the limiter cases file, each of which has at least one script
  /// whose name starts with its id.
  static let caseIDs = [
    "b01", "b02", "b03", "b04", "b06", "b07", "b09", "b10", "b12", "b15", "b16", "b17", "b18",
    "b20", "b21", "b22", "b27", "b29", "b30", "b31", "b33", "b35", "b42", "b43", "b46", "b48",
  ]

  /// The scenarios of the limiter's original specification that involve responses.
  static let referenceScripts = [
    "ref-normal-request-flow", "ref-429-retry-after-ms", "ref-403-not-retried",
    "ref-403-falls-back-to-dev", "ref-fallback-to-dev-when-exhausted",
    "ref-proactive-throttle-at-95-percent",
  ]

  @Test(arguments: ReplayExamples.names())
  func scriptPasses(name: String) throws {
    let result = try ReplayExamples.replay(name)
    #expect(result.problems == [])
    for check in result.failedChecks {
      let expected = check.expectation.expected.rendered(origin: result.start)
      let actual = check.actual.rendered(origin: result.start)
      Issue.record("\(name): \(check.expectation.path) expected \(expected), got \(actual)")
    }
    #expect(!result.checks.isEmpty)
  }

  @Test(arguments: caseIDs)
  func limiterCaseHasScript(id: String) {
    #expect(ReplayExamples.names().contains { $0.hasPrefix(id + "-") })
  }

  @Test(arguments: referenceScripts)
  func referenceScenarioHasScript(name: String) {
    #expect(ReplayExamples.names().contains(name))
  }

  /// A mistaken policy setting and the scripts it must make fail, all others passing.
  ///
  /// `ref-429-retry-after-ms` passes when millisecond headers are ignored, because its
  /// 1,000 ms hint equals the 1 s computed backoff.
  struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var policy: [(String, String)]
    var failing: Set<String>

    var testDescription: String { name }
  }

  static let mistakes = [
    Mistake(
      name: "throttle at 96 %", policy: [("throttleThreshold", "0.96")],
      failing: ["ref-proactive-throttle-at-95-percent"]),
    Mistake(
      name: "retry-after-ms ignored", policy: [("retryDelayRule", "\"secondsHeaderOnly\"")],
      failing: [
        "b01-milliseconds-header-wins", "b02-retry-after-ms-alone",
        "b03-delay-decided-before-waiting", "b09-delay-cap-inclusive",
        "b43-hop-keeps-retry-counts", "b46-one-retry-means-two-calls",
      ]),
    Mistake(
      name: "403 retried", policy: [("quotaExhaustionAction", "\"retry\"")],
      failing: [
        "b16-insufficient-quota-429", "b18-quota-403-falls-back", "b20-two-kinds-of-403",
        "ref-403-falls-back-to-dev", "ref-403-not-retried",
      ]),
  ]

  @Test(arguments: mistakes)
  func mistakeFailsItsScripts(mistake: Mistake) throws {
    var failing: Set<String> = []
    for name in ReplayExamples.names() {
      let result = try ReplayExamples.replay(name, policy: mistake.policy)
      if !result.passed { failing.insert(name) }
    }
    #expect(failing == mistake.failing)
  }

  @Test func ignoredMillisecondsNamesFailedExpectation() throws {
    let result = try ReplayExamples.replay(
      "b01-milliseconds-header-wins", policy: [("retryDelayRule", "\"secondsHeaderOnly\"")])
    let failed = result.failedChecks.map {
      "\($0.expectation.path): \($0.actual.rendered(origin: result.start))"
    }
    #expect(
      failed == [
        "expect.attempts.A: [0, 2]", #"expect.attempts["A-capitalized"]: [0, 2]"#,
        #"expect.attempts["A-x-ms"]: [0, 2]"#,
      ])
  }

  @Test func retried403NamesFailedExpectations() throws {
    let result = try ReplayExamples.replay(
      "b18-quota-403-falls-back", policy: [("quotaExhaustionAction", "\"retry\"")])
    let failed = result.failedChecks.map(\.expectation.path)
    #expect(failed.contains("expect.calls.A"))
    #expect(failed.contains("expect.state.A.exhausted"))
  }
}
