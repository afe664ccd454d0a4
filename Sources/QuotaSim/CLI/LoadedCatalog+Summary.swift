extension LoadedCatalog {
  /// Returns what `quotasim validate` prints for a valid catalog: each deployment's model,
  /// limits, quota, prices and fallback route, then the policy and the notes.
  public func summary() -> String {
    let count = catalog.deployments.count
    var sections = [
      "\(file): valid deployment catalog with \(count) deployment\(count == 1 ? "" : "s")."
    ]
    sections.append(
      "Deployments:\n"
        + catalog.ids.map(deploymentSummary).joined(separator: "\n"))
    sections.append("Policy:\n" + Self.rows(policyRows()))
    if !notes.isEmpty {
      sections.append("Notes:\n" + notes.map { "  " + $0 }.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  private func deploymentSummary(_ id: DeploymentID) -> String {
    "  \(catalog[id].name)\n" + Self.rows(deploymentRows(id), indent: 4)
  }

  /// Returns the label-value rows that describe one deployment's client-side settings.
  func deploymentRows(_ id: DeploymentID) -> [(String, String)] {
    let deployment = catalog[id]
    let derived = self.derived.indices.contains(id.index) ? self.derived[id.index] : []
    let profile = ModelProfile.forModel(deployment.model)
    var rows: [(String, String)] = [("model", deployment.model)]
    if let endpoint = deployment.endpoint { rows.append(("endpoint", endpoint)) }

    rows.append(("tokens per minute", QuantityFormat.grouped(deployment.tokensPerMinute)))
    var requests = QuantityFormat.grouped(deployment.requestsPerMinute)
    if derived.contains(.requestsPerMinute) {
      requests +=
        " (derived: \(profile.requestsPerUnit) per "
        + "\(QuantityFormat.grouped(profile.tokensPerRequestUnit)) tokens per minute)"
    }
    rows.append(("requests per minute", requests))

    let zone = deployment.timeZoneIdentifier
    let quota =
      deployment.tokenQuota.map {
        "\(QuantityFormat.grouped($0)) tokens per \(deployment.quotaPeriod.rawValue), "
          + "periods named in \(zone)"
      } ?? "none"
    rows.append(("quota", quota))
    rows.append(("prices", prices(of: deployment)))
    var estimate = "\(QuantityFormat.grouped(deployment.defaultOutputEstimate)) tokens"
    if derived.contains(.defaultOutputEstimate) { estimate += " (model default)" }
    rows.append(("output estimate", estimate))
    let route = catalog.routes[id.index].map { catalog[$0].name }
    rows.append(("route", route.joined(separator: " → ")))
    return rows
  }

  private func prices(of deployment: Deployment) -> String {
    let prompt = deployment.promptPricePerMillion
    let completion = deployment.completionPricePerMillion
    if prompt == 0, completion == 0 { return "none given, so costs report as $0.00" }
    return "\(QuantityFormat.dollars(prompt)) prompt, \(QuantityFormat.dollars(completion)) "
      + "completion per million tokens"
  }

  /// Returns the label-value rows that describe the limiter policy.
  func policyRows() -> [(String, String)] {
    let alerts =
      policy.alertThresholds.isEmpty
      ? "none" : policy.alertThresholds.map(QuantityFormat.percent).joined(separator: ", ")
    let fallbacks =
      switch policy.maxFallbacks {
      case nil: "as many hops as the route has"
      case 0: "none"
      case let hops?: "at most \(hops) hop\(hops == 1 ? "" : "s") per request"
      }
    let overflow =
      switch policy.overflow {
      case .drop: "drop"
      case .deferUpTo(let maxWait): "defer up to \(QuantityFormat.seconds(maxWait))"
      }
    let backoff =
      "\(QuantityFormat.seconds(policy.backoffBase)) doubling to "
      + "\(QuantityFormat.seconds(policy.backoffMax)), jitter ±"
      + "\(QuantityFormat.percent(policy.backoffJitter)), seed \(policy.seed)"
    var rows = [
      ("alerts", "\(alerts) of the quota"),
      (
        "throttle",
        "\(QuantityFormat.percent(policy.throttleThreshold)) of the quota "
          + "(\(policy.throttleRule.rawValue))"
      ),
      ("retries", "\(policy.maxRetries) per request and deployment"),
      ("max retry delay", QuantityFormat.seconds(policy.maxRetryDelay)),
      ("max block", QuantityFormat.seconds(policy.maxBlock)),
      ("max total wait", "\(QuantityFormat.seconds(policy.maxTotalWait)) per request"),
      ("backoff", backoff),
      ("fallbacks", fallbacks),
      ("overflow", overflow),
      ("client errors", policy.clientErrorAction.rawValue),
      ("retries used up", policy.retriesExhaustedAction.rawValue),
    ]
    // The two behaviours below exist to measure client mistakes, so they are listed only
    // when a file sets them away from the default.
    if policy.retryDelayRule != .serverHints {
      rows.append(("retry delays", "\(policy.retryDelayRule.rawValue) (not serverHints)"))
    }
    if policy.quotaExhaustionAction != .fallBack {
      rows.append(
        ("quota exhaustion", "\(policy.quotaExhaustionAction.rawValue) (not fallBack)"))
    }
    return rows
  }

  /// Lays out label-value rows with the values aligned.
  static func rows(_ rows: [(String, String)], indent: Int = 2) -> String {
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    let prefix = String(repeating: " ", count: indent)
    return rows.map { label, value in
      prefix + label + String(repeating: " ", count: width - label.count) + value
    }.joined(separator: "\n")
  }
}
