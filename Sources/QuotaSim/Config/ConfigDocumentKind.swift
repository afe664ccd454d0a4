/// The kinds of configuration file `quotasim` reads, distinguished by their top-level keys.
public enum ConfigDocumentKind: Sendable, Equatable {
  /// A deployment catalog: deployments, their fallbacks and a client policy.
  case catalog
  /// A scenario: a catalog plus workloads, a horizon and a seed.
  case scenario

  /// The top-level keys that only a scenario has. Any one of them marks a scenario, so a
  /// scenario that lacks `workloads` is still reported as a scenario.
  public static let scenarioMarkerKeys = ["workloads", "start"] + Scenario.horizonKeys

  /// Returns the kind of the parsed document `value`: a scenario when its top level has one
  /// of ``scenarioMarkerKeys``, else a catalog.
  public static func detect(_ value: JSONValue) -> ConfigDocumentKind {
    guard let object = value.objectValue else { return .catalog }
    return scenarioMarkerKeys.contains { object[$0] != nil } ? .scenario : .catalog
  }
}
