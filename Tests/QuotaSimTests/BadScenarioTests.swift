import Foundation
import Testing

@testable import QuotaSim

/// One invalid scenario and the single error line it must produce.
struct BadScenario: Sendable, CustomTestStringConvertible {
  /// A short name of the mistake.
  var name: String
  /// The scenario text.
  var text: String
  /// The error line, for a file named `scenario.json`.
  var expected: String

  var testDescription: String { name }
}

@Suite struct BadScenarioTests {
  private static let start = #""start": "2026-01-01T00:00:00Z""#
  private static let prod = #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000}"#
  private static let poisson = #""kind": "poisson", "ratePerMinute": 30"#
  private static let fixedSizes =
    #""promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}"#

  /// Returns a scenario whose parts are valid unless a test replaces them.
  static func scenario(
    top: String = start + #", "horizonMonths": 1"#, deployments: String = prod,
    workloads: String = workload()
  ) -> String {
    #"{\#(top), "deployments": [\#(deployments)], "workloads": [\#(workloads)]}"#
  }

  /// Returns a workload object aimed at `deployment`, which is `prod` by default.
  static func workload(
    _ fields: String = poisson, sizes: String = fixedSizes, name: String = "chat",
    deployment: String = "prod"
  ) -> String {
    #"{"name": "\#(name)", "deployment": "\#(deployment)", \#(fields), \#(sizes)}"#
  }

  static let cases: [BadScenario] = [
    BadScenario(
      name: "unknown rounding",
      text: scenario(
        workloads: workload(
          sizes: #""promptTokens": {"logNormal": {"mu": 6, "sigma": 0.5}, "rounding": "ceil"}, "#
            + #""completionTokens": {"fixed": 200}"#)),
      expected:
        #"scenario.json: workloads[0].promptTokens.rounding: must be one of 'nearest', 'up', 'down' (found "ceil"). Use one of 'nearest', 'up', 'down'."#
    ),
    BadScenario(
      name: "rounding of a fixed size",
      text: scenario(
        workloads: workload(
          sizes: #""promptTokens": {"fixed": 500, "rounding": "up"}, "#
            + #""completionTokens": {"fixed": 200}"#)),
      expected:
        #"scenario.json: workloads[0].promptTokens.rounding: applies only to the continuous distributions normal, logNormal and gamma, not to fixed (found "up"). Remove "rounding"."#
    ),
    BadScenario(
      name: "missing start",
      text: scenario(top: #""horizonMonths": 1"#),
      expected:
        #"scenario.json: top level: missing required key 'start'. Add "start", such as "2026-01-01T00:00:00Z"."#
    ),
    BadScenario(
      name: "start without zone",
      text: scenario(top: #""start": "2026-01-01T00:00:00", "horizonMonths": 1"#),
      expected:
        #"scenario.json: start: must be an ISO 8601 instant with a time zone (found "2026-01-01T00:00:00"). Write the first simulated instant such as "2026-01-01T00:00:00Z"."#
    ),
    BadScenario(
      name: "start before 1970",
      text: scenario(top: #""start": "0001-01-01T00:00:00Z", "horizonMonths": 1"#),
      expected:
        #"scenario.json: start: must be an instant from 1970 through 9999 (found "0001-01-01T00:00:00Z"). Write the first simulated instant such as "2026-01-01T00:00:00Z"."#
    ),
    BadScenario(
      name: "two horizons",
      text: scenario(top: start + #", "horizonMonths": 1, "horizonDays": 30"#),
      expected:
        "scenario.json: horizonDays: only one of 'horizonMonths', 'horizonDays', 'end' is allowed, but horizonMonths is also set (found 30). Keep either horizonMonths or horizonDays."
    ),
    BadScenario(
      name: "zero horizon in days",
      text: scenario(top: start + #", "horizonDays": 0"#),
      expected:
        "scenario.json: horizonDays: must be a positive number of days, at most 36525 (found 0). Set horizonDays above 0 and at most 36525, which is 100 years."
    ),
    BadScenario(
      name: "zero horizon in months",
      text: scenario(top: start + #", "horizonMonths": 0"#),
      expected:
        "scenario.json: horizonMonths: must be a positive whole number of calendar months, at most 1200 (found 0). Set horizonMonths from 1 to 1200, which is 100 years."
    ),
    BadScenario(
      name: "horizon beyond 100 years",
      text: scenario(top: start + #", "horizonMonths": 1201"#),
      expected:
        "scenario.json: horizonMonths: must be a positive whole number of calendar months, at most 1200 (found 1201). Set horizonMonths from 1 to 1200, which is 100 years."
    ),
    BadScenario(
      name: "end before start",
      text: scenario(top: start + #", "end": "2025-12-31T00:00:00Z""#),
      expected:
        #"scenario.json: end: must be after start, which is 2026-01-01T00:00:00Z (found "2025-12-31T00:00:00Z"). Set end to a later instant, or set start earlier."#
    ),
    BadScenario(
      name: "unknown workload kind",
      text: scenario(workloads: workload(#""kind": "poison""#)),
      expected:
        #"scenario.json: workloads[0].kind: must be one of 'poisson', 'batch', 'trace' (found "poison"). Did you mean 'poisson'?"#
    ),
    BadScenario(
      name: "unknown deployment in workload",
      text: scenario(workloads: workload(deployment: "prdo")),
      expected:
        #"scenario.json: workloads[0].deployment: unknown deployment 'prdo' (found "prdo"). Did you mean 'prod'?"#
    ),
    BadScenario(
      name: "hour-of-day profile with 23 entries",
      text: scenario(
        workloads: workload(
          poisson + #", "hourOfDayProfile": ["#
            + Array(repeating: "1", count: 23).joined(separator: ", ") + "]")),
      expected:
        "scenario.json: workloads[0].hourOfDayProfile: must be an array of 24 non-negative factors, one per hour of the day, from midnight (found [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1…). List 24 factors instead of 23."
    ),
    BadScenario(
      name: "day-of-week profile all zero",
      text: scenario(
        workloads: workload(poisson + #", "dayOfWeekProfile": [0, 0, 0, 0, 0, 0, 0]"#)),
      expected:
        "scenario.json: workloads[0].dayOfWeekProfile: the factors are all 0, so no request would arrive (found [0, 0, 0, 0, 0, 0, 0]). Give at least one factor a positive value, or set the rate to 0."
    ),
    BadScenario(
      name: "empirical weights overflow",
      text: scenario(
        workloads: workload(
          sizes: #""promptTokens": {"empirical": [[0, 10, 1e308], [10, 20, 1e308]]}, "#
            + #""completionTokens": {"fixed": 200}"#)),
      expected:
        "scenario.json: workloads[0].promptTokens.empirical: the weights add up to more than the largest finite number (found [[0, 10, 1e308], [10, 20, 1e308]]). Use smaller weights, such as the counts or fractions of each bin."
    ),
    BadScenario(
      name: "negative rate",
      text: scenario(workloads: workload(#""kind": "poisson", "ratePerHour": -5"#)),
      expected:
        "scenario.json: workloads[0].ratePerHour: must be a non-negative number of requests per hour (found -5). Set ratePerHour to 0 or more."
    ),
    BadScenario(
      name: "no rate",
      text: scenario(workloads: workload(#""kind": "poisson""#)),
      expected:
        #"scenario.json: workloads[0]: missing required key: one of 'ratePerSecond', 'ratePerMinute', 'ratePerHour', 'ratePerDay'. Add a rate, such as "ratePerMinute": 30."#
    ),
    BadScenario(
      name: "growth of -100 %",
      text: scenario(workloads: workload(poisson + #", "monthlyGrowth": -1"#)),
      expected:
        "scenario.json: workloads[0].monthlyGrowth: must be a fraction greater than -1 (found -1). Write the growth per month as a fraction, such as 0.1 for 10 % more traffic a month."
    ),
    BadScenario(
      name: "scan time 25:00",
      text: scenario(
        workloads: workload(
          #""kind": "batch", "scanTimes": ["25:00"], "promptsPerScan": 100, "workers": 4"#)),
      expected:
        #"scenario.json: workloads[0].scanTimes[0]: must be a local time of day "HH:MM" or "HH:MM:SS" from 00:00 to 23:59:59 (found "25:00"). Write the time on a 24-hour clock with two digits per part, such as "02:00"."#
    ),
    BadScenario(
      name: "scan day written in full",
      text: scenario(
        workloads: workload(
          #""kind": "batch", "scanTimes": ["02:00"], "scanDays": ["mon", "sunday"], "#
            + #""promptsPerScan": 100, "workers": 4"#)),
      expected:
        #"scenario.json: workloads[0].scanDays[1]: must be one of 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' (found "sunday"). Did you mean 'sun'?"#
    ),
    BadScenario(
      name: "batch key in a poisson workload",
      text: scenario(workloads: workload(poisson + #", "workers": 4"#)),
      expected:
        #"scenario.json: workloads[0].workers: applies only to batch workloads (found 4). Remove workers, or set "kind": "batch"."#
    ),
    BadScenario(
      name: "empirical weights all zero",
      text: scenario(
        workloads: workload(
          sizes: #""promptTokens": {"empirical": [[0, 100, 0], [100, 500, 0]]}, "#
            + #""completionTokens": {"fixed": 200}"#)),
      expected:
        "scenario.json: workloads[0].promptTokens.empirical: the weights are all 0 (found [[0, 100, 0], [100, 500, 0]]). Give at least one bin a positive weight."
    ),
    BadScenario(
      name: "empirical bin upper below lower",
      text: scenario(
        workloads: workload(
          sizes:
            #""promptTokens": {"empirical": [[100, 50, 1]]}, "completionTokens": {"fixed": 200}"#
        )),
      expected:
        "scenario.json: workloads[0].promptTokens.empirical[0][1]: must be greater than the bin's lower bound, 100 (found 50). Make the upper bound greater than the lower, because a bin holds the sizes from lower to upper − 1."
    ),
    BadScenario(
      name: "log-normal sigma 0",
      text: scenario(
        workloads: workload(
          sizes: #""promptTokens": {"fixed": 500}, "#
            + #""completionTokens": {"logNormal": {"mu": 5, "sigma": 0}}"#)),
      expected:
        #"scenario.json: workloads[0].completionTokens.logNormal.sigma: must be a positive number (found 0). Set sigma above 0, such as 1.0, or use "fixed" for a constant size."#
    ),
    BadScenario(
      name: "unknown key with suggestion",
      text: scenario(workloads: workload(poisson + #", "maxToken": 800"#)),
      expected:
        #"scenario.json: workloads[0].maxToken: unknown key (found "maxToken"). Did you mean 'maxTokens'?"#
    ),
    BadScenario(
      name: "maxTokens 0",
      text: scenario(workloads: workload(poisson + #", "maxTokens": 0"#)),
      expected:
        "scenario.json: workloads[0].maxTokens: must be a positive whole number of tokens (found 0). Set maxTokens to at least 1, or remove it to leave max_tokens unset."
    ),
    BadScenario(
      name: "n 129",
      text: scenario(workloads: workload(poisson + #", "n": 129"#)),
      expected:
        "scenario.json: workloads[0].n: must be a whole number of completions from 1 to 128 (found 129). Set n to 1 unless each request asks for several completions."
    ),
    BadScenario(
      name: "trace workload with completionTokens",
      text: scenario(
        workloads: workload(
          #""kind": "trace", "traceFile": "trace.csv""#,
          sizes: #""completionTokens": {"fixed": 200}"#)),
      expected:
        #"scenario.json: workloads[0].completionTokens: is not allowed for trace workloads, which take token sizes from the trace (found {"fixed": 200}). Remove completionTokens."#
    ),
    BadScenario(
      name: "gateway without any quota",
      text: scenario(
        deployments:
          #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "azure": {"profile": "gateway"}}"#
      ),
      expected:
        #"scenario.json: deployments[0].azure: a gateway deployment needs a token quota, and deployment 'prod' has none (found {"profile": "gateway"}). Add "gatewayTokenQuota", or give the deployment a client quota such as "monthlyTokenQuota"."#
    ),
    BadScenario(
      name: "gateway key on a standard deployment",
      text: scenario(
        deployments:
          #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "monthlyTokenQuota": "10M", "azure": {"backgroundTokensPerDay": "3M"}}"#
      ),
      expected:
        #"scenario.json: deployments[0].azure.backgroundTokensPerDay: applies only to gateway deployments (found "3M"). Set "profile": "gateway", or remove backgroundTokensPerDay."#
    ),
    BadScenario(
      name: "gateway period without its own quota",
      text: scenario(
        deployments:
          #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "monthlyTokenQuota": "10M", "azure": {"profile": "gateway", "gatewayQuotaPeriod": "day"}}"#
      ),
      expected:
        #"scenario.json: deployments[0].azure.gatewayQuotaPeriod: must match the deployment's quota period (month) unless gatewayTokenQuota is set (found "day"). Add "gatewayTokenQuota" with the gateway's tokens per day, or remove gatewayQuotaPeriod."#
    ),
    BadScenario(
      name: "zero service rate",
      text: scenario(
        deployments:
          #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "azure": {"serviceTime": {"tokensPerSecond": 0}}}"#
      ),
      expected:
        "scenario.json: deployments[0].azure.serviceTime.tokensPerSecond: must be a positive number of tokens per second, at most 1000000 (found 0). Set tokensPerSecond to the generation speed, such as 60."
    ),
    BadScenario(
      name: "duplicate workload names",
      text: scenario(
        workloads: workload() + ", " + workload(#""kind": "poisson", "ratePerDay": 100"#)),
      expected:
        #"scenario.json: workloads[1].name: duplicate workload name 'chat' (found "chat"). Give every workload a unique name."#
    ),
    BadScenario(
      name: "no workloads",
      text: scenario(workloads: ""),
      expected:
        #"scenario.json: workloads: must be a non-empty array of workload objects (found []). Add at least one workload, such as {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerMinute": 30, …}."#
    ),
  ]

  /// The cases also run through the built executable.
  static let binaryCases = cases.filter {
    ["unknown deployment in workload", "gateway without any quota"].contains($0.name)
  }

  @Test(arguments: cases)
  func loadReportsOneIssue(_ bad: BadScenario) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(bad.text, to: "scenario.json")
    let url = URL(fileURLWithPath: "scenario.json", relativeTo: directory.url)

    do throws(ConfigError) {
      _ = try Scenario.load(contentsOf: url)
      Issue.record("the scenario loaded without an error")
    } catch {
      #expect(error.issues.map(\.description) == [bad.expected])
    }
  }

  @Test(arguments: binaryCases)
  func validateBinaryExitsWithUsageStatus(_ bad: BadScenario) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(bad.text, to: "scenario.json")

    let result = try CLIRunner.run(["validate", "scenario.json"], in: directory.url)
    #expect(result.status == 64)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError
        == "Error: \(bad.expected)\nUsage: quotasim validate FILE\nSee 'quotasim --help'.\n")
  }

  @Test func binaryCasesAreFound() {
    #expect(Self.binaryCases.count == 2)
  }

  @Test func problemsAreAllReportedInFileOrder() {
    let text = Self.scenario(
      top: Self.start + #", "horizonMonths": 0, "seed": -1"#,
      workloads: Self.workload(Self.poisson + #", "maxTokens": 0"#, deployment: "dev"))
    do throws(ConfigError) {
      let document = try ConfigFile.parse(Array(text.utf8), file: "scenario.json")
      _ = try Scenario.decode(
        document, file: "scenario.json", baseDirectory: URL(fileURLWithPath: "/"))
      Issue.record("the scenario decoded without an error")
    } catch {
      #expect(
        error.issues.map(\.path.description) == [
          "horizonMonths", "seed", "workloads[0].deployment", "workloads[0].maxTokens",
        ])
    }
  }
}
