import Foundation

/// A deployment catalog read from a file, with the client policy it sets and what the reader
/// noticed along the way.
public struct LoadedCatalog: Sendable, Equatable {
  /// The file as the user named it.
  public var file: String
  /// The validated deployments and their routes.
  public var catalog: DeploymentCatalog
  /// The limiter policy: the file's `policy` object over the defaults.
  public var policy: LimiterPolicy
  /// For each deployment, in catalog order, the fields that took a default.
  public var derived: [DerivedDeploymentFields]
  /// Information that is not an error, such as fallback cycles `A → B → A`.
  public var notes: [String]
}

extension DeploymentCatalog {
  /// Reads, parses and validates the catalog file at `url`.
  ///
  /// The format is described in `docs/catalog-format.md`.
  /// - Throws: `ConfigError` with every problem found, each naming the file, the JSON path,
  ///   the value and the fix.
  public static func load(contentsOf url: URL) throws(ConfigError) -> LoadedCatalog {
    let file = ConfigFile.displayName(for: url)
    return try decode(try ConfigFile.parse(contentsOf: url), file: file)
  }

  /// Validates a parsed catalog document from `file`.
  ///
  /// - Throws: `ConfigError` with every problem found, ordered by position in the file.
  public static func decode(_ value: JSONValue, file: String) throws(ConfigError)
    -> LoadedCatalog
  {
    let collector = ConfigIssueCollector(file: file)
    let root = ConfigObjectReader.root(
      value, collector: collector,
      fix: "Write the catalog as a JSON object with a \"deployments\" array")
    guard let root else { throw collector.error() }

    let decoded = decodeDeployments(from: root)
    let policy = root.optional("policy")?
      .object(fix: "Write the policy as a JSON object, such as {\"maxRetries\": 3}")
      .map(LimiterPolicy.decode(from:))
    root.rejectUnknownKeys()
    guard !collector.hasIssues, let decoded else { throw collector.error() }

    return LoadedCatalog(
      file: file, catalog: decoded.catalog, policy: policy ?? LimiterPolicy(),
      derived: decoded.derived, notes: notes(for: decoded.catalog))
  }

  /// Decodes the `timeZone`, `defaultFallback` and `deployments` members of `reader` into a
  /// catalog, recording every problem in the reader's collector.
  ///
  /// A catalog file and a scenario file share these members, so both decoders call this.
  /// - Parameters:
  ///   - reader: The object that contains the members.
  ///   - extraDeploymentKeys: Keys a deployment object may have besides the catalog's, which
  ///     the caller decodes itself, such as a scenario's `azure`.
  /// - Returns: The catalog and the defaulted fields of each deployment, or `nil` when any
  ///   problem was recorded.
  public static func decodeDeployments(
    from reader: ConfigObjectReader, extraDeploymentKeys: [String] = []
  ) -> (catalog: DeploymentCatalog, derived: [DerivedDeploymentFields])? {
    let collector = reader.collector
    let problemsBefore = collector.issues.count
    let timeZone = reader.optional("timeZone").map { Deployment.validTimeZone($0) ?? "UTC" }
    let (defaultFallback, defaultFallbackIndices) = Deployment.decodeNames(
      from: reader, key: "defaultFallback")
    let elements = reader.required(
      "deployments", fix: "Add a \"deployments\" array with at least one deployment")?
      .array(
        expected: "an array of deployment objects",
        fix: "Write the deployments in an array, such as [{\"name\": \"prod\", …}]")
    guard let elements else { return nil }

    let decoded = elements.map { element in
      element.object(
        expected: "a deployment object",
        fix: "Write the deployment as an object with \"name\", \"model\" and \"tokensPerMinute\""
      ).map { deployment in
        for key in extraDeploymentKeys { deployment.allow(key) }
        return Deployment.decode(from: deployment, defaultTimeZone: timeZone ?? "UTC")
      }
    }

    // Deployments with problems stand in as placeholders, so the name and fallback checks
    // still run over every deployment at its real index.
    let deployments = decoded.enumerated().map { index, result in
      result?.deployment
        ?? Deployment(
          name: result?.name ?? "\u{0}unnamed deployment \(index)",
          fallbacks: result?.fallbacks ?? [])
    }
    let sources = CatalogSources(
      document: reader, decoded: decoded, defaultFallbackIndices: defaultFallbackIndices,
      placeholderNames: zip(deployments, decoded).compactMap { deployment, result in
        result?.name == nil ? deployment.name : nil
      })
    do {
      let catalog = try DeploymentCatalog(
        deployments: deployments, defaultFallback: defaultFallback)
      guard collector.issues.count == problemsBefore else { return nil }
      return (catalog, decoded.map { $0?.derived ?? [] })
    } catch {
      for problem in error.problems { collector.record(sources.issue(for: problem)) }
      return nil
    }
  }

  /// Returns the notes for a valid catalog: fallback cycles, and quota periods named in a
  /// zone other than UTC.
  static func notes(for catalog: DeploymentCatalog) -> [String] {
    var notes = catalog.cycles.map { cycle in
      "fallback cycle \(cycle.joined(separator: " → ")): valid, because a request visits "
        + "each deployment at most once"
    }
    for deployment in catalog.deployments
    where deployment.tokenQuota != nil && deployment.timeZoneIdentifier != "UTC" {
      notes.append(
        "deployment '\(deployment.name)' names its quota periods in "
          + "\(deployment.timeZoneIdentifier), while a gateway quota resets at the UTC boundary")
    }
    return notes
  }
}

/// The JSON values behind a catalog, for turning ``CatalogProblem`` paths into issues that
/// show the value as written.
private struct CatalogSources {
  let document: ConfigObjectReader
  let decoded: [DecodedDeployment?]
  let defaultFallbackIndices: [Int]
  /// The names given to deployments whose own name was invalid, kept out of fix texts.
  let placeholderNames: [String]

  /// Returns the issue for `problem`, with its path rewritten to the file's layout.
  func issue(for problem: CatalogProblem) -> ConfigIssue {
    let path = filePath(for: problem.path)
    let value = value(at: path)
    var fix = problem.fix
    for name in placeholderNames {
      fix = fix.replacingOccurrences(of: name + ", ", with: "")
        .replacingOccurrences(of: ", " + name, with: "")
    }
    return ConfigIssue(
      file: document.collector.file, path: path, position: value?.position ?? document.position,
      value: value?.summary, message: problem.message, fix: fix)
  }

  /// Parses a catalog problem path such as `deployments[2].fallbacks[0]`, mapping fallback
  /// slots back to their index in the file.
  private func filePath(for text: String) -> ConfigPath {
    var components: [ConfigPath.Component] = []
    for part in text.split(separator: ".") {
      var name = part[...]
      var indices: [Int] = []
      while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
        let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
      {
        indices.insert(index, at: 0)
        name = name[..<open]
      }
      components.append(.key(String(name)))
      components += indices.map(ConfigPath.Component.index)
    }
    return ConfigPath(remapFallbackSlots(components))
  }

  private func remapFallbackSlots(_ components: [ConfigPath.Component]) -> [ConfigPath.Component] {
    var result = components
    if components.count == 4, components[0] == .key("deployments"),
      components[2] == .key("fallbacks"), case .index(let deployment) = components[1],
      case .index(let slot) = components[3], decoded.indices.contains(deployment),
      let indices = decoded[deployment]?.fallbackIndices, indices.indices.contains(slot)
    {
      result[3] = .index(indices[slot])
    }
    if components.count == 2, components[0] == .key("defaultFallback"),
      case .index(let slot) = components[1], defaultFallbackIndices.indices.contains(slot)
    {
      result[1] = .index(defaultFallbackIndices[slot])
    }
    return result
  }

  /// Returns the value at `path` in the document, or `nil` when there is none.
  private func value(at path: ConfigPath) -> JSONValue? {
    var current: JSONValue? = JSONValue(.object(document.object), at: document.position)
    for component in path.components {
      switch component {
      case .key(let key):
        current = current?.objectValue?[key]
      case .index(let index):
        guard let array = current?.arrayValue, array.indices.contains(index) else { return nil }
        current = array[index]
      }
    }
    return current
  }
}
