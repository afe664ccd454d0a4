import Foundation

/// Text and number helpers for SVG and XHTML output.
enum SVGText {
  /// Returns `text` with the five XML special characters replaced by entities.
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// Returns a coordinate with at most one decimal, without a trailing `.0`.
  static func coordinate(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int64(rounded)) }
    return String(format: "%.1f", rounded)
  }

  /// Returns the approximate width in pixels of `text` in a sans-serif font of `fontSize`
  /// pixels: 0.6 em a character, which over-estimates most proportional fonts so that
  /// labels placed with it do not overlap.
  static func width(of text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.6
  }
}
