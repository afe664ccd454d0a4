import Foundation
import Testing

@testable import QuotaSim

/// `quotasim run --timing`: the event loop's wall time on standard error, with the results
/// left as they are.
@Suite struct RunTimingTests {
  private let tool = QuotaSimCommandLine.tool

  @Test func timingLineFormatsSecondsAndRate() {
    #expect(
      RunCommand.timingLine(requests: 3, loopTime: .milliseconds(1_500))
        == "Timing: 3 requests simulated in 1.500000 s of event loop, "
        + "2 simulated requests per second\n")
  }

  @Test func timingLineOfAnInstantLoopReportsNoRate() {
    #expect(
      RunCommand.timingLine(requests: 0, loopTime: .zero)
        == "Timing: 0 requests simulated in 0.000000 s of event loop, "
        + "0 simulated requests per second\n")
  }

  @Test func timingLeavesStandardOutputAndFilesUnchanged() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let plainFolder = directory.url.appendingPathComponent("plain").path
    let timedFolder = directory.url.appendingPathComponent("timed").path

    let plain = tool.run(["run", model.path, "--format", "json", "--output", plainFolder])
    let timed = tool.run([
      "run", model.path, "--format", "json", "--output", timedFolder, "--timing",
    ])

    #expect(plain.status == .success)
    #expect(timed.status == .success)
    #expect(timed.standardOutput == plain.standardOutput)
    let name = try #require(try Self.modelName(plain.standardOutput))
    for file in ["run.json", "run.csv"] {
      let plainFile = try Data(contentsOf: URL(fileURLWithPath: "\(plainFolder)/\(name)/\(file)"))
      let timedFile = try Data(contentsOf: URL(fileURLWithPath: "\(timedFolder)/\(name)/\(file)"))
      #expect(timedFile == plainFile, "\(file) differs")
    }
  }

  @Test func timingLineCountsTheRunsRequests() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let output = directory.url.appendingPathComponent("output").path

    let timed = tool.run([
      "run", model.path, "--format", "json", "--output", output, "--timing",
    ])

    let simulated = try #require(try Self.simulatedRequests(timed.standardOutput))
    let pattern =
      #/^Timing: (\d+) requests simulated in \d+\.\d{6} s of event loop, \d+ simulated requests per second\n$/#
    let match = try #require(timed.standardError.wholeMatch(of: pattern))
    #expect(Int(match.1) == simulated)
  }

  private static func object(_ json: String) throws -> [String: Any]? {
    try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
  }

  private static func modelName(_ json: String) throws -> String? {
    try object(json)?["model"] as? String
  }

  private static func simulatedRequests(_ json: String) throws -> Int? {
    (try object(json)?["requests"] as? [String: Any])?["simulated"] as? Int
  }
}

/// The `Note:` lines that name a command-line override of the seed or horizon.
@Suite struct OverrideNoteTests {
  private let tool = QuotaSimCommandLine.tool

  static let expected =
    "Note: seed 9 from the command line replaces the file's seed 3.\n"
    + "Note: horizon of 1 calendar month from the command line replaces the file's "
    + "horizonDays 2.\n"

  @Test(arguments: [["run"], ["run", "--replications", "2"], ["sweep", "--replications", "2"]])
  func overridesAreNoted(command: [String]) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let output = directory.url.appendingPathComponent("output").path

    let result = tool.run(
      [command[0], model.path] + command.dropFirst()
        + ["--seed", "9", "--months", "1", "--quiet", "--output", output])

    #expect(result.status == .success)
    #expect(result.standardError == Self.expected)
  }

  @Test func seedOverWithoutFileSeedNamesDefault() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(
      StudyFixtures.deterministicScans(quota: "200k", throttle: 0.95), to: "model.json")
    let output = directory.url.appendingPathComponent("output").path

    let result = tool.run(["run", model.path, "--seed", "9", "--output", output])

    #expect(result.status == .success)
    #expect(
      result.standardError
        == "Note: seed 9 from the command line replaces the default seed 1, because the file "
        + "sets none.\n")
  }

  @Test func runWithoutOverridesHasNoNote() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let output = directory.url.appendingPathComponent("output").path

    let result = tool.run(["run", model.path, "--output", output])

    #expect(result.standardError == "")
  }
}
