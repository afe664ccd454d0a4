import Foundation
import Testing

/// A file or folder that a bad-input case creates before it runs `quotasim`.
struct InputFile: Sendable {
  /// The name inside the case's scratch folder.
  var name: String
  /// The file's bytes, or `nil` for a folder.
  var bytes: [UInt8]?

  /// Returns a file that contains `text` as UTF-8.
  static func file(_ name: String, _ text: String) -> InputFile {
    InputFile(name: name, bytes: Array(text.utf8))
  }

  /// Returns a file that contains `bytes`, which need not be UTF-8.
  static func file(_ name: String, _ bytes: [UInt8]) -> InputFile {
    InputFile(name: name, bytes: bytes)
  }

  /// Returns an empty folder where a file is expected.
  static func folder(_ name: String) -> InputFile {
    InputFile(name: name, bytes: nil)
  }
}

/// One bad input: the files it needs, the command line, and exactly what `quotasim` prints
/// on standard error and the exit status it ends with.
struct BadInput: Sendable, CustomTestStringConvertible {
  var id: String
  var files: [InputFile]
  var arguments: [String]
  /// 64 for bad usage or input, 1 for a runtime failure such as a damaged state file.
  var status: Int32
  var standardError: String

  init(
    _ id: String, files: [InputFile], arguments: [String], status: Int32, standardError: String
  ) {
    self.id = id
    self.files = files
    self.arguments = arguments
    self.status = status
    self.standardError = standardError
  }

  var testDescription: String { id }
}

/// Runs the real `quotasim` binary on bad models, catalogs, command lines, traces and state
/// files, and checks that each one ends with its exact message and exit status, prints
/// nothing on standard output, and never crashes.
@Suite struct BadInputTableTests {
  private static let start = #""start": "2026-01-01T00:00:00Z""#
  private static let prod = #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000}"#
  private static let poisson = #""kind": "poisson", "ratePerMinute": 30"#
  private static let fixedSizes =
    #""promptTokens": {"fixed": 500}, "completionTokens": {"fixed": 200}"#
  private static let traceHeader = "timestamp,prompt_tokens,completion_tokens\n"

  /// Returns a scenario whose parts are valid unless a case replaces them.
  static func scenario(
    top: String = start + #", "horizonMonths": 1"#, deployments: String = prod,
    workloads: String = workload()
  ) -> String {
    #"{\#(top), "deployments": [\#(deployments)], "workloads": [\#(workloads)]}"#
  }

  /// Returns a Poisson workload aimed at `deployment`, with fixed sizes unless replaced.
  static func workload(
    _ fields: String = poisson, sizes: String = fixedSizes, deployment: String = "prod"
  ) -> String {
    #"{"name": "chat", "deployment": "\#(deployment)", \#(fields), \#(sizes)}"#
  }

  /// Returns a trace workload that replays `trace.csv` on `prod`, with `extra` members.
  static func traceWorkload(_ extra: String = "") -> String {
    #"{"name": "replay", "deployment": "prod", "kind": "trace", "traceFile": "trace.csv"\#(extra)}"#
  }

  static let cases: [BadInput] = [
    BadInput(
      "model missing",
      files: [],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: file not found. Check the path.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model is a folder",
      files: [.folder("model.json")],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: is a directory, not a file. Name a JSON file.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model empty",
      files: [.file("model.json", #""#)],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:1: invalid JSON: the input is empty. Write a JSON object such as {"deployments": []}.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model only a comment",
      files: [.file("model.json", #"// nothing yet\#n"#)],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:2:1: invalid JSON: the input is empty. Write a JSON object such as {"deployments": []}.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model invalid UTF-8",
      files: [.file("model.json", [UInt8](#"{"name": "caf"#.utf8) + [0xE9] + [UInt8](#""}"#.utf8))],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:14: invalid JSON: invalid UTF-8 byte sequence. Save the file as UTF-8.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model truncated",
      files: [
        .file("model.json", #"{"start": "2026-01-01T00:00:00Z", "horizonMonths": 1, "deplo"#)
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:55: invalid JSON: unterminated string. Close the string with '"' on the same line.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model top level an array",
      files: [.file("model.json", #"[1, 2]"#)],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: top level: must be an object (found [1, 2]). Write the scenario as a JSON object with "start", a horizon, "deployments" and "workloads".
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model NaN rate",
      files: [
        .file(
          "model.json", scenario(workloads: workload(#""kind": "poisson", "ratePerSecond": NaN"#)))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:225: invalid JSON: unexpected word 'NaN'. Quote strings with '"', and write true, false and null in lowercase.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model rate 1e400",
      files: [
        .file(
          "model.json", scenario(workloads: workload(#""kind": "poisson", "ratePerSecond": 1e400"#))
        )
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].ratePerSecond: must be a non-negative number of requests per second (found 1e400). Set ratePerSecond to 0 or more.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model rate as a string",
      files: [
        .file(
          "model.json", scenario(workloads: workload(#""kind": "poisson", "ratePerMinute": "30""#)))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].ratePerMinute: must be a non-negative number of requests per minute (found "30"). Write 30 without quotes.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model million requests a second for a day",
      files: [
        .file(
          "model.json",
          scenario(
            top: #""start": "2026-01-01T00:00:00Z", "horizonDays": 1"#,
            workloads: workload(#""kind": "poisson", "ratePerSecond": 1000000"#)))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].ratePerSecond: the run would simulate about 86,400,000,000 requests, more than the limit of 1,000,000,000 per run (found 1000000). Lower the request volume or shorten the horizon, so that the run expects at most 1,000,000,000 requests.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model batch of 10^15 prompts",
      files: [
        .file(
          "model.json",
          scenario(
            workloads: workload(
              #""kind": "batch", "scanTimes": ["02:00"], "promptsPerScan": 1000000000000000, "workers": 16"#
            )))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].promptsPerScan: the run would simulate about 32,000,000,000,000,000 requests, more than the limit of 1,000,000,000 per run (found 1000000000000000). Lower the request volume or shorten the horizon, so that the run expects at most 1,000,000,000 requests.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model growth overflows",
      files: [
        .file(
          "model.json",
          scenario(
            top: #""start": "2026-01-01T00:00:00Z", "horizonMonths": 1200"#,
            workloads: workload(#""kind": "poisson", "ratePerDay": 1, "monthlyGrowth": 1e300"#)))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].ratePerDay: the run would simulate more than 10^18 requests, more than the limit of 1,000,000,000 per run (found 1). Lower the request volume or shorten the horizon, so that the run expects at most 1,000,000,000 requests.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model zero quota",
      files: [
        .file(
          "model.json",
          scenario(
            deployments:
              #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "monthlyTokenQuota": 0}"#
          ))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: deployments[0].monthlyTokenQuota: must be a positive whole number of tokens per month (found 0). Set monthlyTokenQuota to at least 1 token, or remove it for no period quota.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model quota above Int64",
      files: [
        .file(
          "model.json",
          scenario(
            deployments:
              #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "monthlyTokenQuota": 9223372036854775808}"#
          ))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: deployments[0].monthlyTokenQuota: must be a positive whole number of tokens per month (found 9223372036854775808). Set monthlyTokenQuota to at least 1 token, or remove it for no period quota.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model horizon of 0 days",
      files: [
        .file("model.json", scenario(top: #""start": "2026-01-01T00:00:00Z", "horizonDays": 0"#))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: horizonDays: must be a positive number of days, at most 36525 (found 0). Set horizonDays above 0 and at most 36525, which is 100 years.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model horizon over 100 years",
      files: [
        .file(
          "model.json", scenario(top: #""start": "2026-01-01T00:00:00Z", "horizonDays": 36526"#))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: horizonDays: must be a positive number of days, at most 36525 (found 36526). Set horizonDays above 0 and at most 36525, which is 100 years.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model end equal to start",
      files: [
        .file(
          "model.json",
          scenario(top: #""start": "2026-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z""#))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: end: must be after start, which is 2026-01-01T00:00:00Z (found "2026-01-01T00:00:00Z"). Set end to a later instant, or set start earlier.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model self fallback",
      files: [
        .file(
          "model.json",
          scenario(
            deployments:
              #"{"name": "prod", "model": "gpt-4o", "tokensPerMinute": 450000, "fallbacks": ["prod"]}"#
          ))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: deployments[0].fallbacks[0]: deployment 'prod' lists itself as a fallback (found "prod"). Remove 'prod' from its own fallbacks.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model workload to unknown deployment",
      files: [.file("model.json", scenario(workloads: workload(deployment: #"staging"#)))],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].deployment: unknown deployment 'staging' (found "staging"). Use one of: prod.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model empty workloads",
      files: [.file("model.json", scenario(workloads: #""#))],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads: must be a non-empty array of workload objects (found []). Add at least one workload, such as {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerMinute": 30, …}.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model nested 600 deep",
      files: [
        .file("model.json", String(repeating: "[", count: 600) + String(repeating: "]", count: 600))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:513: invalid JSON: arrays and objects nested deeper than 512 levels. Flatten the structure.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model duplicate key",
      files: [.file("model.json", #"{"seed": 1, "seed": 2}"#)],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json:1:13: invalid JSON: duplicate key 'seed', first defined at line 1, column 2. Remove one of the two 'seed' keys.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model gamma shape 0",
      files: [
        .file(
          "model.json",
          scenario(
            workloads: workload(
              sizes:
                #""promptTokens": {"gamma": {"shape": 0, "scale": 100}}, "completionTokens": {"fixed": 200}"#
            )))
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].promptTokens.gamma.shape: must be a positive number (found 0). Set shape above 0, such as 2.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model trace file missing",
      files: [.file("model.json", scenario(workloads: traceWorkload()))],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].traceFile: the trace could not be loaded: Cannot read the trace file './trace.csv': no such file. Check the path and permissions (found "trace.csv"). Fix the trace file, or point traceFile at another one.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model one-row trace looped",
      files: [
        .file("model.json", scenario(workloads: traceWorkload(#", "loop": true"#))),
        .file("trace.csv", traceHeader + #"5,100,20\#n"#),
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].loop: the trace spans no time, because its one row arrives at one instant, so it cannot loop (found true). Set loop to false, or use a trace whose rows span some time.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model trace time scale 0",
      files: [
        .file("model.json", scenario(workloads: traceWorkload(#", "timeScale": 0"#))),
        .file("trace.csv", traceHeader + #"5,100,20\#n"#),
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].timeScale: must be a positive factor (found 0). Set timeScale above 0: 1 replays at the recorded pace, 0.5 twice as fast.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "model trace with a negative count",
      files: [
        .file("model.json", scenario(workloads: traceWorkload())),
        .file("trace.csv", traceHeader + #"5,100,20\#n6,-1,20\#n"#),
      ],
      arguments: ["run", "model.json"],
      status: 64,
      standardError: #"""
        Error: model.json: workloads[0].traceFile: the trace could not be loaded: ./trace.csv line 3, column prompt_tokens: negative token count '-1'. Expected a whole number of 0 or more. Fix or remove the row (found "trace.csv"). Fix the trace file, or point traceFile at another one.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog requests per minute 0",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "requestsPerMinute": 0}]}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0].requestsPerMinute: must be a positive whole number of requests per minute (found 0). Set requestsPerMinute to at least 1, or remove it to derive it from tokensPerMinute.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog TPM with unknown suffix",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": "450X"}]}"#)
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0].tokensPerMinute: must be a positive whole number of tokens per minute (found "450X"). Write a whole number such as 75000000, or a number with the suffix k, M or G such as "75M".
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog two period quotas",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "dailyTokenQuota": 10, "monthlyTokenQuota": 300}]}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0].monthlyTokenQuota: only one period quota is allowed, but dailyTokenQuota is also set (found 300). Keep either dailyTokenQuota or monthlyTokenQuota.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog unknown default fallback",
      files: [
        .file(
          "catalog.json",
          #"{"defaultFallback": ["backup"], "deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: defaultFallback[0]: unknown fallback deployment 'backup' (found "backup"). Use one of: A.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog throttle threshold 1.5",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"throttleThreshold": 1.5}}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: policy.throttleThreshold: must be a fraction of the quota greater than 0 and at most 1 (found 1.5). Write 1.5 % as the fraction 0.015.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog negative price",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000, "promptPricePerMillion": -2.5}]}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0].promptPricePerMillion: must be a non-negative number of US dollars per million prompt tokens (found -2.5). Set promptPricePerMillion to 0 or more, such as 2.50.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog empty name",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "", "model": "gpt-4o", "tokensPerMinute": 1000}]}"#)
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0].name: must be a non-empty deployment name (found ""). Write the deployment's name in double quotes, as Azure names it.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog maxRetries 101",
      files: [
        .file(
          "catalog.json",
          #"{"deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000}], "policy": {"maxRetries": 101}}"#
        )
      ],
      arguments: ["validate", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: catalog.json: policy.maxRetries: must be a whole number of retries from 0 to 100 (found 101). Set maxRetries to 0 for no retries, or to a count up to 100 such as 3.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """#),
    BadInput(
      "catalog with problems given to record",
      files: [.file("catalog.json", #"{"deployments": [{"name": "A", "model": "gpt-4o"}]}"#)],
      arguments: [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z", "--deployment", "A", "--tokens", "1",
      ],
      status: 64,
      standardError: #"""
        Error: catalog.json: deployments[0]: missing required key 'tokensPerMinute'. Add "tokensPerMinute" with the deployment's rate limit.
        Usage: quotasim record --catalog FILE --state FILE --deployment NAME
          (--tokens N | --prompt-tokens N --completion-tokens N) [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "no command",
      files: [],
      arguments: [],
      status: 64,
      standardError: #"""
        Error: missing command.
        Usage: quotasim <command> [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "misspelled command",
      files: [],
      arguments: ["runn", "model.json"],
      status: 64,
      standardError: #"""
        Error: unknown command 'runn'. Did you mean 'run'?
        Usage: quotasim <command> [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "run without a model",
      files: [],
      arguments: ["run"],
      status: 64,
      standardError: #"""
        Error: missing argument MODEL.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "run with two models",
      files: [],
      arguments: ["run", "a.json", "b.json"],
      status: 64,
      standardError: #"""
        Error: unexpected argument 'b.json'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "seed negative",
      files: [],
      arguments: ["run", "model.json", "--seed", "-1"],
      status: 64,
      standardError: #"""
        Error: option '--seed' needs a whole number from 0 to 9223372036854775807, but found '-1'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "seed above Int64",
      files: [],
      arguments: ["run", "model.json", "--seed", "9223372036854775808"],
      status: 64,
      standardError: #"""
        Error: option '--seed' needs a whole number from 0 to 9223372036854775807, but found '9223372036854775808'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "months 0",
      files: [],
      arguments: ["run", "model.json", "--months", "0"],
      status: 64,
      standardError: #"""
        Error: option '--months' needs a whole number from 1 to 1200, but found '0'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "months 1201",
      files: [],
      arguments: ["run", "model.json", "--months", "1201"],
      status: 64,
      standardError: #"""
        Error: option '--months' needs a whole number from 1 to 1200, but found '1201'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "format xml",
      files: [],
      arguments: ["run", "model.json", "--format", "xml"],
      status: 64,
      standardError: #"""
        Error: option '--format' needs one of table, json, csv, markdown, but found 'xml'.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "misspelled option",
      files: [],
      arguments: ["run", "model.json", "--sed", "3"],
      status: 64,
      standardError: #"""
        Error: unknown option '--sed'. Did you mean '--seed'?
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "option given twice",
      files: [],
      arguments: ["run", "model.json", "--seed", "1", "--seed", "2"],
      status: 64,
      standardError: #"""
        Error: option '--seed' is given more than once.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "option without its value",
      files: [],
      arguments: ["run", "model.json", "--seed"],
      status: 64,
      standardError: #"""
        Error: option '--seed' needs a value N.
        Usage: quotasim run [options] MODEL
        See 'quotasim --help'.

        """#),
    BadInput(
      "flag with a value",
      files: [],
      arguments: ["record", "--progress=yes"],
      status: 64,
      standardError: #"""
        Error: option '--progress' takes no value.
        Usage: quotasim record --catalog FILE --state FILE --deployment NAME
          (--tokens N | --prompt-tokens N --completion-tokens N) [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "fit with unknown zone",
      files: [],
      arguments: ["fit", "trace.csv", "--time-zone", "Mars/Base"],
      status: 64,
      standardError: #"""
        Error: option '--time-zone' needs an IANA zone name such as 'UTC' or 'Europe/Berlin', but found 'Mars/Base'.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "record tokens above Int64",
      files: [.file("catalog.json", StateProcessFixture.catalog)],
      arguments: [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z", "--deployment", "A", "--tokens", "9223372036854775808",
      ],
      status: 64,
      standardError: #"""
        Error: invalid value '9223372036854775808' for '--tokens'; expected a whole number from 0 to 9223372036854775807.
        Usage: quotasim record --catalog FILE --state FILE --deployment NAME
          (--tokens N | --prompt-tokens N --completion-tokens N) [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "record invalid instant",
      files: [.file("catalog.json", StateProcessFixture.catalog)],
      arguments: [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--at", "yesterday",
        "--deployment", "A", "--tokens", "1",
      ],
      status: 64,
      standardError: #"""
        Error: invalid instant 'yesterday' for '--at'; expected ISO 8601 with a zone, such as 2025-03-11T09:00:00Z.
        Usage: quotasim record --catalog FILE --state FILE --deployment NAME
          (--tokens N | --prompt-tokens N --completion-tokens N) [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "status without state",
      files: [.file("catalog.json", StateProcessFixture.catalog)],
      arguments: ["status", "--catalog", "catalog.json"],
      status: 64,
      standardError: #"""
        Error: missing option '--state FILE'.
        Usage: quotasim status --catalog FILE --state FILE [options]
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace missing",
      files: [],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: Cannot read the trace file 'trace.csv': no such file. Check the path and permissions.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace empty",
      files: [.file("trace.csv", #""#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv: the trace is empty. Expected a header row such as 'TIMESTAMP,ContextTokens,GeneratedTokens' followed by one row per request.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace header only",
      files: [.file("trace.csv", traceHeader + #""#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv: the trace has a header but no rows. Give at least one request.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace without a prompt column",
      files: [.file("trace.csv", #"timestamp,tokens,completion_tokens\#n1,2,3\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 1: no prompt-token column in the header 'timestamp,tokens,completion_tokens'. Expected a column named ContextTokens or prompt_tokens (in any case). Add the column or rename it.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace two timestamp columns",
      files: [
        .file("trace.csv", #"timestamp,TIMESTAMP,prompt_tokens,completion_tokens\#n1,2,3,4\#n"#)
      ],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 1: the header has two timestamp columns, timestamp and TIMESTAMP. Remove or rename one of them.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace short row",
      files: [.file("trace.csv", traceHeader + #"1,2\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 2: the row has 2 fields and no value for column completion_tokens. Give every row the header's columns.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace invalid date",
      files: [.file("trace.csv", traceHeader + #"2023-13-01 00:00:00,2,3\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 2, column timestamp: invalid timestamp '2023-13-01 00:00:00'. Expected 'YYYY-MM-DD HH:MM:SS[.fraction]' in UTC, ISO 8601 with a zone such as '2023-11-16T18:15:46Z', or seconds after the trace start such as '12.5'. Fix or remove the row.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace mixed timestamps",
      files: [.file("trace.csv", traceHeader + #"2023-11-16 18:15:46,2,3\#n12.5,2,3\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 3, column timestamp: the timestamp '12.5' is of another kind than the first row's. Give all rows dates, or all rows seconds after the start.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace token count with fraction",
      files: [.file("trace.csv", traceHeader + #"1,2.5,3\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 2, column prompt_tokens: invalid token count '2.5'. Expected a whole number of 0 or more. Fix or remove the row.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace unterminated quote",
      files: [.file("trace.csv", traceHeader + #"1,"2,3\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: trace.csv line 2: a quoted field is not closed. Close it with '"' on the same line, or double quotes inside it.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace one row",
      files: [.file("trace.csv", traceHeader + #"5,100,20\#n"#)],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: The trace's one row arrives at one instant, so no arrival rate can be estimated. Give a trace whose requests span some time.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "trace is a folder",
      files: [.folder("trace.csv")],
      arguments: ["fit", "trace.csv"],
      status: 64,
      standardError: #"""
        Error: Cannot read the trace file 'trace.csv': it is a directory. Check the path and permissions.
        Usage: quotasim fit [options] TRACE
        See 'quotasim --help'.

        """#),
    BadInput(
      "state empty",
      files: [.file("catalog.json", StateProcessFixture.catalog), .file("state.json", #""#)],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is empty; a valid file holds at least {"version":1,"deployments":{}}. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state truncated",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file("state.json", #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTok"#),
      ],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is truncated: its JSON ends after 60 bytes, before the document is complete. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state trailing data",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file("state.json", #"{"version":1,"deployments":{}}\#n{"version":1}"#),
      ],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' has unexpected data after the JSON document, at byte 31. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state newer version",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file("state.json", #"{"version":2,"deployments":{}}"#),
      ],
      arguments: [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z", "--deployment", "A", "--tokens", "1",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' has schema version 2, but this build reads versions up to 1. Use a newer quotasim, or start fresh with --reset-state, which keeps the file as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state version missing",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file("state.json", #"{"deployments":{}}"#),
      ],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is not a valid state document: missing key 'version' at 'version'. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state negative usage",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file(
          "state.json", #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":-5}}}"#),
      ],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is not a valid state document: count -5 is negative; expected 0 or more at 'deployments.A.usedTokens'. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state unknown key",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file(
          "state.json",
          #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":5,"usedTokenz":6}}}"#),
      ],
      arguments: [
        "record", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z", "--deployment", "A", "--tokens", "1",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is not a valid state document: unknown key 'usedTokenz'; expected one of period, usedTokens, promptTokens, completionTokens, cachedTokens, reasoningTokens, usageIncludesEstimates, alertsSent, throttleStartedAt, exhaustedUntil, exhaustionEvents, blockedUntil, accessDenied, estimatedTokens, actualTokensOfEstimates, quotaAtLastSave, history at 'deployments.A.usedTokenz'. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state usage as a string",
      files: [
        .file("catalog.json", StateProcessFixture.catalog),
        .file(
          "state.json", #"{"version":1,"deployments":{"A":{"period":"2025-03","usedTokens":"5"}}}"#),
      ],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is not a valid state document: expected a value of type Int64 at 'deployments.A.usedTokens'. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state top level an array",
      files: [.file("catalog.json", StateProcessFixture.catalog), .file("state.json", #"[]"#)],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: State file 'state.json' is not a valid state document: expected a JSON object at '(root)'. The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, which keeps it as 'state.json.corrupt-<UTC time>'.

        """#),
    BadInput(
      "state is a folder",
      files: [.file("catalog.json", StateProcessFixture.catalog), .folder("state.json")],
      arguments: [
        "status", "--catalog", "catalog.json", "--state", "state.json", "--at",
        "2025-03-10T09:00:00Z",
      ],
      status: 1,
      standardError: #"""
        Error: Cannot read state file 'state.json': Is a directory (errno 21). Check that the path is a readable file; nothing was changed.

        """#),
  ]

  @Test func tableHasAtLeastFortyCases() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases)
  func binaryPrintsExactMessage(_ bad: BadInput) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    for file in bad.files {
      let url = folder.url.appendingPathComponent(file.name)
      if let bytes = file.bytes {
        try Data(bytes).write(to: url)
      } else {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      }
    }

    let result = try CLIRunner.run(bad.arguments, in: folder.url)

    #expect(result.status == bad.status)
    #expect(result.standardOutput == "")
    #expect(result.standardError == bad.standardError)
  }
}
