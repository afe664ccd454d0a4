import Foundation
import Testing

@testable import QuotaSim

@Suite struct ScenarioSummaryTests {
  static let scenarioText = """
    {
      "name": "demo",
      "start": "2026-01-01T00:00:00Z",
      "horizonDays": 1.5,
      "seed": 7,
      "deployments": [
        {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000,
         "monthlyTokenQuota": "200M", "fallbacks": ["dev"],
         "azure": {"profile": "gateway", "tokenRefusalsUseRequestWindow": true,
                   "serviceTime": {"timeToFirstTokenSeconds": 0.5, "tokensPerSecond": 80,
                                   "spread": 0.25}}},
        {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 50000, "requestsPerMinute": 100}
      ],
      "workloads": [
        {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerHour": 90,
         "monthlyGrowth": 0.1, "promptTokens": {"normal": {"mean": 500, "standardDeviation": 100}, "rounding": "up"},
         "completionTokens": {"logNormal": {"mu": 5.019, "sigma": 0.859}}},
        {"name": "scan", "deployment": "dev", "kind": "batch", "scanTimes": ["02:00", "14:30:15"],
         "scanDays": ["mon", "wed", "fri"], "promptsPerScan": 700, "workers": 1,
         "promptTokens": {"empirical": [[10, 100, 1], [100, 400, 1]]},
         "completionTokens": {"fixed": 150}, "maxTokens": 150, "n": 2}
      ]
    }
    """

  static let expectedSummary = """
    scenario.json: valid scenario 'demo' with 2 deployments and 2 workloads.

    Simulation:
      start      2026-01-01T00:00:00Z
      end        2026-01-02T12:00:00Z (1.5 days)
      time zone  UTC
      seed       7

    Deployments:
      prod
        model                gpt-4o
        tokens per minute    450,000
        requests per minute  2,700 (derived: 6 per 1,000 tokens per minute)
        quota                200,000,000 tokens per month, periods named in UTC
        prices               none given, so costs report as $0.00
        output estimate      640 tokens (model default)
        route                prod → dev
        azure profile        gateway: 200,000,000 tokens per month (UTC periods), no background usage
        admission estimate   prompt + max_tokens × n, with max_tokens 640 when unset
        429 retry headers    retry-after and retry-after-ms
        token refusals       also take a slot in the request window
        service time         0.5 s to the first token, then 80 tokens per second, spread 25 %
      dev
        model                gpt-4o
        tokens per minute    50,000
        requests per minute  100
        quota                none
        prices               none given, so costs report as $0.00
        output estimate      640 tokens (model default)
        route                dev
        azure profile        standard: tokens and requests per minute only
        admission estimate   prompt + max_tokens × n, with max_tokens 640 when unset
        429 retry headers    retry-after and retry-after-ms
        service time         0.6 s to the first token, then 60 tokens per second, spread 0 %

    Workloads:
      chat: poisson to prod, 0.025 requests per second (10 % growth a month); prompt tokens normal(mean 500, standard deviation 100) rounded up, completion tokens logNormal(mu 5.019, sigma 0.859), max_tokens unset; about 2,160 requests per day at the start
      scan: batch to dev, 700 prompts at 02:00, 14:30:15 on mon, wed, fri by 1 worker; prompt tokens empirical(2 bins from 10 to 399), completion tokens 150, max_tokens 150, n 2; 600 requests per day on average

    Policy:
      alerts           80 %, 90 % of the quota
      throttle         95 % of the quota (reservedBelowThreshold)
      retries          3 per request and deployment
      max retry delay  60 s
      max block        86,400 s
      max total wait   600 s per request
      backoff          1 s doubling to 60 s, jitter ±0 %, seed 0
      fallbacks        as many hops as the route has
      overflow         drop
      client errors    fail
      retries used up  fallBack

    """

  @Test func summaryListsSpanLimitsAndWorkloads() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(Self.scenarioText, to: "scenario.json")

    let result = try CLIRunner.run(["validate", "scenario.json"], in: directory.url)
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(result.standardOutput == Self.expectedSummary)
  }

  @Test func monthHorizonIsNamedInSummary() throws {
    let loaded = try ScenarioLoadingTests.decode(BadScenarioTests.scenario())
    #expect(
      loaded.summary().contains("end        2026-02-01T00:00:00Z (1 calendar month, 31 days)"))
  }
}
