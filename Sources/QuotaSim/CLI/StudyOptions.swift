/// The options of commands that run many replications: `--replications`, `--jobs`,
/// `--shard`, `--quiet` and `--html`.
struct StudyOptions: Sendable, Equatable {
  /// Replications per point, or `nil` when `--replications` is absent.
  var replications: Int?
  /// The maximum number of worker threads.
  var jobs: Int
  /// The part of the study to compute, or `nil` for all of it.
  var shard: ShardSpec?
  /// Whether the progress line is off.
  var quiet: Bool
  /// Whether report.html is written as well.
  var html: Bool

  /// The largest value `--jobs` accepts.
  static let maximumJobs = 1_024

  static func replicationsOption(defaultText: String) -> OptionSpec {
    OptionSpec(
      name: "replications", shortName: "r", valueName: "R",
      help: "Independent replications per point, each with its own random streams derived "
        + "from the seed and its index, from 1 to \(StreamKey.replicationLimit) "
        + "(\(defaultText)).")
  }

  static let jobsOption = OptionSpec(
    name: "jobs", shortName: "j", valueName: "N",
    help: "Worker threads, from 1 to \(maximumJobs) (default: the number of cores). Results do "
      + "not depend on it.")

  static let shardOption = OptionSpec(
    name: "shard", valueName: "K/N",
    help: "Compute only shard K of N of the runs and write them to a partial result file for "
      + "'quotasim merge'; K is from 1 to N.")

  static let htmlOption = OptionSpec(
    name: "html",
    help: "Also write report.html to the output folder: one self-contained page with the "
      + "summary and charts, readable offline and printable.")

  static let quietOption = OptionSpec(
    name: "quiet", shortName: "q", help: "Show no progress line on standard error.")

  /// Reads the options from a parsed command line.
  ///
  /// - Throws: `UsageError` naming the option and the value when a value is out of range.
  init(parsed: ParsedCommand, usage: String) throws(UsageError) {
    if let text = parsed.options["replications"] {
      guard let count = Self.wholeNumber(text), (1...StreamKey.replicationLimit).contains(count)
      else {
        throw UsageError(
          message: "option '--replications' needs a whole number from 1 to "
            + "\(StreamKey.replicationLimit), but found '\(text)'",
          usage: usage)
      }
      replications = count
    }
    jobs = ParallelWork.defaultJobs
    if let text = parsed.options["jobs"] {
      guard let count = Self.wholeNumber(text), (1...Self.maximumJobs).contains(count) else {
        throw UsageError(
          message: "option '--jobs' needs a whole number from 1 to \(Self.maximumJobs), "
            + "but found '\(text)'",
          usage: usage)
      }
      jobs = count
    }
    if let text = parsed.options["shard"] {
      guard let shard = ShardSpec(parsing: text) else {
        throw UsageError(
          message: "option '--shard' needs K/N with whole numbers 1 ≤ K ≤ N ≤ "
            + "\(ShardSpec.maximumCount), such as 2/3, but found '\(text)'",
          usage: usage)
      }
      self.shard = shard
    }
    quiet = parsed.flags.contains("quiet")
    html = parsed.flags.contains("html")
    if html, shard != nil {
      throw UsageError(
        message: "option '--html' cannot be combined with '--shard'; run without '--shard' to "
          + "write report.html",
        usage: usage)
    }
  }

  /// Parses decimal digits without a sign, or returns `nil`.
  private static func wholeNumber(_ text: String) -> Int? {
    guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (48...57).contains($0) }) else {
      return nil
    }
    return Int(text)
  }
}
