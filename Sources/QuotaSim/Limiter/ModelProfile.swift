/// Facts about a model family that the limits depend on.
///
/// Azure sets a deployment's capacity in tokens per minute and derives its requests per
/// minute from that by a ratio that depends on the model (Azure OpenAI quota documentation,
/// 2024–2026): 6 RPM per 1,000 TPM for gpt-4o-era chat models, 1 per 1,000 for gpt-4.1 and
/// o3/o4-mini, 1 per 6,000 for o1, and 1 per 10,000 for o1-mini, o3-mini and o3-pro.
public struct ModelProfile: Sendable, Equatable {
  /// Requests per minute granted per ``tokensPerRequestUnit`` tokens per minute.
  public var requestsPerUnit: Int64
  /// The TPM step that grants ``requestsPerUnit`` requests per minute.
  public var tokensPerRequestUnit: Int64
  /// Completion tokens reserved by the client's estimate when a request sets no `max_tokens`.
  public var defaultOutputReservation: Int64

  /// The profile for a model name, matched by family prefix; unknown models get
  /// ``fallback``.
  public static func forModel(_ model: String) -> ModelProfile {
    let name = model.lowercased()
    // Longer prefixes first, so that "o1-mini" is not taken for "o1".
    for (prefix, profile) in knownFamilies where name.hasPrefix(prefix) {
      return profile
    }
    return fallback
  }

  /// The profile of models that no measurement covers: the gpt-4o ratio, 6 RPM per 1,000 TPM,
  /// and a 1,024-token output reservation.
  public static let fallback = ModelProfile(
    requestsPerUnit: 6, tokensPerRequestUnit: 1_000, defaultOutputReservation: 1_024)

  private static let knownFamilies: [(String, ModelProfile)] = [
    (
      "o1-mini",
      ModelProfile(
        requestsPerUnit: 1, tokensPerRequestUnit: 10_000, defaultOutputReservation: 1_024)
    ),
    (
      "o3-mini",
      ModelProfile(
        requestsPerUnit: 1, tokensPerRequestUnit: 10_000, defaultOutputReservation: 1_024)
    ),
    (
      "o3-pro",
      ModelProfile(
        requestsPerUnit: 1, tokensPerRequestUnit: 10_000, defaultOutputReservation: 1_024)
    ),
    (
      "o4-mini",
      ModelProfile(requestsPerUnit: 1, tokensPerRequestUnit: 1_000, defaultOutputReservation: 1_024)
    ),
    (
      "o3",
      ModelProfile(requestsPerUnit: 1, tokensPerRequestUnit: 1_000, defaultOutputReservation: 1_024)
    ),
    (
      "o1",
      ModelProfile(requestsPerUnit: 1, tokensPerRequestUnit: 6_000, defaultOutputReservation: 1_024)
    ),
    (
      "gpt-4.1",
      ModelProfile(requestsPerUnit: 1, tokensPerRequestUnit: 1_000, defaultOutputReservation: 1_024)
    ),
    (
      "gpt-4o",
      ModelProfile(requestsPerUnit: 6, tokensPerRequestUnit: 1_000, defaultOutputReservation: 640)
    ),
    (
      "gpt-4",
      ModelProfile(requestsPerUnit: 6, tokensPerRequestUnit: 1_000, defaultOutputReservation: 640)
    ),
    (
      "gpt-35-turbo",
      ModelProfile(requestsPerUnit: 6, tokensPerRequestUnit: 1_000, defaultOutputReservation: 16)
    ),
    (
      "gpt-3.5-turbo",
      ModelProfile(requestsPerUnit: 6, tokensPerRequestUnit: 1_000, defaultOutputReservation: 16)
    ),
  ]

  /// Returns the requests per minute that `tokensPerMinute` grants, rounded down, at least 1.
  public func requestsPerMinute(forTokensPerMinute tokensPerMinute: Int64) -> Int64 {
    let (product, overflow) = tokensPerMinute.multipliedReportingOverflow(by: requestsPerUnit)
    let requests =
      overflow
      ? tokensPerMinute / tokensPerRequestUnit * requestsPerUnit : product / tokensPerRequestUnit
    return max(1, requests)
  }
}
