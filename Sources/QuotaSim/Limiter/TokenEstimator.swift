/// Estimates a request's tokens before it is sent, for admission and reservation.
///
/// The estimate is the prompt (counted tokens, or characters ÷ 4 rounded up when only the
/// text is known) plus the completion allowance: `max_tokens` × `n`, or the deployment's
/// default output estimate × `n` when `max_tokens` is unset. It only gates admission; usage
/// reported by the response is what gets charged.
public struct TokenEstimator: Sendable, Equatable {
  /// Characters per prompt token when only the prompt text is known.
  public static let charactersPerToken = 4

  public init() {}

  /// Returns the estimate for one request to `deployment`.
  ///
  /// - Parameters:
  ///   - promptTokens: the prompt's token count, when the caller counted it.
  ///   - promptCharacters: the prompt's length in characters, used when `promptTokens` is nil.
  ///   - maxTokens: the request's `max_tokens`, or nil when unset.
  ///   - choices: the request's `n` (or `best_of`), at least 1.
  ///   - calibration: an observed actual ÷ estimated ratio that scales the result, or nil.
  public func estimate(
    promptTokens: Int64? = nil, promptCharacters: Int64 = 0, maxTokens: Int64? = nil,
    choices: Int64 = 1, for deployment: Deployment, calibration: Double? = nil
  ) -> Int64 {
    estimate(
      promptTokens: promptTokens, promptCharacters: promptCharacters, maxTokens: maxTokens,
      choices: choices, defaultOutputEstimate: deployment.defaultOutputEstimate,
      calibration: calibration)
  }

  /// Returns the estimate for one request, with the deployment's default output estimate
  /// passed in directly; see ``estimate(promptTokens:promptCharacters:maxTokens:choices:for:calibration:)``.
  public func estimate(
    promptTokens: Int64?, promptCharacters: Int64 = 0, maxTokens: Int64?, choices: Int64,
    defaultOutputEstimate: Int64, calibration: Double? = nil
  ) -> Int64 {
    let prompt =
      promptTokens
      ?? (max(0, promptCharacters) + Int64(Self.charactersPerToken) - 1)
      / Int64(Self.charactersPerToken)
    let perChoice = maxTokens ?? defaultOutputEstimate
    let completion = max(0, perChoice).multipliedClamped(by: max(1, choices))
    let raw = max(0, prompt).addingClamped(completion)
    guard let calibration, calibration.isFinite, calibration > 0 else { return raw }
    return Int64(clampingMicroseconds: (Double(raw) * calibration).rounded(.up))
  }
}

extension Int64 {
  /// Returns `self × other`, saturating at the ends of the range.
  func multipliedClamped(by other: Int64) -> Int64 {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    if overflow { return (self < 0) == (other < 0) ? .max : .min }
    return product
  }
}
