/// The kinds of configuration file `quotasim` reads, distinguished by their top-level keys.
public enum ConfigDocumentKind: Sendable, Equatable {
  /// A deployment catalog: deployments, their fallbacks and a client policy.
  case catalog
  /// A scenario: a catalog plus workloads, a horizon and a seed.
  case scenario

  /// The top-level key that marks a scenario; a catalog has no workloads.
  public static let scenarioMarkerKey = "workloads"

  /// Returns the kind of the parsed document `value`: a scenario when its top level has a
  /// `workloads` member, else a catalog.
  public static func detect(_ value: JSONValue) -> ConfigDocumentKind {
    value.objectValue?[scenarioMarkerKey] != nil ? .scenario : .catalog
  }
}
