/// A validated set of deployments with their fallback routes resolved to indices.
///
/// Build one with ``init(deployments:defaultFallback:)``, which rejects what the limiter
/// cannot run with (an empty catalog, duplicate names, unknown or self fallbacks, invalid
/// limits), or load one from a JSON file.
public struct DeploymentCatalog: Sendable, Equatable {
  /// The deployments, in the order given; ``DeploymentID`` indexes this array.
  public let deployments: [Deployment]
  /// Deployments appended to every route after the deployment's own fallbacks.
  public let defaultFallback: [String]
  /// For each deployment, the order in which a request that starts there visits
  /// deployments: itself, then its fallbacks depth-first, then the default fallback,
  /// each deployment at most once.
  public let routes: [[DeploymentID]]
  /// Fallback cycles such as `A → B → C → A`, which are valid and listed for information.
  public let cycles: [[String]]
  private let indexByName: [String: DeploymentID]

  /// Creates a catalog, or throws every problem found, each naming its deployment.
  public init(deployments: [Deployment], defaultFallback: [String] = []) throws(CatalogError) {
    var problems: [CatalogProblem] = []
    var indexByName: [String: DeploymentID] = [:]
    if deployments.isEmpty {
      problems.append(
        .init(
          path: "deployments", message: "the catalog has no deployments",
          fix: "add at least one deployment"))
    }
    for (position, deployment) in deployments.enumerated() {
      if indexByName[deployment.name] != nil {
        problems.append(
          .init(
            path: "deployments[\(position)].name",
            message: "duplicate deployment name '\(deployment.name)'",
            fix: "give every deployment a unique name"))
      } else {
        indexByName[deployment.name] = DeploymentID(position)
      }
      problems += Self.limitProblems(of: deployment, at: position)
    }
    for (position, deployment) in deployments.enumerated() {
      for (slot, target) in deployment.fallbacks.enumerated() {
        let path = "deployments[\(position)].fallbacks[\(slot)]"
        if target == deployment.name {
          problems.append(
            .init(
              path: path, message: "deployment '\(deployment.name)' lists itself as a fallback",
              fix: "remove '\(target)' from its own fallbacks"))
        } else if indexByName[target] == nil {
          problems.append(
            .init(
              path: path, message: "unknown fallback deployment '\(target)'",
              fix: "use one of: \(deployments.map(\.name).joined(separator: ", "))"))
        }
      }
    }
    for (slot, target) in defaultFallback.enumerated() where indexByName[target] == nil {
      problems.append(
        .init(
          path: "defaultFallback[\(slot)]", message: "unknown fallback deployment '\(target)'",
          fix: "use one of: \(deployments.map(\.name).joined(separator: ", "))"))
    }
    if !problems.isEmpty { throw CatalogError(problems: problems) }

    self.deployments = deployments
    self.defaultFallback = defaultFallback
    self.indexByName = indexByName
    self.routes = deployments.indices.map { start in
      Self.route(
        from: start, deployments: deployments, defaultFallback: defaultFallback,
        indexByName: indexByName)
    }
    self.cycles = Self.findCycles(deployments: deployments, indexByName: indexByName)
  }

  /// The deployment with `name`, or `nil`.
  public func id(named name: String) -> DeploymentID? { indexByName[name] }

  /// The deployment at `id`.
  public subscript(id: DeploymentID) -> Deployment { deployments[id.index] }

  /// The IDs of all deployments, in catalog order.
  public var ids: [DeploymentID] { deployments.indices.map(DeploymentID.init) }

  private static func limitProblems(of deployment: Deployment, at position: Int) -> [CatalogProblem]
  {
    var problems: [CatalogProblem] = []
    let base = "deployments[\(position)]"
    if deployment.name.isEmpty {
      problems.append(
        .init(
          path: "\(base).name", message: "the deployment name is empty", fix: "name the deployment")
      )
    }
    if let quota = deployment.tokenQuota, quota <= 0 {
      problems.append(
        .init(
          path: "\(base).tokenQuota", message: "token quota \(quota) is not positive",
          fix: "set a quota of at least 1 token, or remove it for no period quota"))
    }
    if deployment.tokensPerMinute <= 0 {
      problems.append(
        .init(
          path: "\(base).tokensPerMinute",
          message: "tokensPerMinute \(deployment.tokensPerMinute) is not positive",
          fix: "set at least 1,000 tokens per minute"))
    }
    if deployment.requestsPerMinute <= 0 {
      problems.append(
        .init(
          path: "\(base).requestsPerMinute",
          message: "requestsPerMinute \(deployment.requestsPerMinute) is not positive",
          fix: "set at least 1 request per minute, or remove it to derive it from tokensPerMinute"))
    }
    if deployment.defaultOutputEstimate < 0 {
      problems.append(
        .init(
          path: "\(base).defaultOutputEstimate",
          message: "defaultOutputEstimate \(deployment.defaultOutputEstimate) is negative",
          fix: "set 0 or more tokens"))
    }
    return problems
  }

  private static func route(
    from start: Int, deployments: [Deployment], defaultFallback: [String],
    indexByName: [String: DeploymentID]
  ) -> [DeploymentID] {
    var visited = Set<Int>()
    var order: [DeploymentID] = []
    func visit(_ index: Int) {
      guard visited.insert(index).inserted else { return }
      order.append(DeploymentID(index))
      for name in deployments[index].fallbacks {
        if let next = indexByName[name] { visit(next.index) }
      }
    }
    visit(start)
    for name in defaultFallback {
      if let next = indexByName[name] { visit(next.index) }
    }
    return order
  }

  private static func findCycles(deployments: [Deployment], indexByName: [String: DeploymentID])
    -> [[String]]
  {
    // Each elementary cycle is reported once, starting at its lowest-index deployment.
    var cycles: [[String]] = []
    for start in deployments.indices {
      var path: [Int] = [start]
      func walk(_ current: Int) {
        for name in deployments[current].fallbacks {
          guard let next = indexByName[name]?.index else { continue }
          if next == start {
            cycles.append(path.map { deployments[$0].name } + [deployments[start].name])
          } else if next > start, !path.contains(next) {
            path.append(next)
            walk(next)
            path.removeLast()
          }
        }
      }
      walk(start)
    }
    return cycles
  }
}

/// One problem in a deployment catalog: where it is, what is wrong and how to fix it.
public struct CatalogProblem: Sendable, Equatable {
  /// The JSON path of the offending value, such as `deployments[1].fallbacks[0]`.
  public var path: String
  /// What is wrong, with the value.
  public var message: String
  /// What to change.
  public var fix: String
}

/// The problems that kept a catalog from being built.
public struct CatalogError: Error, Sendable, Equatable {
  /// Every problem found, in the order of the catalog.
  public var problems: [CatalogProblem]
}
