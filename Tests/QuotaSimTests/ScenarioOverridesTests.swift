import Testing

@testable import QuotaSim

@Suite struct ScenarioOverridesTests {
  static let usage = "quotasim run [options] FILE"

  static func parse(_ options: [String: String]) throws(UsageError) -> ScenarioOverrides {
    try ScenarioOverrides(parsed: ParsedCommand(command: "run", options: options), usage: usage)
  }

  @Test func absentOptionsStayUnset() throws {
    #expect(try Self.parse([:]) == ScenarioOverrides())
  }

  @Test(arguments: [
    (["seed": "0"], ScenarioOverrides(seed: 0)),
    (["seed": "9223372036854775807"], ScenarioOverrides(seed: 9_223_372_036_854_775_807)),
    (["months": "1"], ScenarioOverrides(months: 1)),
    (["months": "1200", "seed": "42"], ScenarioOverrides(seed: 42, months: 1_200)),
  ])
  func validValuesParse(options: [String: String], expected: ScenarioOverrides) throws {
    #expect(try Self.parse(options) == expected)
  }

  @Test(arguments: [
    (
      ["seed": "-1"],
      "option '--seed' needs a whole number from 0 to 9223372036854775807, but found '-1'"
    ),
    (
      ["seed": "9223372036854775808"],
      "option '--seed' needs a whole number from 0 to 9223372036854775807, but found "
        + "'9223372036854775808'"
    ),
    (
      ["seed": "+7"],
      "option '--seed' needs a whole number from 0 to 9223372036854775807, but found '+7'"
    ),
    (["months": "0"], "option '--months' needs a whole number from 1 to 1200, but found '0'"),
    (["months": "1201"], "option '--months' needs a whole number from 1 to 1200, but found '1201'"),
    (["months": "two"], "option '--months' needs a whole number from 1 to 1200, but found 'two'"),
    (["months": ""], "option '--months' needs a whole number from 1 to 1200, but found ''"),
  ])
  func invalidValueIsUsageError(options: [String: String], message: String) {
    do throws(UsageError) {
      _ = try Self.parse(options)
      Issue.record("\(options) parsed")
    } catch {
      #expect(error == UsageError(message: message, usage: Self.usage))
    }
  }

  @Test func optionsHaveNamesAndValueNames() {
    #expect(ScenarioOverrides.options.map(\.synopsis) == ["--seed N", "--months N"])
  }
}
