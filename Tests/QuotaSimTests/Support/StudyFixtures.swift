import Foundation

@testable import QuotaSim

/// Small scenario files for replication, sweep and plan tests.
enum StudyFixtures {
  /// Two days of Poisson chat traffic against a gateway deployment that falls back to a
  /// smaller one; quotas small enough that throttles start and fallbacks happen.
  static let chatModel = """
    {
      "name": "study-chat",
      "start": "2026-01-01T00:00:00Z",
      "horizonDays": 2,
      "seed": 3,
      "deployments": [
        {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 20000, "monthlyTokenQuota": "300k",
         "promptPricePerMillion": 2.5, "completionPricePerMillion": 10, "fallbacks": ["dev"],
         "azure": {"profile": "gateway", "serviceTime": {"spread": 0.2}}},
        {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 10000, "monthlyTokenQuota": "100k",
         "promptPricePerMillion": 2.5, "completionPricePerMillion": 10,
         "azure": {"profile": "gateway"}}
      ],
      "policy": {"throttleThreshold": 0.95},
      "workloads": [
        {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerMinute": 0.5,
         "promptTokens": {"logNormal": {"mu": 5, "sigma": 0.5}},
         "completionTokens": {"logNormal": {"mu": 4, "sigma": 0.5}}, "maxTokens": 200}
      ],
      "sweep": {"policy.throttleThreshold": [0.8, 0.95]}
    }
    """

  /// Two daily scans of 500 prompts of exactly 100 prompt and 50 completion tokens, sent one
  /// at a time: 150,000 tokens in all, with no randomness.
  static func deterministicScans(quota: String, throttle: Double) -> String {
    """
    {
      "name": "deterministic-scans",
      "start": "2026-01-01T00:00:00Z",
      "horizonDays": 2,
      "deployments": [
        {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 1000000,
         "monthlyTokenQuota": "\(quota)", "promptPricePerMillion": 2, "completionPricePerMillion": 8,
         "azure": {"profile": "gateway"}}
      ],
      "policy": {"throttleThreshold": \(throttle)},
      "workloads": [
        {"name": "scan", "deployment": "prod", "kind": "batch", "scanTimes": ["00:00"],
         "promptsPerScan": 500, "workers": 1, "promptTokens": {"fixed": 100},
         "completionTokens": {"fixed": 50}, "maxTokens": 50}
      ]
    }
    """
  }

  /// One scan of 10 prompts sent at once by 10 workers, each counted as 1,000 tokens by
  /// Azure's TPM window, with no retries: every request is served only when the TPM admits
  /// all 10 in the same minute.
  static let burstModel = """
    {
      "name": "burst",
      "start": "2026-01-01T00:00:00Z",
      "horizonDays": 1,
      "deployments": [
        {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 5000}
      ],
      "policy": {"maxRetries": 0},
      "workloads": [
        {"name": "scan", "deployment": "prod", "kind": "batch", "scanTimes": ["00:00"],
         "promptsPerScan": 10, "workers": 10, "promptTokens": {"fixed": 500},
         "completionTokens": {"fixed": 500}, "maxTokens": 500}
      ]
    }
    """

  /// Writes `text` as `name` in `directory` and loads it as a scenario document.
  static func document(
    _ text: String, name: String = "model.json", in directory: TemporaryDirectory
  )
    throws -> ScenarioDocument
  {
    try ScenarioDocument.load(contentsOf: directory.write(text, to: name))
  }
}
