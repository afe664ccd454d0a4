extension PartialResult {
  /// Combines the files of every shard of one study into the study's results, ordered by
  /// point and replication, as one machine computes them.
  ///
  /// - Parameter partials: Each file's name, as the user gave it, and its content.
  /// - Returns: The study and its complete results.
  /// - Throws: ``MergeError`` when the files belong to different studies, a shard is given
  ///   twice or is missing, or a file lacks tasks of its shard.
  public static func merge(_ partials: [(file: String, result: PartialResult)])
    throws(MergeError) -> (study: StudyDescriptor, results: [TaskResult])
  {
    guard let first = partials.first else { throw .noFiles }
    let study = first.result.study
    let shardCount = first.result.shard.count
    var fileOfShard: [Int: String] = [:]
    for (file, partial) in partials {
      guard partial.study == study, partial.shard.count == shardCount else {
        throw .differentStudy(file: file, firstFile: first.file)
      }
      if let other = fileOfShard[partial.shard.index] {
        throw .duplicateShard(partial.shard, files: [other, file])
      }
      fileOfShard[partial.shard.index] = file
      guard partial.tasks.map({ $0.task(in: study) }) == partial.shard.tasks(of: study.taskCount)
      else { throw .incompleteShard(file: file, shard: partial.shard) }
    }
    let missing = (1...shardCount).filter { fileOfShard[$0] == nil }
    guard missing.isEmpty else { throw .missingShards(missing, count: shardCount) }

    var results = [TaskResult?](repeating: nil, count: study.taskCount)
    for (_, partial) in partials {
      for task in partial.tasks { results[task.task(in: study)] = task }
    }
    return (study, results.map { $0! })
  }
}

extension TaskResult {
  /// Returns the task's number in `study`: point × replications + replication, or −1 for a
  /// replication outside the study.
  func task(in study: StudyDescriptor) -> Int {
    replication >= 0 && replication < study.replications
      ? point * study.replications + replication : -1
  }
}

/// Partial result files that cannot be merged.
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No file was given.
  case noFiles
  /// A file cannot be read.
  case unreadable(file: String, reason: String)
  /// A file is not a partial result.
  case notAPartialResult(file: String)
  /// A file was written by a build with another file layout.
  case unsupportedVersion(file: String, version: Int)
  /// A file is a partial result but its content cannot be decoded.
  case corrupt(file: String, reason: String)
  /// A file belongs to another study (model, options or shard count) than the first file.
  case differentStudy(file: String, firstFile: String)
  /// Two files hold the same shard.
  case duplicateShard(ShardSpec, files: [String])
  /// Shards of the study have no file.
  case missingShards([Int], count: Int)
  /// A file lacks tasks of its shard or contains other tasks.
  case incompleteShard(file: String, shard: ShardSpec)

  public var description: String {
    switch self {
    case .noFiles:
      "no partial result file was given; pass every shard's file"
    case .unreadable(let file, let reason):
      "cannot read '\(file)' (\(reason)); check the path"
    case .notAPartialResult(let file):
      "'\(file)' is not a partial result file; pass the files that '--shard K/N' wrote"
    case .unsupportedVersion(let file, let version):
      "'\(file)' has partial result version \(version), but this build reads version "
        + "\(PartialResult.currentVersion); run every shard and the merge with the same build"
    case .corrupt(let file, let reason):
      "'\(file)' is a damaged partial result (\(reason)); run its shard again"
    case .differentStudy(let file, let firstFile):
      "'\(file)' belongs to another study than '\(firstFile)' (another model file, seed, "
        + "horizon, sweep, replication count or shard count); run every shard with the same "
        + "model and options"
    case .duplicateShard(let shard, let files):
      "shard \(shard) is given twice, in '\(files[0])' and '\(files[1])'; pass each shard once"
    case .missingShards(let missing, let count):
      "shard\(missing.count == 1 ? "" : "s") "
        + missing.map { "\($0)/\(count)" }.joined(separator: ", ")
        + " \(missing.count == 1 ? "is" : "are") missing; pass every shard's file"
    case .incompleteShard(let file, let shard):
      "'\(file)' does not hold exactly the tasks of shard \(shard); run that shard again"
    }
  }
}
