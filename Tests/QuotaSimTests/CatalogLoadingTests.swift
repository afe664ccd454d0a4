import Foundation
import Testing

@testable import QuotaSim

@Suite struct CatalogLoadingTests {
  private func decode(_ text: String) throws -> LoadedCatalog {
    let value = try JSONParser().parse(text)
    return try DeploymentCatalog.decode(value, file: "catalog.json")
  }

  /// Returns the rendered issues of decoding `text`, or `[]` when it decodes.
  private func issues(_ text: String) throws -> [String] {
    let value = try JSONParser().parse(text)
    do throws(ConfigError) {
      _ = try DeploymentCatalog.decode(value, file: "catalog.json")
      return []
    } catch {
      return error.issues.map(\.description)
    }
  }

  @Test func shippedCatalogLoads() throws {
    let url = CLIRunner.packageRoot().appendingPathComponent("models/catalog.json")
    let loaded = try DeploymentCatalog.load(contentsOf: url)
    let prod = try #require(loaded.catalog.id(named: "prod"))
    #expect(loaded.catalog.deployments.map(\.name) == ["prod", "dev"])
    #expect(loaded.catalog[prod].tokenQuota == 75_000_000)
    #expect(loaded.catalog[prod].quotaPeriod == .month)
    #expect(loaded.catalog[prod].requestsPerMinute == 2_700)
    #expect(loaded.catalog.routes[prod.index].map(\.index) == [0, 1])
    #expect(loaded.policy.overflow == .deferUpTo(maxWait: .seconds(300)))
  }

  @Test func minimalCatalogTakesDefaults() throws {
    let loaded = try decode(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#)
    let deployment = loaded.catalog.deployments[0]
    #expect(loaded.policy == LimiterPolicy())
    #expect(deployment.tokenQuota == nil)
    #expect(deployment.timeZoneIdentifier == "UTC")
    #expect(deployment.requestsPerMinute == 6)
    #expect(deployment.defaultOutputEstimate == 640)
    #expect(deployment.promptPricePerMillion == 0)
    #expect(loaded.derived == [[.requestsPerMinute, .defaultOutputEstimate, .timeZone]])
    #expect(loaded.notes == [])
  }

  @Test func everyDeploymentFieldDecodes() throws {
    let loaded = try decode(
      """
      {"timeZone": "Europe/Berlin", "deployments": [{
        "name": "a", "model": "o1", "endpoint": "https://a.example/", "weeklyTokenQuota": "1.5M",
        "timeZone": "America/New_York", "tokensPerMinute": "60k", "requestsPerMinute": 12,
        "promptPricePerMillion": 15, "completionPricePerMillion": 60.5,
        "defaultOutputEstimate": "2k", "fallbacks": []
      }]}
      """)
    let expected = Deployment(
      name: "a", model: "o1", endpoint: "https://a.example/", tokenQuota: 1_500_000,
      quotaPeriod: .week, timeZoneIdentifier: "America/New_York", tokensPerMinute: 60_000,
      requestsPerMinute: 12, promptPricePerMillion: 15, completionPricePerMillion: 60.5,
      fallbacks: [], defaultOutputEstimate: 2_000)
    #expect(loaded.catalog.deployments == [expected])
    #expect(loaded.derived == [[]])
  }

  @Test func deploymentInheritsCatalogTimeZone() throws {
    let loaded = try decode(
      #"{"timeZone": "Europe/Berlin", "deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#
    )
    #expect(loaded.catalog.deployments[0].timeZoneIdentifier == "Europe/Berlin")
  }

  @Test func everyPolicyFieldDecodes() throws {
    let loaded = try decode(
      """
      {"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}],
       "policy": {
         "alertThresholds": [0.5, 0.75, 1], "throttleThreshold": 0.9,
         "throttleRule": "estimateWithinThreshold", "maxRetries": 0, "maxFallbacks": 2,
         "maxRetryDelaySeconds": 30, "maxBlockSeconds": 3600, "maxTotalWaitSeconds": 120.5,
         "backoffBaseSeconds": 0.25, "backoffMaxSeconds": 8, "backoffJitter": 0.2, "seed": 42,
         "overflow": "drop", "clientErrorAction": "fallBack", "retriesExhaustedAction": "fail"
       }}
      """)
    var expected = LimiterPolicy()
    expected.alertThresholds = [0.5, 0.75, 1]
    expected.throttleThreshold = 0.9
    expected.throttleRule = .estimateWithinThreshold
    expected.maxRetries = 0
    expected.maxFallbacks = 2
    expected.maxRetryDelay = .seconds(30)
    expected.maxBlock = .seconds(3600)
    expected.maxTotalWait = .milliseconds(120_500)
    expected.backoffBase = .milliseconds(250)
    expected.backoffMax = .seconds(8)
    expected.backoffJitter = 0.2
    expected.seed = 42
    expected.overflow = .drop
    expected.clientErrorAction = .fallBack
    expected.retriesExhaustedAction = .fail
    #expect(loaded.policy == expected)
  }

  @Test func fallbackCycleIsANote() throws {
    let loaded = try decode(
      """
      {"deployments": [
        {"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "fallbacks": ["b"]},
        {"name": "b", "model": "gpt-4o", "tokensPerMinute": 1000, "fallbacks": ["a"]}
      ]}
      """)
    #expect(
      loaded.notes == [
        "fallback cycle a → b → a: valid, because a request visits each deployment at most once"
      ])
  }

  @Test func quotaInLocalZoneIsANote() throws {
    let loaded = try decode(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "monthlyTokenQuota": 5, "timeZone": "Asia/Tokyo"}]}"#
    )
    #expect(
      loaded.notes == [
        "deployment 'a' names its quota periods in Asia/Tokyo, while a gateway quota resets at the UTC boundary"
      ])
  }

  @Test func everyProblemIsReportedInFileOrder() throws {
    let lines = try issues(
      """
      {"deployments": [
        {"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "fallbacks": ["b"]},
        {"name": "b", "model": 7, "tokensPerMinute": -1}
      ], "polic": {}}
      """)
    #expect(
      lines == [
        "catalog.json: deployments[1].model: must be a model name (found 7). Write the model name in double quotes, such as \"gpt-4o\".",
        "catalog.json: deployments[1].tokensPerMinute: must be a positive whole number of tokens per minute (found -1). Set tokensPerMinute to at least 1000.",
        "catalog.json: polic: unknown key (found \"polic\"). Did you mean 'policy'?",
      ])
  }

  @Test func fallbackPathKeepsTheFileIndex() throws {
    let lines = try issues(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "fallbacks": [3, "nope"]}]}"#
    )
    #expect(
      lines == [
        "catalog.json: deployments[0].fallbacks[0]: must be a deployment name (found 3). Write the name of a deployment in double quotes.",
        "catalog.json: deployments[0].fallbacks[1]: unknown fallback deployment 'nope' (found \"nope\"). Use one of: a.",
      ])
  }

  @Test func unnamedDeploymentStaysOutOfFixes() throws {
    let lines = try issues(
      """
      {"deployments": [
        {"model": "gpt-4o", "tokensPerMinute": 1000},
        {"name": "b", "model": "gpt-4o", "tokensPerMinute": 1000, "fallbacks": ["c"]}
      ]}
      """)
    #expect(
      lines == [
        "catalog.json: deployments[0]: missing required key 'name'. Add \"name\" with the deployment's name in Azure.",
        "catalog.json: deployments[1].fallbacks[0]: unknown fallback deployment 'c' (found \"c\"). Use one of: b.",
      ])
  }

  @Test func twoPeriodQuotasAreAnError() throws {
    let lines = try issues(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "monthlyTokenQuota": 5, "hourlyTokenQuota": 1}]}"#
    )
    #expect(
      lines == [
        "catalog.json: deployments[0].hourlyTokenQuota: only one period quota is allowed, but monthlyTokenQuota is also set (found 1). Keep either monthlyTokenQuota or hourlyTokenQuota."
      ])
  }

  @Test func unknownDefaultFallbackIsAnError() throws {
    let lines = try issues(
      #"{"defaultFallback": ["x"], "deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#
    )
    #expect(
      lines == [
        "catalog.json: defaultFallback[0]: unknown fallback deployment 'x' (found \"x\"). Use one of: a."
      ])
  }

  @Test func emptyDeploymentsIsAnError() throws {
    #expect(
      try issues(#"{"deployments": []}"#) == [
        "catalog.json: deployments: the catalog has no deployments (found []). Add at least one deployment."
      ])
  }

  @Test func topLevelMustBeAnObject() throws {
    #expect(
      try issues("[1, 2]") == [
        "catalog.json: top level: must be an object (found [1, 2]). Write the catalog as a JSON object with a \"deployments\" array."
      ])
  }

  @Test func misspelledTimeZoneGetsSuggestion() throws {
    let lines = try issues(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000, "timeZone": "Europe/Berlim"}]}"#
    )
    #expect(
      lines == [
        "catalog.json: deployments[0].timeZone: unknown time zone (found \"Europe/Berlim\"). Did you mean 'Europe/Berlin'?"
      ])
  }

  @Test func policyProblemsAreReported() throws {
    let lines = try issues(
      """
      {"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}],
       "policy": {"alertThresholds": [0.9, 0.8], "throttleThreshold": 95, "backoffJitter": 2,
                  "backoffBaseSeconds": 100, "overflow": {"defer": {"maxWait": 5}}}}
      """)
    #expect(
      lines == [
        "catalog.json: policy.alertThresholds[1]: alert thresholds must be in ascending order without repeats, but the one before is 0.9 (found 0.8). List the thresholds from lowest to highest, such as [0.8, 0.9].",
        "catalog.json: policy.throttleThreshold: must be a fraction of the quota greater than 0 and at most 1 (found 95). Write 95 % as the fraction 0.95.",
        "catalog.json: policy.backoffJitter: must be a fraction from 0 to 1 (found 2). Set backoffJitter to 0 for exact waits, or to a fraction such as 0.2 for ±20 %.",
        "catalog.json: policy.backoffBaseSeconds: must not exceed backoffMaxSeconds, which is 60 s (found 100). Lower backoffBaseSeconds or raise backoffMaxSeconds.",
        "catalog.json: policy.overflow.defer: missing required key 'maxWaitSeconds'. Add \"maxWaitSeconds\" with the longest deferral in seconds.",
        "catalog.json: policy.overflow.defer.maxWait: unknown key (found \"maxWait\"). Did you mean 'maxWaitSeconds'?",
      ])
  }

  @Test func backoffMaxBelowDefaultBaseIsReported() throws {
    let lines = try issues(
      #"{"deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"backoffMaxSeconds": 0.5}}"#
    )
    #expect(
      lines == [
        "catalog.json: policy.backoffMaxSeconds: must be at least backoffBaseSeconds, which is 1 s (found 0.5). Raise backoffMaxSeconds or lower backoffBaseSeconds."
      ])
  }

  @Test func pathLikeTimeZoneIsRejected() throws {
    let lines = try issues(
      #"{"timeZone": "../../etc/passwd", "deployments": [{"name": "a", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#
    )
    #expect(
      lines == [
        #"catalog.json: timeZone: unknown time zone (found "../../etc/passwd"). Use an IANA time zone name such as "UTC" or "Europe/Berlin"."#
      ])
  }

  @Test func missingFileIsReported() {
    let url = URL(fileURLWithPath: "/nonexistent/quotasim/catalog.json")
    do throws(ConfigError) {
      _ = try DeploymentCatalog.load(contentsOf: url)
      Issue.record("a missing file loaded")
    } catch {
      #expect(
        error.issues.map(\.description) == [
          "/nonexistent/quotasim/catalog.json: file not found. Check the path."
        ])
    }
  }

  @Test func summaryListsDeploymentsPolicyAndNotes() throws {
    let loaded = try decode(
      """
      {"deployments": [
        {"name": "prod", "model": "gpt-4o", "monthlyTokenQuota": "75M", "tokensPerMinute": 450000,
         "promptPricePerMillion": 2.5, "completionPricePerMillion": 10, "fallbacks": ["dev"]},
        {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 1000, "requestsPerMinute": 5,
         "defaultOutputEstimate": 100, "fallbacks": ["prod"]}
      ], "policy": {"maxFallbacks": 1, "overflow": {"defer": {"maxWaitSeconds": 2.5}}}}
      """)
    #expect(
      loaded.summary() == """
        catalog.json: valid deployment catalog with 2 deployments.

        Deployments:
          prod
            model                gpt-4o
            tokens per minute    450,000
            requests per minute  2,700 (derived: 6 per 1,000 tokens per minute)
            quota                75,000,000 tokens per month, periods named in UTC
            prices               $2.50 prompt, $10.00 completion per million tokens
            output estimate      640 tokens (model default)
            route                prod → dev
          dev
            model                gpt-4o
            tokens per minute    1,000
            requests per minute  5
            quota                none
            prices               none given, so costs report as $0.00
            output estimate      100 tokens
            route                dev → prod

        Policy:
          alerts           80 %, 90 % of the quota
          throttle         95 % of the quota (reservedBelowThreshold)
          retries          3 per request and deployment
          max retry delay  60 s
          max block        86,400 s
          max total wait   600 s per request
          backoff          1 s doubling to 60 s, jitter ±0 %, seed 0
          fallbacks        at most 1 hop per request
          overflow         defer up to 2.5 s
          client errors    fail
          retries used up  fallBack

        Notes:
          fallback cycle prod → dev → prod: valid, because a request visits each deployment at most once

        """)
  }
}
