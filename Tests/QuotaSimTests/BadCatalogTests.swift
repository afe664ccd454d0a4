import Foundation
import Testing

@testable import QuotaSim

/// One invalid catalog and the single error line it must produce.
struct BadCatalog: Sendable, CustomTestStringConvertible {
  /// A short name of the mistake.
  var name: String
  /// The catalog text.
  var text: String
  /// The error line, for a file named `catalog.json`.
  var expected: String

  var testDescription: String { name }
}

@Suite struct BadCatalogTests {
  private static let valid = #""name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000"#

  static let cases: [BadCatalog] = [
    BadCatalog(
      name: "invalid JSON",
      text: "{\n  \"deployments\": [\n    {\"name\": \"prod\" \"model\": \"gpt-4o\"}\n  ]\n}",
      expected:
        "catalog.json:3:21: invalid JSON: expected ',' or '}' after object member but found '\"'. Separate object members with ',' or close the object with '}'."
    ),
    BadCatalog(
      name: "unknown key",
      text: #"{"deployments": [{\#(valid), "requestPerMinute": 2700}]}"#,
      expected:
        #"catalog.json: deployments[0].requestPerMinute: unknown key (found "requestPerMinute"). Did you mean 'requestsPerMinute'?"#
    ),
    BadCatalog(
      name: "wrong type",
      text: #"{"deployments": [{\#(valid), "fallbacks": "dev"}]}"#,
      expected:
        #"catalog.json: deployments[0].fallbacks: must be an array of deployment names (found "dev"). Write the names in an array, such as ["dev"]."#
    ),
    BadCatalog(
      name: "negative quota",
      text: #"{"deployments": [{\#(valid), "monthlyTokenQuota": -120000}]}"#,
      expected:
        "catalog.json: deployments[0].monthlyTokenQuota: must be a positive whole number of tokens per month (found -120000). Set monthlyTokenQuota to at least 1 token, or remove it for no period quota."
    ),
    BadCatalog(
      name: "zero quota",
      text: #"{"deployments": [{\#(valid), "dailyTokenQuota": 0}]}"#,
      expected:
        "catalog.json: deployments[0].dailyTokenQuota: must be a positive whole number of tokens per day (found 0). Set dailyTokenQuota to at least 1 token, or remove it for no period quota."
    ),
    BadCatalog(
      name: "zero TPM",
      text: #"{"deployments": [{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 0}]}"#,
      expected:
        "catalog.json: deployments[0].tokensPerMinute: must be a positive whole number of tokens per minute (found 0). Set tokensPerMinute to at least 1000."
    ),
    BadCatalog(
      name: "unknown fallback",
      text: """
        {"deployments": [
          {\(valid), "fallbacks": ["dev", "stage"]},
          {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 50000}
        ]}
        """,
      expected:
        #"catalog.json: deployments[0].fallbacks[1]: unknown fallback deployment 'stage' (found "stage"). Use one of: prod, dev."#
    ),
    BadCatalog(
      name: "self fallback",
      text: #"{"deployments": [{\#(valid), "fallbacks": ["prod"]}]}"#,
      expected:
        #"catalog.json: deployments[0].fallbacks[0]: deployment 'prod' lists itself as a fallback (found "prod"). Remove 'prod' from its own fallbacks."#
    ),
    BadCatalog(
      name: "duplicate name",
      text:
        #"{"deployments": [{\#(valid)}, {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 1000}, {\#(valid)}]}"#,
      expected:
        #"catalog.json: deployments[2].name: duplicate deployment name 'prod' (found "prod"). Give every deployment a unique name."#
    ),
    BadCatalog(
      name: "unknown time zone",
      text: #"{"timeZone": "Mars/Olympus", "deployments": [{\#(valid)}]}"#,
      expected:
        #"catalog.json: timeZone: unknown time zone (found "Mars/Olympus"). Use an IANA time zone name such as "UTC" or "Europe/Berlin"."#
    ),
    BadCatalog(
      name: "maxRetries -1",
      text: #"{"deployments": [{\#(valid)}], "policy": {"maxRetries": -1}}"#,
      expected:
        "catalog.json: policy.maxRetries: must be a whole number of retries from 0 to 100 (found -1). Set maxRetries to 0 for no retries, or to a count up to 100 such as 3."
    ),
  ]

  @Test(arguments: cases)
  func loadReportsOneIssue(_ bad: BadCatalog) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(bad.text, to: "catalog.json")
    let url = URL(fileURLWithPath: "catalog.json", relativeTo: directory.url)

    do throws(ConfigError) {
      _ = try DeploymentCatalog.load(contentsOf: url)
      Issue.record("the catalog loaded without an error")
    } catch {
      #expect(error.issues.map(\.description) == [bad.expected])
    }
  }

  @Test(arguments: cases)
  func validateBinaryExitsWithUsageStatus(_ bad: BadCatalog) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(bad.text, to: "catalog.json")

    let result = try CLIRunner.run(["validate", "catalog.json"], in: directory.url)
    #expect(result.status == 64)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError
        == "Error: \(bad.expected)\nUsage: quotasim validate FILE\nSee 'quotasim --help'.\n")
  }
}
