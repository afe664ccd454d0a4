import Foundation

/// The two public Azure LLM inference traces (2023-11-16, one hour each, CC-BY 4.0, from the
/// Azure/AzurePublicDataset repository), when a copy sits in a `shared/data` folder beside
/// the checkout or one of its parents.
enum AzureTraces {
  /// The conversation trace: 19,366 requests.
  static let conversation = locate("AzureLLMInferenceTrace_conv.csv")

  /// The code-completion trace: 8,819 requests.
  static let code = locate("AzureLLMInferenceTrace_code.csv")

  /// Whether the conversation trace is present; tests that need it are skipped otherwise.
  static var hasConversation: Bool { conversation != nil }

  /// Returns the trace file's URL, searching upward from this source file, or `nil`.
  private static func locate(_ name: String) -> URL? {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("shared/data/azure-llm-inference-2023")
        .appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return nil
  }
}
