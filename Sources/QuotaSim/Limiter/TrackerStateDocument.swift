import Foundation

/// The contents of a tracker state file: usage per deployment, never limits.
///
/// On disk it is JSON with sorted keys, so that two versions of a file diff cleanly:
///
/// ```json
/// {"version": 1, "deployments": {"A": {"period": "2025-03", "usedTokens": 2500, …}}}
/// ```
///
/// Entries of deployments that the reading catalog does not define are kept as raw JSON in
/// ``foreignDeployments`` and written back unchanged.
struct TrackerStateDocument: Sendable, Equatable {
  /// The schema version this build writes and the newest it reads.
  static let currentVersion = 1

  /// The entries of deployments the catalog defines, by name.
  var deployments: [String: SavedDeploymentState] = [:]
  /// The entries of deployments the catalog does not define, by name, as read.
  var foreignDeployments: [String: StoredJSONValue] = [:]
}

/// What a state file holds for one deployment: its usage in one period, the alerts sent in
/// that period, and the states that outlive a period.
struct SavedDeploymentState: Sendable, Equatable {
  /// The key of the period that the usage and alerts belong to, such as `2025-03`.
  var period: String
  /// The usage in ``period``; `usedTokens` in the file is its total.
  var usage = TokenUsage.zero
  /// The alerts sent in ``period``, in ascending threshold order.
  var alertsSent: [SavedAlert] = []
  /// When the proactive throttle first refused a request in ``period``.
  var throttleStartedAt: Instant?
  /// Until when the server declared the quota exhausted.
  var exhaustedUntil: Instant?
  /// How many times the server declared the quota exhausted, over all periods.
  var exhaustionEvents: Int64 = 0
  /// Until when an over-cap retry delay blocks the deployment.
  var blockedUntil: Instant?
  /// Whether the deployment denied access.
  var accessDenied = false
  /// Estimated tokens of requests whose responses reported usage, over all periods.
  var estimatedTokens: Int64 = 0
  /// Actual tokens of those same requests, for the actual ÷ estimated ratio.
  var actualTokensOfEstimates: Int64 = 0
  /// The catalog's quota when the file was written, for information only: limits always
  /// come from the catalog.
  var quotaAtLastSave: Int64?
  /// Total tokens of closed periods, oldest first.
  var history: [PeriodUsage] = []

  init(period: String) {
    self.period = period
  }
}

/// An alert recorded in a state file; the deployment, period and quota come from its entry.
struct SavedAlert: Sendable, Equatable, Codable {
  /// The threshold in parts per million of the quota (800,000 for 80 %).
  var thresholdPartsPerMillion: Int64
  /// When the alert fired.
  var at: Instant
  /// Tokens used when the alert fired.
  var usedTokens: Int64
}

extension SavedDeploymentState: Codable {
  private enum CodingKeys: String, CodingKey, CaseIterable {
    case period, usedTokens, promptTokens, completionTokens, cachedTokens, reasoningTokens
    case usageIncludesEstimates, alertsSent, throttleStartedAt, exhaustedUntil
    case exhaustionEvents, blockedUntil, accessDenied, estimatedTokens, actualTokensOfEstimates
    case quotaAtLastSave, history
  }

  /// Decodes an entry; only `period` and `usedTokens` are required, so a hand-written entry
  /// such as `{"period":"2025-03","usedTokens":600000}` is valid.
  ///
  /// - Throws: `DecodingError` for a missing required field, a wrong type, a negative count
  ///   or a key the schema does not define (usually a typo, which would otherwise be dropped
  ///   on the next save).
  init(from decoder: any Decoder) throws {
    let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys
    if let unknown = keys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath + [unknown],
          debugDescription: "unknown key '\(unknown.stringValue)'; expected one of "
            + CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")))
    }

    let container = try decoder.container(keyedBy: CodingKeys.self)
    period = try container.decode(String.self, forKey: .period)
    usage = TokenUsage(
      promptTokens: try container.count(.promptTokens),
      completionTokens: try container.count(.completionTokens),
      totalTokens: try container.count(.usedTokens, required: true),
      cachedTokens: try container.count(.cachedTokens),
      reasoningTokens: try container.count(.reasoningTokens),
      isEstimated: try container.decodeIfPresent(Bool.self, forKey: .usageIncludesEstimates)
        ?? false)
    alertsSent = try container.decodeIfPresent([SavedAlert].self, forKey: .alertsSent) ?? []
    throttleStartedAt = try container.decodeIfPresent(Instant.self, forKey: .throttleStartedAt)
    exhaustedUntil = try container.decodeIfPresent(Instant.self, forKey: .exhaustedUntil)
    exhaustionEvents = try container.count(.exhaustionEvents)
    blockedUntil = try container.decodeIfPresent(Instant.self, forKey: .blockedUntil)
    accessDenied = try container.decodeIfPresent(Bool.self, forKey: .accessDenied) ?? false
    estimatedTokens = try container.count(.estimatedTokens)
    actualTokensOfEstimates = try container.count(.actualTokensOfEstimates)
    quotaAtLastSave = try container.decodeIfPresent(Int64.self, forKey: .quotaAtLastSave)
    history = try container.decodeIfPresent([PeriodUsage].self, forKey: .history) ?? []
  }

  /// Encodes every field; instants that are `nil` are left out.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(period, forKey: .period)
    try container.encode(usage.totalTokens, forKey: .usedTokens)
    try container.encode(usage.promptTokens, forKey: .promptTokens)
    try container.encode(usage.completionTokens, forKey: .completionTokens)
    try container.encode(usage.cachedTokens, forKey: .cachedTokens)
    try container.encode(usage.reasoningTokens, forKey: .reasoningTokens)
    try container.encode(usage.isEstimated, forKey: .usageIncludesEstimates)
    try container.encode(alertsSent, forKey: .alertsSent)
    try container.encodeIfPresent(throttleStartedAt, forKey: .throttleStartedAt)
    try container.encodeIfPresent(exhaustedUntil, forKey: .exhaustedUntil)
    try container.encode(exhaustionEvents, forKey: .exhaustionEvents)
    try container.encodeIfPresent(blockedUntil, forKey: .blockedUntil)
    try container.encode(accessDenied, forKey: .accessDenied)
    try container.encode(estimatedTokens, forKey: .estimatedTokens)
    try container.encode(actualTokensOfEstimates, forKey: .actualTokensOfEstimates)
    try container.encodeIfPresent(quotaAtLastSave, forKey: .quotaAtLastSave)
    try container.encode(history, forKey: .history)
  }
}

extension KeyedDecodingContainer {
  /// Decodes a token or event count that must not be negative; a missing optional count is 0.
  fileprivate func count(_ key: Key, required: Bool = false) throws -> Int64 {
    let value =
      required ? try decode(Int64.self, forKey: key) : try decodeIfPresent(Int64.self, forKey: key)
    guard let value else { return 0 }
    guard value >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "count \(value) is negative; expected 0 or more")
    }
    return value
  }
}

/// A coding key for any string, used to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
  }

  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}
