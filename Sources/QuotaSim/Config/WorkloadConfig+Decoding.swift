import Foundation

/// The inputs of workload decoding besides the workload object.
struct WorkloadDecodingContext {
  /// The names of the scenario's deployments, or `nil` when the file has no readable
  /// deployments array, in which case workloads are not checked against it.
  var deploymentNames: [String]?
  /// The folder that relative `traceFile` paths start from.
  var baseDirectory: URL
}

extension WorkloadConfig {
  /// The workload kinds, by their `kind` value.
  static let kinds = ["poisson", "batch", "trace"]

  /// Decodes the `workloads` array of `root`, recording every problem in the collector.
  ///
  /// - Returns: The workloads in file order and notes for the summary, or `nil` when any
  ///   problem was recorded.
  static func decodeAll(from root: ConfigObjectReader, context: WorkloadDecodingContext)
    -> (configs: [WorkloadConfig], notes: [String])?
  {
    let problemsBefore = root.collector.issues.count
    let array = root.required(
      "workloads", fix: "Add a \"workloads\" array with at least one workload")
    let example =
      "{\"name\": \"chat\", \"deployment\": \"prod\", \"kind\": \"poisson\", \"ratePerMinute\": 30, …}"
    guard let array,
      let elements = array.array(
        expected: "an array of workload objects",
        fix: "Write the workloads in an array, such as [\(example)]")
    else { return nil }
    if elements.isEmpty {
      array.reportExpected(
        "a non-empty array of workload objects",
        fix: "Add at least one workload, such as \(example)")
    }

    var names: Set<String> = []
    var configs: [WorkloadConfig] = []
    var notes: [String] = []
    for element in elements {
      let object = element.object(
        expected: "a workload object",
        fix: "Write the workload as an object with \"name\", \"deployment\" and \"kind\"")
      guard let object else { continue }
      if let config = decode(from: object, context: context, names: &names, notes: &notes) {
        configs.append(config)
      }
    }
    guard root.collector.issues.count == problemsBefore else { return nil }
    return (configs, notes)
  }

  /// Decodes one workload object.
  ///
  /// - Parameters:
  ///   - names: The names of the workloads before this one, to which this one's name is added.
  ///   - notes: Receives notes for the summary.
  private static func decode(
    from reader: ConfigObjectReader, context: WorkloadDecodingContext, names: inout Set<String>,
    notes: inout [String]
  ) -> WorkloadConfig? {
    let problemsBefore = reader.collector.issues.count
    let name = decodeName(from: reader, names: &names)
    let deployment = decodeDeployment(from: reader, names: context.deploymentNames)
    let kind = reader.required(
      "kind", fix: "Add \"kind\": \"poisson\", \"batch\" or \"trace\"")?
      .choice(among: kinds)

    var arrivals = ArrivalProcess.decode(kind: kind, from: reader, workload: name, notes: &notes)
    let sizes = decodeSizes(from: reader, kind: kind)
    let maxTokens = reader.optional("maxTokens")?
      .tokenCount(
        in: 1...Int64.max, expected: "a positive whole number of tokens",
        fix: "Set maxTokens to at least 1, or remove it to leave max_tokens unset")
    let choices = reader.optional("n")?
      .integer(
        in: 1...128, expected: "a whole number of completions from 1 to 128",
        fix: "Set n to 1 unless each request asks for several completions")
    reader.rejectUnknownKeys()
    guard reader.collector.issues.count == problemsBefore else { return nil }

    // The trace is read last, and only when the rest of the workload is valid, so that a
    // typo elsewhere does not also cost a read of a large file.
    if case .trace(var replay) = arrivals, let file = reader.optional("traceFile") {
      guard let rows = loadTraceRows(file, baseDirectory: context.baseDirectory, notes: &notes)
      else { return nil }
      if replay.loops, rows.first?.offsetMicroseconds == rows.last?.offsetMicroseconds,
        let loop = reader.optional("loop")
      {
        let arrive = rows.count == 1 ? "its one row arrives" : "its \(rows.count) rows all arrive"
        loop.report(
          "the trace spans no time, because \(arrive) at one instant, so it cannot loop",
          fix: "Set loop to false, or use a trace whose rows span some time")
        return nil
      }
      replay.rows = rows
      arrivals = .trace(replay)
    }
    guard let name, let deployment, let arrivals, let sizes else { return nil }
    return WorkloadConfig(
      name: name, deployment: deployment, arrivals: arrivals,
      promptTokens: sizes.prompt.distribution, completionTokens: sizes.completion.distribution,
      promptRounding: sizes.prompt.rounding, completionRounding: sizes.completion.rounding,
      maxTokens: maxTokens, choices: choices ?? 1)
  }

  private static func decodeName(from reader: ConfigObjectReader, names: inout Set<String>)
    -> String?
  {
    let value = reader.required("name", fix: "Add \"name\" with the workload's name")
    guard let value,
      let name = value.nonEmptyString(
        expected: "a non-empty workload name", fix: "Write the workload's name in double quotes")
    else { return nil }
    guard names.insert(name).inserted else {
      value.report("duplicate workload name '\(name)'", fix: "Give every workload a unique name")
      return nil
    }
    return name
  }

  private static func decodeDeployment(from reader: ConfigObjectReader, names: [String]?)
    -> String?
  {
    let value = reader.required(
      "deployment", fix: "Add \"deployment\" with the name of the deployment it sends to first")
    guard let value,
      let name = value.nonEmptyString(
        expected: "a deployment name", fix: "Write the name of a deployment in double quotes")
    else { return nil }
    guard let names, !names.contains(name) else { return name }

    let fix =
      NameSuggestion.closest(to: name, among: names).map { "Did you mean '\($0)'?" }
      ?? "Use one of: \(names.joined(separator: ", "))"
    value.report("unknown deployment '\(name)'", fix: fix)
    return nil
  }

  /// A size distribution with the rounding of its draws.
  private typealias TokenSize = (distribution: TokenSizeDistribution, rounding: TokenRounding)

  /// Reads `promptTokens` and `completionTokens`, which trace workloads take from the trace.
  private static func decodeSizes(from reader: ConfigObjectReader, kind: String?)
    -> (prompt: TokenSize, completion: TokenSize)?
  {
    let keys = ["promptTokens", "completionTokens"]
    if kind == "trace" {
      for key in keys {
        reader.optional(key)?.report(
          "is not allowed for trace workloads, which take token sizes from the trace",
          fix: "Remove \(key)")
      }
      // NOTE: Trace workloads carry zero-token placeholders, because the rows carry the sizes.
      return ((.fixed(0), .nearest), (.fixed(0), .nearest))
    }
    let sizes = keys.map { key in
      reader.required(
        key, fix: "Add \"\(key)\", such as {\"logNormal\": {\"mu\": 6.6, \"sigma\": 1.0}}"
      ).flatMap(TokenSizeDistribution.decode(from:))
    }
    guard kind != nil, let prompt = sizes[0], let completion = sizes[1] else { return nil }
    return (prompt, completion)
  }
}
