import Foundation
import Testing

@testable import QuotaSim

/// Retry-delay cases from real client bug reports: which header wins, when the delay is
/// decided, and how invalid, zero, capped and date-valued hints behave.
@Suite struct LimiterCaseRetryTests {
  /// Returns the offsets in seconds of every call to A for a 429 with `headers`, then a 200.
  static func retryOffsets(
    _ headers: [String: String], policy: LimiterPolicy = LimiterPolicy(),
    start: String = "2025-03-10T09:00:00Z"
  ) -> [Double] {
    let driver = ScriptedDriver(catalog: catalog(), policy: policy, start: start) { _, call, _ in
      call == 0 ? response(429, headers) : success(totalTokens: 10)
    }
    let origin = driver.clock.now
    _ = driver.run()
    return driver.callOffsets("A", from: origin)
  }

  @Test(arguments: [
    ["retry-after-ms": "1500", "retry-after": "2"],
    ["Retry-After-Ms": "1500", "Retry-After": "2"],
    ["x-ms-retry-after-ms": "1500", "retry-after": "2"],
  ])
  func millisecondsHeaderWinsOverSeconds(headers: [String: String]) {
    #expect(Self.retryOffsets(headers) == [0, 1.5])
  }

  @Test func retryAfterMsAloneIsExact() {
    let driver = ScriptedDriver(catalog: catalog()) { _, call, _ in
      call == 0 ? response(429, ["retry-after-ms": "750"]) : success(totalTokens: 900)
    }
    let origin = driver.clock.now
    let (outcome, request) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 0.75])
    #expect(outcome == .completed(TokenUsage(completionTokens: 900, totalTokens: 900)))
    #expect(driver.tracker.usage(of: DeploymentID(0)).totalTokens == 900)
    #expect(request.retries == 1)
  }

  @Test func delayUnderCapDecidedBeforeWaiting() {
    var policy = LimiterPolicy()
    policy.maxRetries = 3
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, call, _ in
      call == 0 ? response(429, ["retry-after-ms": "8000"]) : success(totalTokens: 1_200)
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 8])
    #expect(outcome == .completed(TokenUsage(completionTokens: 1_200, totalTokens: 1_200)))
  }

  @Test func delayOverCapFallsBackWithoutWaiting() {
    let driver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, _, _ in
      name == "A" ? response(429, ["retry-after-ms": "61000"]) : success(totalTokens: 5)
    }
    let origin = driver.clock.now
    let (outcome, _) = driver.run()
    #expect(
      driver.calls == [
        CallRecord(at: origin, deployment: "A"), CallRecord(at: origin, deployment: "B"),
      ])
    #expect(outcome == .completed(TokenUsage(completionTokens: 5, totalTokens: 5)))
  }

  @Test func repeatedRetryAfterIsNeverShortened() {
    var policy = LimiterPolicy()
    policy.maxRetries = 5
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, call, _ in
      call < 3 ? response(429, ["retry-after": "6"]) : success(totalTokens: 300)
    }
    let origin = driver.clock.now
    let (outcome, request) = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 6, 12, 18])
    #expect(request.waitedMicroseconds == 18_000_000)
    #expect(outcome == .completed(TokenUsage(completionTokens: 300, totalTokens: 300)))
  }

  @Test(arguments: [
    ("3", 3.0), ("-3", 1.0), ("+3", 1.0), ("1.5", 1.5), (" 5 ", 5.0), ("0x1p3", 1.0),
    ("inf", 1.0), ("nan", 1.0), ("1e400", 1.0), ("-1", 1.0),
  ])
  func retryAfterValueOrComputedBackoff(value: String, expectedSeconds: Double) {
    #expect(Self.retryOffsets(["retry-after": value]) == [0, expectedSeconds])
  }

  @Test func invalidMillisecondsHeaderSkipped() {
    #expect(Self.retryOffsets(["retry-after-ms": "-500", "retry-after": "2"]) == [0, 2])
  }

  @Test func overCapHintBlocksAndFallsBackAtOnce() {
    let driver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, _, _ in
      name == "A" ? response(429, ["retry-after": "600"]) : success(totalTokens: 5)
    }
    let origin = driver.clock.now
    _ = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0])
    #expect(driver.callOffsets("B", from: origin) == [0])
    #expect(
      driver.tracker.status(of: DeploymentID(0)).blockedUntil == origin.advanced(by: .seconds(600)))
  }

  @Test(arguments: [
    (["retry-after": "60"], 60.0), (["retry-after-ms": "60000"], 60.0), (["retry-after": "0"], 0.0),
  ])
  func hintAtOrUnderCapRetriesSameDeployment(headers: [String: String], seconds: Double) {
    let driver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, call, _ in
      call == 0 && name == "A" ? response(429, headers) : success(totalTokens: 5)
    }
    let origin = driver.clock.now
    _ = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, seconds])
    #expect(driver.callCount("B") == 0)
  }

  @Test func dayLongHintBlocksUntilNextDay() {
    let driver = ScriptedDriver(catalog: catalog(["A", "B"], fallbacks: ["A": ["B"]])) {
      name, _, _ in
      name == "A"
        ? response(
          429, ["retry-after": "86400"],
          body: #"{"error":{"code":"429","message":"Please retry after 86400 seconds."}}"#)
        : success(totalTokens: 5)
    }
    let (first, _) = driver.run(id: 1)
    #expect(first == .completed(TokenUsage(completionTokens: 5, totalTokens: 5)))
    #expect(
      driver.calls == [
        CallRecord(at: .at("2025-03-10T09:00:00Z"), deployment: "A"),
        CallRecord(at: .at("2025-03-10T09:00:00Z"), deployment: "B"),
      ])
    #expect(driver.tracker.status(of: DeploymentID(0)).blockedUntil == .at("2025-03-11T09:00:00Z"))

    driver.clock.set(to: "2025-03-11T08:59:59Z")
    _ = driver.run(id: 2)
    #expect(driver.callCount("A") == 1)

    driver.clock.set(to: "2025-03-11T09:00:00Z")
    _ = driver.run(id: 3)
    #expect(driver.callCount("A") == 2)
  }

  @Test(arguments: [
    ("Thu, 13 Aug 2026 15:37:13 GMT", 13.0), ("Thu, 13 Aug 2026 15:36:00 GMT", 0.0),
    ("Thursday, 32 Aug 2026 15:37:13 GMT", 1.0),
  ])
  func httpDateMeasuredAgainstInjectedClock(value: String, seconds: Double) {
    let offsets = Self.retryOffsets(["retry-after": value], start: "2026-08-13T15:37:00Z")
    #expect(offsets == [0, seconds])
  }

  @Test func transient408RetriedOnceInLongRun() {
    let driver = ScriptedDriver(catalog: catalog()) { _, call, _ in
      call == 47 ? response(408) : success(totalTokens: 50)
    }
    var completed = 0
    for id in 1...256 {
      if case .completed = driver.run(id: UInt64(id)).outcome { completed += 1 }
    }
    #expect(completed == 256)
    #expect(driver.callCount("A") == 257)
  }

  @Test func transient408FailureNamesStatus() {
    var policy = LimiterPolicy()
    policy.maxRetries = 0
    let driver = ScriptedDriver(catalog: catalog(), policy: policy) { _, _, _ in response(408) }
    let (outcome, _) = driver.run()
    #expect(outcome == .failed(.httpStatus(408, deployment: "A")))
    if case .failed(let reason) = outcome { #expect(reason.description == "HTTP 408 from A") }
  }

  @Test(arguments: [408, 429, 500, 502, 503, 504])
  func transientStatusRetried(status: Int) {
    let driver = ScriptedDriver(catalog: catalog()) { _, call, _ in
      call == 0 ? response(status) : success(totalTokens: 1)
    }
    let origin = driver.clock.now
    _ = driver.run()
    #expect(driver.callOffsets("A", from: origin) == [0, 1])
  }

  @Test(arguments: [400, 401, 404, 409, 413, 422])
  func otherClientErrorsNotRetried(status: Int) {
    let driver = ScriptedDriver(catalog: catalog()) { _, _, _ in response(status) }
    let (outcome, _) = driver.run()
    #expect(outcome == .failed(.clientError(status: status, code: nil, deployment: "A")))
    #expect(driver.callCount("A") == 1)
  }
}
