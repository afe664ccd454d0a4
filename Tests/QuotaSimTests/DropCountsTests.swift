import Testing

@testable import QuotaSim

@Suite struct DropCountsTests {
  @Test func countsByReasonCode() {
    var drops = DropCounts()
    drops.add(.retriesExhausted(deployment: "dev"))
    drops.add(.retriesExhausted(deployment: "prod"))
    drops.add(.noDeploymentAvailable)
    drops.add(.httpStatus(503, deployment: "dev"))
    #expect(drops.byCode == ["retries_exhausted": 2, "no_deployment": 1, "http_status": 1])
  }

  @Test func noDropsGiveEmptyDictionary() {
    #expect(DropCounts().byCode.isEmpty)
  }

  @Test(arguments: [
    FailureReason.noDeploymentAvailable, .neverAdmissible(deployment: "a"),
    .retriesExhausted(deployment: "a"), .upstreamUnavailable(deployment: "a"),
    .httpStatus(500, deployment: "a"), .clientError(status: 400, code: nil, deployment: "a"),
    .quotaExhausted(deployment: "a"), .accessDenied(deployment: "a"), .waitLimitExceeded,
    .cancelled,
  ])
  func everyReasonCountsUnderItsCode(reason: FailureReason) {
    var drops = DropCounts()
    drops.add(reason)
    #expect(drops.byCode == [reason.code: 1])
  }
}
