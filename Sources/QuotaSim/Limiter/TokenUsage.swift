/// Tokens consumed by one response, or accumulated over a period.
///
/// Decoding follows Azure's `usage` object leniently: a null or missing count is zero, and a
/// missing `total_tokens` is `prompt_tokens + completion_tokens`. Cached tokens come from
/// `prompt_tokens_details.cached_tokens`, reasoning tokens from
/// `completion_tokens_details.reasoning_tokens`; both are already part of the prompt and
/// completion counts, so they never add to the total.
public struct TokenUsage: Hashable, Sendable {
  /// Tokens of the request's messages.
  public var promptTokens: Int64
  /// Tokens the model generated.
  public var completionTokens: Int64
  /// Tokens charged against quotas; Azure's `total_tokens`.
  public var totalTokens: Int64
  /// Prompt tokens served from the prompt cache (a part of ``promptTokens``).
  public var cachedTokens: Int64
  /// Completion tokens spent on hidden reasoning (a part of ``completionTokens``).
  public var reasoningTokens: Int64
  /// Whether the counts are the client's estimate because the response carried no usage.
  public var isEstimated: Bool

  /// Creates a usage; `totalTokens` defaults to prompt plus completion.
  public init(
    promptTokens: Int64 = 0, completionTokens: Int64 = 0, totalTokens: Int64? = nil,
    cachedTokens: Int64 = 0, reasoningTokens: Int64 = 0, isEstimated: Bool = false
  ) {
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
    self.totalTokens = totalTokens ?? promptTokens.addingClamped(completionTokens)
    self.cachedTokens = cachedTokens
    self.reasoningTokens = reasoningTokens
    self.isEstimated = isEstimated
  }

  /// No tokens.
  public static let zero = TokenUsage()

  /// Creates the usage charged for a response without usage: the whole estimate, flagged.
  public static func estimated(totalTokens: Int64) -> TokenUsage {
    TokenUsage(promptTokens: 0, completionTokens: 0, totalTokens: totalTokens, isEstimated: true)
  }

  /// Adds `other` count by count, saturating at `Int64.max`; the sum is estimated if either is.
  @inline(__always)
  public mutating func add(_ other: TokenUsage) {
    promptTokens = promptTokens.addingClamped(other.promptTokens)
    completionTokens = completionTokens.addingClamped(other.completionTokens)
    totalTokens = totalTokens.addingClamped(other.totalTokens)
    cachedTokens = cachedTokens.addingClamped(other.cachedTokens)
    reasoningTokens = reasoningTokens.addingClamped(other.reasoningTokens)
    isEstimated = isEstimated || other.isEstimated
  }
}

extension TokenUsage: Decodable {
  private enum CodingKeys: String, CodingKey {
    case promptTokens = "prompt_tokens"
    case completionTokens = "completion_tokens"
    case totalTokens = "total_tokens"
    case promptTokensDetails = "prompt_tokens_details"
    case completionTokensDetails = "completion_tokens_details"
  }

  private enum DetailKeys: String, CodingKey {
    case cachedTokens = "cached_tokens"
    case reasoningTokens = "reasoning_tokens"
  }

  /// Decodes Azure's `usage` object; see the type's documentation for the lenient rules.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let prompt = try container.decodeIfPresent(Int64.self, forKey: .promptTokens) ?? 0
    let completion = try container.decodeIfPresent(Int64.self, forKey: .completionTokens) ?? 0
    let total = try container.decodeIfPresent(Int64.self, forKey: .totalTokens)
    var cached: Int64 = 0
    if container.contains(.promptTokensDetails),
      try container.decodeNil(forKey: .promptTokensDetails) == false
    {
      let details = try container.nestedContainer(
        keyedBy: DetailKeys.self, forKey: .promptTokensDetails)
      cached = try details.decodeIfPresent(Int64.self, forKey: .cachedTokens) ?? 0
    }
    var reasoning: Int64 = 0
    if container.contains(.completionTokensDetails),
      try container.decodeNil(forKey: .completionTokensDetails) == false
    {
      let details = try container.nestedContainer(
        keyedBy: DetailKeys.self, forKey: .completionTokensDetails)
      reasoning = try details.decodeIfPresent(Int64.self, forKey: .reasoningTokens) ?? 0
    }
    self.init(
      promptTokens: prompt, completionTokens: completion, totalTokens: total,
      cachedTokens: cached, reasoningTokens: reasoning)
  }
}

extension Int64 {
  /// Returns `self + other`, saturating at the ends of the range.
  func addingClamped(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    if overflow { return other > 0 ? .max : .min }
    return sum
  }
}
