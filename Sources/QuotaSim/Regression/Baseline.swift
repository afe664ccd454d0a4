import Foundation

/// The stored figures of a model's runs, against which `quotasim check` compares new runs.
///
/// On disk a baseline is `<folder>/<model>.json`: pretty-printed JSON with sorted keys, so a
/// change to it diffs cleanly in review:
///
/// ```json
/// {"format": 1, "model": "nightly-scans", "runs": [{…the run's result…}]}
/// ```
///
/// Each run's result contains its seed and replication, which a check reruns. `months` is
/// present when the baseline was recorded with `--months`, and a check reruns with it too.
public struct Baseline: Sendable {
  /// The format version this build writes and reads.
  public static let formatVersion = 1

  /// The file as the user named it, or empty for a baseline not read from a file.
  public var file: String
  /// The model's name, which is also the file's name without `.json`.
  public var model: String
  /// The horizon override in calendar months the runs were recorded with, or `nil`.
  public var months: Int?
  /// The stored runs, in order.
  public var runs: [StoredRun]

  /// One stored run: what to rerun and the figures to compare with.
  public struct StoredRun: Sendable {
    /// The seed of the run.
    public var seed: UInt64
    /// The replication index of the run.
    public var replication: Int
    /// The run's result as stored.
    public var result: JSONValue
  }

  /// Returns the path of the baseline of `model` in `folder`.
  public static func url(forModel model: String, in folder: URL) -> URL {
    folder.appendingPathComponent(model + ".json")
  }

  /// Returns the text of a baseline file for `results`, ending with a newline.
  public static func document(model: String, months: Int?, results: [RunResult]) -> String {
    let document = Document(
      format: formatVersion, model: model, months: months, runs: results)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    } catch {
      preconditionFailure("encoding a baseline failed: \(error)")
    }
  }

  /// Returns `result` as the JSON tree a baseline stores, for comparing.
  public static func storedForm(of result: RunResult) -> JSONValue {
    do {
      return try JSONParser().parse(RunReport.json(result))
    } catch {
      preconditionFailure("a run result's JSON did not parse: \(error)")
    }
  }

  private struct Document: Encodable {
    var format: Int
    var model: String
    var months: Int?
    var runs: [RunResult]
  }
}

extension Baseline {
  /// Reads and checks the baseline file at `url`.
  ///
  /// - Throws: `ConfigError` naming the file, the JSON path and the fix when the file cannot
  ///   be read, is not JSON, or lacks the members a check needs.
  public static func load(contentsOf url: URL) throws(ConfigError) -> Baseline {
    let file = ConfigFile.displayName(for: url)
    let value = try ConfigFile.parse(contentsOf: url)
    let collector = ConfigIssueCollector(file: file)
    let fix = "Record the baseline again with 'quotasim check MODEL --baseline DIR --update'"
    guard let root = ConfigObjectReader.root(value, collector: collector, fix: fix) else {
      throw collector.error()
    }

    let format = root.required("format", fix: fix)?
      .integer(in: 1...Int64(formatVersion), expected: "format version \(formatVersion)", fix: fix)
    let model = root.required("model", fix: fix)?.nonEmptyString(fix: fix)
    let months = root.optional("months")?
      .integer(
        in: 1...Int64(ScenarioOverrides.maximumMonths), expected: "a number of months", fix: fix)
    let runs = root.required("runs", fix: fix)?.array(fix: fix)?.compactMap { element in
      storedRun(element, fix: fix)
    }
    root.rejectUnknownKeys()
    guard !collector.hasIssues, format != nil, let model, let runs else {
      throw collector.error()
    }
    if runs.isEmpty {
      root.required("runs", fix: fix)?.reportExpected("at least one run", fix: fix)
      throw collector.error()
    }
    return Baseline(file: file, model: model, months: months.map(Int.init), runs: runs)
  }

  private static func storedRun(_ value: ConfigValueReader, fix: String) -> StoredRun? {
    guard let object = value.object(expected: "a run result", fix: fix) else { return nil }
    let seed = object.required("seed", fix: fix)?
      .integer(in: 0...Int64.max, expected: "a seed", fix: fix)
    let replication = object.required("replication", fix: fix)?
      .integer(in: 0...Int64(Int32.max), expected: "a replication index", fix: fix)
    guard let seed, let replication else { return nil }
    return StoredRun(seed: UInt64(seed), replication: Int(replication), result: value.value)
  }
}
