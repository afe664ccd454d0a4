import Foundation

/// Deterministic JSON for reports: pretty-printed, keys sorted, slashes unescaped, a final
/// newline. The same value always encodes to the same bytes.
enum ReportJSON {
  /// Returns `value` as report JSON.
  static func encode<Value: Encodable>(_ value: Value) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
      preconditionFailure("encoding a report failed: \(error)")
    }
  }
}
