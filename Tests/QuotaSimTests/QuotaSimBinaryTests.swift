import Testing

@testable import QuotaSim

/// Runs the built `quotasim` executable and checks its output streams and exit status.
@Suite struct QuotaSimBinaryTests {
  @Test func helpPrintsOverviewAndExitsZero() throws {
    let result = try CLIRunner.run(["--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput == QuotaSimCommandLine.tool.overviewHelp())
    #expect(result.standardError == "")
  }

  @Test func helpValidatePrintsCommandHelp() throws {
    let result = try CLIRunner.run(["help", "validate"])
    #expect(result.status == 0)
    #expect(result.standardOutput == CommandLineToolTests.validateHelp)
    #expect(result.standardError == "")
  }

  @Test func unknownCommandSuggestsNearest() throws {
    let result = try CLIRunner.run(["valdate", "models/catalog.json"])
    #expect(result.status == 64)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError == """
        Error: unknown command 'valdate'. Did you mean 'validate'?
        Usage: quotasim <command> [options]
        See 'quotasim --help'.

        """)
  }

  @Test func validateWithoutFileIsUsageError() throws {
    let result = try CLIRunner.run(["validate"])
    #expect(result.status == 64)
    #expect(
      result.standardError == """
        Error: missing argument FILE.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """)
  }

  @Test func validateShippedCatalogSucceeds() throws {
    let result = try CLIRunner.run(["validate", "models/catalog.json"])
    #expect(result.status == 0)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput.hasPrefix(
        "models/catalog.json: valid deployment catalog with 2 deployments.\n"))
  }

  @Test func validateMissingFileIsUsageError() throws {
    let result = try CLIRunner.run(["validate", "models/no-such-file.json"])
    #expect(result.status == 64)
    #expect(
      result.standardError == """
        Error: models/no-such-file.json: file not found. Check the path.
        Usage: quotasim validate FILE
        See 'quotasim --help'.

        """)
  }
}
