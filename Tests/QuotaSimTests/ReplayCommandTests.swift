import Foundation
import Testing

@testable import QuotaSim

/// `quotasim replay` and `quotasim run --trace`: exit statuses, brief output, JSON-lines
/// traces and their limit, and variadic arguments.
@Suite struct ReplayCommandTests {
  static let examples = ReplayExamples.folder.path

  static func run(_ arguments: [String]) -> CommandResult {
    QuotaSimCommandLine.tool.run(arguments)
  }

  @Test func passingScriptExitsZero() {
    let result = Self.run(["replay", "\(Self.examples)/b46-one-retry-means-two-calls.json"])
    #expect(result.status == .success)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput.hasSuffix(
        "Expectations: all 3 met.\n  ok      expect.attempts.A = [0, 0.01]\n  ok      expect.requests[\"1\"].outcome = \"failed\"\n  ok      expect.requests[\"1\"].error = \"HTTP 429 from A after the last retry\"\nPASSED\n"
      ))
  }

  @Test func briefPrintsOneLinePerScript() {
    let result = Self.run([
      "replay", "--brief", "\(Self.examples)/b02-retry-after-ms-alone.json",
      "\(Self.examples)/b46-one-retry-means-two-calls.json",
    ])
    #expect(result.status == .success)
    #expect(
      result.standardOutput == """
        PASSED  \(Self.examples)/b02-retry-after-ms-alone.json  (7 expectations)
        PASSED  \(Self.examples)/b46-one-retry-means-two-calls.json  (3 expectations)

        """)
  }

  @Test func failedExpectationExitsOne() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      """
      {"policy": {"retryDelayRule": "computedBackoffOnly"},
       "deployments": [{"name": "A", "model": "gpt-4o", "tokensPerMinute": 1000000,
         "azure": {"responses": [{"status": 429, "headers": {"retry-after-ms": "750"}}, {"status": 200}]}}],
       "requests": [{"deployment": "A", "maxTokens": 10}],
       "expect": {"attempts": {"A": [0, 0.75]}}}
      """, to: "mistake.json")
    let result = Self.run(["replay", "--brief", file.path])
    #expect(result.status == .failure)
    #expect(
      result.standardOutput == """
        FAILED  \(file.path)  (1 expectations)
          expect.attempts.A: expected [0, 0.75], got [0, 1]

        """)
  }

  @Test func invalidScriptExitsUsage() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(#"{"deployments": []}"#, to: "bad.json")
    let result = Self.run(["replay", file.path])
    #expect(result.status == .usage)
    #expect(result.standardOutput == "")
    #expect(
      result.standardError.hasSuffix(
        "Usage: quotasim replay [options] SCRIPT...\nSee 'quotasim --help'.\n"))
  }

  @Test func missingScriptIsUsageError() {
    let result = Self.run(["replay"])
    #expect(result.status == .usage)
    #expect(result.standardError.hasPrefix("Error: missing argument SCRIPT.\n"))
  }

  @Test func replayTraceWritesJSONLines() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let trace = folder.url.appendingPathComponent("trace.jsonl")
    let result = Self.run([
      "replay", "--brief", "--trace", trace.path,
      "\(Self.examples)/b46-one-retry-means-two-calls.json",
    ])
    #expect(result.status == .success)
    let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
    #expect(
      lines == [
        #"{"at":"2025-03-10T09:00:00Z","offsetSeconds":0,"request":1,"deployment":"A","attempt":1,"decision":"send"}"#,
        #"{"at":"2025-03-10T09:00:00Z","offsetSeconds":0,"request":1,"deployment":"A","attempt":1,"decision":"retry","response":429,"until":"2025-03-10T09:00:00.010Z","waitSeconds":0.01}"#,
        #"{"at":"2025-03-10T09:00:00.010Z","offsetSeconds":0.01,"request":1,"deployment":"A","attempt":2,"decision":"send"}"#,
        #"{"at":"2025-03-10T09:00:00.010Z","offsetSeconds":0.01,"request":1,"deployment":"A","attempt":2,"decision":"fail","response":429,"error":"HTTP 429 from A after the last retry"}"#,
      ])
  }

  @Test func traceTakesOneScript() {
    let result = Self.run([
      "replay", "--trace", "t.jsonl", "\(Self.examples)/b02-retry-after-ms-alone.json",
      "\(Self.examples)/b46-one-retry-means-two-calls.json",
    ])
    #expect(result.status == .usage)
    #expect(
      result.standardError.hasPrefix(
        "Error: option '--trace' takes one script, but 2 were given.\n"))
  }

  @Test func runTraceIsBoundedByLimit() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let trace = folder.url.appendingPathComponent("run.jsonl")
    let result = Self.run([
      "run", CLIRunner.packageRoot().appendingPathComponent("models/reference-month.json").path,
      "--output", folder.url.path, "--trace", trace.path, "--trace-limit", "3",
    ])
    #expect(result.status == .success)
    #expect(
      result.standardError
        == "note: the trace in '\(trace.path)' stopped at the limit of 3 lines; 5997 later "
        + "events were not written (raise --trace-limit to keep them).\n")
    let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
    #expect(
      lines == [
        #"{"at":"2025-10-01T09:00:00Z","offsetSeconds":32400,"request":1,"workload":"daily-requests","deployment":"gpt-4o-prod","attempt":1,"decision":"send"}"#,
        #"{"at":"2025-10-01T09:00:03.933333Z","offsetSeconds":32403.933333,"request":1,"workload":"daily-requests","deployment":"gpt-4o-prod","attempt":1,"decision":"done","response":200,"tokens":300}"#,
        #"{"at":"2025-10-01T09:00:03.933333Z","offsetSeconds":32403.933333,"request":2,"workload":"daily-requests","deployment":"gpt-4o-prod","attempt":1,"decision":"send"}"#,
      ])
  }

  @Test func traceInMissingFolderFails() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let trace = folder.url.appendingPathComponent("missing/run.jsonl").path
    let result = Self.run([
      "run", CLIRunner.packageRoot().appendingPathComponent("models/reference-month.json").path,
      "--output", folder.url.path, "--trace", trace,
    ])
    #expect(result.status == .failure)
    #expect(
      result.standardError
        == "Error: could not write the trace file '\(trace)': No such file or directory; check "
        + "that its folder exists and is writable\n")
  }

  @Test func runWithoutTraceWritesNoNote() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let result = Self.run([
      "run", CLIRunner.packageRoot().appendingPathComponent("models/reference-month.json").path,
      "--output", folder.url.path,
    ])
    #expect(result.status == .success)
    #expect(result.standardError == "")
  }

  @Test func badTraceLimitIsUsageError() {
    let result = Self.run(["run", "models/reference-month.json", "--trace-limit", "-1"])
    #expect(result.status == .usage)
    #expect(
      result.standardError.hasPrefix(
        "Error: option '--trace-limit' needs a whole number of lines, 0 or more, but found '-1'.\n")
    )
  }

  @Test func variadicArgumentTakesEveryValue() throws {
    let tool = CommandLineTool(
      name: "sample", overview: "A sample tool.",
      commands: [
        CommandSpec(
          name: "each", abstract: "Take files.",
          arguments: [
            ArgumentSpec(name: "MODE", help: "The mode."),
            ArgumentSpec(name: "FILE", help: "The files.", isVariadic: true),
          ]
        ) { parsed, _ in
          CommandResult(
            standardOutput: parsed.variadicValues.joined(separator: ","), status: .success)
        }
      ])
    #expect(tool.run(["each", "m", "a", "b", "c"]).standardOutput == "a,b,c")
    #expect(tool.run(["each", "m", "a"]).standardOutput == "a")
    #expect(tool.run(["each", "m"]).status == .usage)
    #expect(tool.help(for: tool.commands[0]).contains("Usage: sample each MODE FILE...\n"))
  }
}
