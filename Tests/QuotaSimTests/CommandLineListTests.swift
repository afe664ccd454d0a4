import Testing

@testable import QuotaSim

/// Repeatable options and variadic arguments of the command-line parser.
@Suite struct CommandLineListTests {
  private let tool = CommandLineTool(
    name: "sample", overview: "A sample tool.",
    commands: [
      CommandSpec(
        name: "sweep", abstract: "Sweep a model.",
        arguments: [ArgumentSpec(name: "FILE", help: "The files.", isVariadic: true)],
        options: [
          OptionSpec(name: "set", valueName: "PATH=VALUES", help: "An axis.", isRepeatable: true),
          OptionSpec(name: "seed", valueName: "N", help: "The seed."),
        ]
      ) { parsed, _ in
        let files = (parsed.variadicArguments["FILE"] ?? []).joined(separator: " ")
        let sets = (parsed.repeatedOptions["set"] ?? []).joined(separator: " ")
        return CommandResult(
          standardOutput:
            "files: \(files); sets: \(sets); first: \(parsed.arguments["FILE"] ?? "")",
          status: .success)
      }
    ])

  static let lines: [([String], String)] = [
    (["sweep", "a"], "files: a; sets: ; first: a"),
    (["sweep", "a", "b", "c"], "files: a b c; sets: ; first: a"),
    (["sweep", "--set", "x=1", "a", "--set=y=2,3", "b"], "files: a b; sets: x=1 y=2,3; first: a"),
  ]

  @Test(arguments: lines)
  func parserCollectsListValues(arguments: [String], expected: String) {
    #expect(tool.run(arguments) == CommandResult(standardOutput: expected, status: .success))
  }

  @Test func repeatableOptionNeedsValue() {
    #expect(
      tool.run(["sweep", "a", "--set"])
        == CommandResult(
          standardError: "Error: option '--set' needs a value PATH=VALUES.\n"
            + "Usage: sample sweep [options] FILE...\nSee 'sample --help'.\n",
          status: .usage))
  }

  @Test func otherOptionsStayUnrepeatable() {
    #expect(
      tool.run(["sweep", "a", "--seed", "1", "--seed", "2"])
        == CommandResult(
          standardError: "Error: option '--seed' is given more than once.\n"
            + "Usage: sample sweep [options] FILE...\nSee 'sample --help'.\n",
          status: .usage))
  }
}
