import Testing

@testable import QuotaSim

@Suite struct CommandLineToolTests {
  private let tool = QuotaSimCommandLine.tool

  /// A tool with one command that takes every kind of option, for parser tests.
  private let sampleTool = CommandLineTool(
    name: "sample", overview: "A sample tool.",
    commands: [
      CommandSpec(
        name: "run", abstract: "Run a scenario.",
        arguments: [
          ArgumentSpec(name: "FILE", help: "The scenario."),
          ArgumentSpec(name: "OUT", help: "The output folder.", isOptional: true),
        ],
        options: [
          OptionSpec(name: "seed", shortName: "s", valueName: "N", help: "Seed of the run."),
          OptionSpec(name: "quiet", shortName: "q", help: "Print nothing."),
        ]
      ) { parsed, _ in
        let arguments = parsed.arguments.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }
        let options = parsed.options.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }
        let text = (arguments + options + parsed.flags.sorted()).joined(separator: " ")
        return CommandResult(standardOutput: text, status: .success)
      }
    ])

  static let parsedLines: [([String], String)] = [
    (["run", "a.json"], "FILE=a.json"),
    (["run", "a.json", "out"], "FILE=a.json OUT=out"),
    (["run", "--seed", "5", "a.json"], "FILE=a.json seed=5"),
    (["run", "a.json", "--seed=5"], "FILE=a.json seed=5"),
    (["run", "-s", "-3", "a.json"], "FILE=a.json seed=-3"),
    (["run", "-q", "a.json"], "FILE=a.json quiet"),
    (["run", "--", "--seed"], "FILE=--seed"),
    (["run", "-"], "FILE=-"),
  ]

  @Test(arguments: parsedLines)
  func parserAcceptsOptionForms(arguments: [String], expected: String) {
    let result = sampleTool.run(arguments)
    #expect(result == CommandResult(standardOutput: expected, status: .success))
  }

  static let usageErrors: [([String], String, String)] = [
    ([], "missing command.", "sample <command> [options]"),
    (["runn"], "unknown command 'runn'. Did you mean 'run'?", "sample <command> [options]"),
    (["zzz"], "unknown command 'zzz'.", "sample <command> [options]"),
    (["--hlp"], "unknown option '--hlp'. Did you mean '--help'?", "sample <command> [options]"),
    (["run"], "missing argument FILE.", "sample run [options] FILE [OUT]"),
    (["run", "a", "b", "c"], "unexpected argument 'c'.", "sample run [options] FILE [OUT]"),
    (
      ["run", "a", "--sead", "1"], "unknown option '--sead'. Did you mean '--seed'?",
      "sample run [options] FILE [OUT]"
    ),
    (
      ["run", "a", "--sead=1"], "unknown option '--sead'. Did you mean '--seed'?",
      "sample run [options] FILE [OUT]"
    ),
    (
      ["run", "a", "--seed"], "option '--seed' needs a value N.", "sample run [options] FILE [OUT]"
    ),
    (
      ["run", "a", "--quiet=yes"], "option '--quiet' takes no value.",
      "sample run [options] FILE [OUT]"
    ),
    (
      ["run", "a", "-s", "1", "--seed", "2"], "option '--seed' is given more than once.",
      "sample run [options] FILE [OUT]"
    ),
    (["help", "rn"], "unknown command 'rn'. Did you mean 'run'?", "sample help [COMMAND]"),
  ]

  @Test(arguments: usageErrors)
  func parserRejectsWithMessage(arguments: [String], message: String, usage: String) {
    let result = sampleTool.run(arguments)
    #expect(
      result
        == CommandResult(
          standardError: "Error: \(message)\nUsage: \(usage)\nSee 'sample --help'.\n",
          status: .usage))
  }

  @Test func helpFlagWinsOverOtherErrors() {
    let result = sampleTool.run(["run", "--bogus", "-h"])
    #expect(result.status == .success)
    #expect(result.standardOutput == sampleTool.help(for: sampleTool.commands[0]))
  }

  @Test func helpAfterDoubleDashIsAnArgument() {
    let result = sampleTool.run(["run", "--", "-h"])
    #expect(result == CommandResult(standardOutput: "FILE=-h", status: .success))
  }

  @Test func commandHelpListsArgumentsAndOptions() {
    #expect(
      sampleTool.help(for: sampleTool.commands[0]) == """
        Run a scenario.

        Usage: sample run [options] FILE [OUT]

        Arguments:
          FILE  The scenario.
          OUT   The output folder.

        Options:
          -s, --seed N  Seed of the run.
          -q, --quiet   Print nothing.
          -h, --help    Show this help.

        """)
  }

  @Test func overviewHelpListsCommands() {
    #expect(
      tool.run(["--help"])
        == CommandResult(
          standardOutput: """
            quotasim simulates Azure OpenAI quotas and rate limits, driving the client-side
            limiter on a virtual clock.

            Usage: quotasim <command> [options]

            Commands:
              run       Simulate a model and print per-deployment, per-period figures.
              sweep     Run replications of a model at every point of a grid of settings.
              plan      Find the smallest monthly quota or TPM of a deployment that meets
                        targets.
              merge     Combine the partial results of every shard into the study's report.
              fit       Fit a workload block (arrival rate by hour, token sizes) to a
                        request trace.
              validate  Check a deployment catalog or a scenario and print what it defines.
              record    Charge token usage to a deployment in a tracker state file that
                        several processes may share.
              status    Show each deployment's usage, alerts, throttle, blocks and closed
                        periods from a tracker state file.
              replay    Replay scripted responses through the limiter and check the expected
                        decisions.
              check     Rerun models with their seeds and compare every figure with a stored
                        baseline.
              help      Show the help of a command, or list the commands.

            Options:
              -h, --help  Show this help.

            See 'quotasim help <command>' for the arguments and options of a command.

            """, status: .success))
  }

  static let validateHelp = """
    Check a deployment catalog or a scenario and print what it defines.

    Usage: quotasim validate FILE

    Arguments:
      FILE  Path of the catalog or scenario, a JSON file that may contain comments
            and trailing commas. A file whose top level has "workloads", "start" or
            a horizon key is a scenario.

    Options:
      -h, --help  Show this help.

    For a catalog, the summary lists each deployment's limits and route, then the
    policy. For a scenario it also shows the simulated span, the Azure side of each
    deployment and one line per workload.

    Every problem in the file is reported on its own line as '<file>: <JSON path>:
    <problem> (found <value>). <Fix>.' The exit status is 0 when the file is valid
    and 64 when it has problems or cannot be read.

    """

  @Test(arguments: [["help", "validate"], ["validate", "--help"], ["validate", "-h"]])
  func validateHelpIsTheSameEverywhere(arguments: [String]) {
    #expect(
      tool.run(arguments) == CommandResult(standardOutput: Self.validateHelp, status: .success))
  }

  @Test func helpWithoutCommandListsCommands() {
    #expect(tool.run(["help"]) == tool.run(["--help"]))
  }

  @Test func scenarioFileIsValidatedAsScenario() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write(#"{"workloads": []}"#, to: "scenario.json")
    let result = ValidateCommand.run(file: file.path)
    #expect(result.status == .usage)
    #expect(
      result.standardError == """
        Error: \(file.path): top level: missing required key 'start'. Add "start", such as "2026-01-01T00:00:00Z".
        Error: \(file.path): top level: missing required key: one of 'horizonMonths', 'horizonDays', 'end'. Add "horizonMonths": 1 for one calendar month, "horizonDays" for a number of days, or "end" for an end instant.
        Error: \(file.path): top level: missing required key 'deployments'. Add a "deployments" array with at least one deployment.
        Error: \(file.path): workloads: must be a non-empty array of workload objects (found []). Add at least one workload, such as {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerMinute": 30, …}.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """)
  }
}
