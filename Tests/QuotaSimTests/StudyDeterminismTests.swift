import Foundation
import Testing

@testable import QuotaSim

/// The output of replications and sweeps does not depend on threads or machines.
@Suite struct StudyDeterminismTests {
  private let tool = QuotaSimCommandLine.tool

  @Test func sweepJSONIsIdenticalForOneAndTwoJobs() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let arguments = [
      "sweep", model.path, "-r", "4", "--format", "json", "--output", directory.url.path,
    ]
    let one = tool.run(arguments + ["--jobs", "1"])
    let two = tool.run(arguments + ["--jobs", "2"])
    #expect(one.status == .success)
    #expect(one.standardError == "")
    #expect(two == one)
  }

  @Test func replicationsJSONIsIdenticalForOneAndTwoJobs() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let arguments = [
      "run", model.path, "--replications", "5", "--format", "json", "--output", directory.url.path,
    ]
    let one = tool.run(arguments + ["--jobs", "1"])
    #expect(one.status == .success)
    #expect(tool.run(arguments + ["--jobs", "2"]) == one)
  }

  /// Runs `command` on the chat model once whole and once as three shards merged, and
  /// returns both outputs and the merged files.
  private func wholeAndMerged(_ command: [String], directory: TemporaryDirectory) throws
    -> (whole: CommandResult, merged: CommandResult, shardFiles: [String])
  {
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let whole = tool.run(
      command + [
        model.path, "--format", "json", "--output",
        directory.url.appendingPathComponent("whole").path,
      ])
    var files: [String] = []
    for shard in [3, 1, 2] {
      let result = tool.run(
        command + [
          model.path, "--shard", "\(shard)/3", "--output",
          directory.url.appendingPathComponent("shards").path,
        ])
      #expect(result.status == .success)
      let prefix = command[0] == "sweep" ? "sweep" : "run"
      files.append(
        directory.url.appendingPathComponent("shards/study-chat/\(prefix)-shard-\(shard)-of-3.json")
          .path)
    }
    let merged = tool.run(
      ["merge"] + files + [
        "--format", "json", "--output", directory.url.appendingPathComponent("merged").path,
      ])
    return (whole, merged, files)
  }

  @Test func mergeOfThreeSweepShardsIsByteIdentical() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let outputs = try wholeAndMerged(["sweep", "-r", "4"], directory: directory)
    #expect(outputs.whole.status == .success)
    #expect(outputs.merged == outputs.whole)
    for name in ["sweep.json", "sweep.csv"] {
      let whole = try String(
        contentsOf: directory.url.appendingPathComponent("whole/study-chat/\(name)"),
        encoding: .utf8)
      let merged = try String(
        contentsOf: directory.url.appendingPathComponent("merged/study-chat/\(name)"),
        encoding: .utf8)
      #expect(merged == whole, "\(name) differs")
    }
  }

  @Test func mergeOfThreeReplicationShardsIsByteIdentical() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let outputs = try wholeAndMerged(["run", "--replications", "5"], directory: directory)
    #expect(outputs.whole.status == .success)
    #expect(outputs.merged == outputs.whole)
  }

  @Test func shardWritesPartialFileAndSaysWhere() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    let result = tool.run([
      "sweep", model.path, "-r", "3", "--shard", "2/3", "--output", directory.url.path,
    ])
    #expect(
      result
        == CommandResult(
          standardOutput: "Wrote shard 2/3 of 'study-chat' (2 of 6 runs) to "
            + "\(directory.url.path)/study-chat/sweep-shard-2-of-3.json.\n"
            + "Combine every shard's file with 'quotasim merge'.\n",
          status: .success))
  }

  @Test func mergeRejectsMissingAndDuplicateShards() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let outputs = try wholeAndMerged(["sweep", "-r", "2"], directory: directory)
    let (third, first) = (outputs.shardFiles[0], outputs.shardFiles[1])
    let usage = "Usage: quotasim merge [options] FILE...\nSee 'quotasim --help'.\n"
    #expect(
      tool.run(["merge", first, third])
        == CommandResult(
          standardError: "Error: shard 2/3 is missing; pass every shard's file.\n" + usage,
          status: .usage))
    #expect(
      tool.run(["merge", first, first])
        == CommandResult(
          standardError: "Error: shard 1/3 is given twice, in '\(first)' and '\(first)'; pass "
            + "each shard once.\n" + usage,
          status: .usage))
  }

  @Test func mergeRejectsShardsOfAnotherStudy() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let outputs = try wholeAndMerged(["sweep", "-r", "2"], directory: directory)
    let model = directory.url.appendingPathComponent("model.json").path
    let other = directory.url.appendingPathComponent("other").path
    _ = tool.run(["sweep", model, "-r", "3", "--shard", "2/3", "--output", other])
    let otherFile = other + "/study-chat/sweep-shard-2-of-3.json"
    #expect(
      tool.run(["merge", outputs.shardFiles[1], otherFile, outputs.shardFiles[0]]).standardError
        == "Error: '\(otherFile)' belongs to another study than '\(outputs.shardFiles[1])' "
        + "(another model file, seed, horizon, sweep, replication count or shard count); run "
        + "every shard with the same model and options.\n"
        + "Usage: quotasim merge [options] FILE...\nSee 'quotasim --help'.\n")
  }

  @Test func mergeRejectsFileThatIsNotPartialResult() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(StudyFixtures.chatModel, to: "model.json")
    #expect(
      tool.run(["merge", model.path]).standardError
        == "Error: '\(model.path)' is not a partial result file; pass the files that "
        + "'--shard K/N' wrote.\nUsage: quotasim merge [options] FILE...\nSee 'quotasim --help'.\n")
  }

  @Test func partialResultRoundTripsExactly() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let document = try StudyFixtures.document(StudyFixtures.chatModel, in: directory)
    let results = try StudyRunner(scenarios: [document.loaded.scenario], replications: 3, jobs: 1)
      .run([0, 1, 2])
    let study = StudyDescriptor(
      kind: .replications, model: "study-chat", modelDigest: document.digest, seed: 3, months: nil,
      replications: 3, axes: [], deployment: nil)
    let partial = PartialResult(study: study, shard: ShardSpec(index: 1, count: 1), tasks: results)
    let decoded = try JSONDecoder().decode(PartialResult.self, from: Data(partial.encoded().utf8))
    #expect(decoded == partial)
  }
}
