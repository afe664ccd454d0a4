/// An alert that a deployment's usage reached a threshold of its period quota.
public struct QuotaAlert: Sendable, Hashable, Codable {
  /// The deployment's name.
  public var deployment: String
  /// The threshold in parts per million of the quota (800,000 for 80 %).
  public var thresholdPartsPerMillion: Int64
  /// The key of the period the alert belongs to, such as `2025-10`.
  public var period: String
  /// When the usage reached the threshold.
  public var at: Instant
  /// Tokens used in the period when the alert fired.
  public var usedTokens: Int64
  /// The period quota in tokens.
  public var quota: Int64

  /// The threshold as a percentage, such as 80.0.
  public var thresholdPercent: Double { Double(thresholdPartsPerMillion) / 10_000 }

  /// A sentence for people: what was used and what is left.
  public var message: String {
    let left = max(0, quota - usedTokens)
    return
      "\(deployment) passed \(formatPercent(thresholdPercent)) of its \(period) quota: "
      + "\(formatTokens(usedTokens)) of \(formatTokens(quota)) tokens used, "
      + "\(formatTokens(left)) left."
  }
}

/// Formats a token count with thousands separators, such as `1,080,000`.
func formatTokens(_ tokens: Int64) -> String {
  let digits = String(tokens.magnitude)
  var grouped = ""
  for (offset, character) in digits.enumerated() {
    if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
    grouped.append(character)
  }
  return tokens < 0 ? "-" + grouped : grouped
}

/// Formats a percentage with one decimal, such as `83.3%`.
func formatPercent(_ percent: Double) -> String {
  let tenths = (percent * 10).rounded()
  let whole = Int64(tenths / 10)
  let fraction = Int64(abs(tenths.truncatingRemainder(dividingBy: 10)))
  return "\(whole).\(fraction)%"
}
