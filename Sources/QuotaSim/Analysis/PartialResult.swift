import Foundation

/// The results of one shard of a study, as a file that ``PartialResult/merge(_:)`` combines
/// with the other shards' files.
///
/// The file contains every run result of the shard's tasks, not running sums, so the merge
/// can summarize all replications in the same order as one machine does and print the same
/// bytes.
public struct PartialResult: Sendable, Equatable, Codable {
  /// The value of ``format`` in every partial result file.
  public static let formatName = "quotasim-partial-result"
  /// The version of the file layout this build reads and writes.
  public static let currentVersion = 1

  /// Marks the file as a partial result.
  public var format: String
  /// The file layout's version.
  public var version: Int
  /// The study the shard belongs to.
  public var study: StudyDescriptor
  /// The shard's number and the shard count.
  public var shard: ShardSpec
  /// The shard's tasks in increasing task order.
  public var tasks: [TaskResult]

  public init(study: StudyDescriptor, shard: ShardSpec, tasks: [TaskResult]) {
    format = Self.formatName
    version = Self.currentVersion
    self.study = study
    self.shard = shard
    self.tasks = tasks
  }

  /// Returns the file name of a shard's result, such as `sweep-shard-2-of-3.json`.
  public static func fileName(kind: StudyDescriptor.Kind, shard: ShardSpec) -> String {
    let command = kind == .sweep ? "sweep" : "run"
    return "\(command)-shard-\(shard.index)-of-\(shard.count).json"
  }

  /// Returns the file's text: compact JSON with sorted keys and a final newline.
  public func encoded() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    } catch {
      preconditionFailure("encoding a partial result failed: \(error)")
    }
  }

  /// Reads a partial result file.
  ///
  /// - Parameter file: The file as the user named it, for messages.
  /// - Throws: ``MergeError`` when the file cannot be read, is not a partial result, or has
  ///   another version.
  public static func read(contentsOf url: URL, file: String) throws(MergeError) -> PartialResult {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(file: file, reason: (error as NSError).localizedDescription)
    }
    struct Header: Decodable {
      var format: String?
      var version: Int?
    }
    guard let header = try? JSONDecoder().decode(Header.self, from: data),
      header.format == formatName
    else { throw .notAPartialResult(file: file) }
    guard header.version == currentVersion else {
      throw .unsupportedVersion(file: file, version: header.version ?? 0)
    }
    let partial: PartialResult
    do {
      partial = try JSONDecoder().decode(PartialResult.self, from: data)
    } catch {
      throw .corrupt(file: file, reason: "\(error)")
    }
    if let problem = partial.study.problem {
      throw .corrupt(file: file, reason: problem)
    }
    let shard = partial.shard
    guard (1...ShardSpec.maximumCount).contains(shard.count),
      (1...shard.count).contains(shard.index)
    else { throw .corrupt(file: file, reason: "shard \(shard) is not from 1 to its count") }
    return partial
  }
}
