import Foundation

/// The output formats of `quotasim run`.
public enum ReportFormat: String, Sendable, CaseIterable {
  case table, json, csv, markdown
}

/// Renders a ``RunResult`` as a terminal table, JSON, CSV or Markdown.
///
/// Every renderer is deterministic: numbers have fixed precision and keys a fixed order.
public enum RunReport {
  /// Returns `result` rendered in `format`, ending with a newline.
  public static func render(_ result: RunResult, as format: ReportFormat) -> String {
    switch format {
    case .table: table(result, markdown: false)
    case .markdown: table(result, markdown: true)
    case .json: json(result)
    case .csv: csv(result)
    }
  }

  /// Returns the result as pretty-printed JSON with sorted keys.
  public static func json(_ result: RunResult) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    } catch {
      preconditionFailure("encoding a run result failed: \(error)")
    }
  }

  /// The CSV columns, one row per deployment and period.
  public static let csvColumns = [
    "deployment", "period", "period_start", "period_end", "offered", "served_direct",
    "served_by_fallback", "attempts", "rate_limited_429", "rate_429_per_attempt",
    "rate_429_per_request", "quota_refused_403", "rate_403_per_attempt", "never_admissible",
    "local_throttles", "skips", "deferred", "dropped", "retries", "prompt_tokens",
    "completion_tokens", "total_tokens", "quota", "quota_used_pct", "cost_usd", "alerts",
    "throttle_start", "tracker_exhaustion", "first_403",
  ]

  /// Returns one CSV row per deployment and period, with a header row.
  public static func csv(_ result: RunResult) -> String {
    var lines = [csvColumns.joined(separator: ",")]
    for deployment in result.deployments {
      for period in deployment.periods {
        let alerts = period.alerts.map {
          "\(formatNumber($0.thresholdPercent, decimals: 0))%@\($0.at)"
        }
        let fields: [String] = [
          csvField(deployment.name), period.period, "\(period.start)", "\(period.end)",
          "\(period.offered)", "\(period.servedDirect)", "\(period.servedByFallback)",
          "\(period.attempts)", "\(period.rateLimited)", optional(period.rateLimitedPerAttempt, 6),
          optional(period.rateLimitedPerRequest, 6), "\(period.quotaRefused)",
          optional(period.quotaRefusedPerAttempt, 6), "\(period.neverAdmissible)",
          "\(period.localThrottles)", "\(period.skips)", "\(period.deferred)", "\(period.dropped)",
          "\(period.retries)", "\(period.promptTokens)", "\(period.completionTokens)",
          "\(period.totalTokens)", period.quota.map(String.init) ?? "",
          optional(period.quotaUsedPercent, 1), formatNumber(period.costUSD, decimals: 2),
          csvField(alerts.joined(separator: " ")), period.throttleStart.map { "\($0)" } ?? "",
          period.trackerExhaustion.map { "\($0)" } ?? "", period.first403.map { "\($0)" } ?? "",
        ]
        lines.append(fields.joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static func optional(_ value: Double?, _ decimals: Int) -> String {
    value.map { formatNumber($0, decimals: decimals) } ?? ""
  }
}

/// Formats `value` with a fixed number of decimals, independent of the locale.
func formatNumber(_ value: Double, decimals: Int) -> String {
  guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
  return String(format: "%.\(decimals)f", value)
}
