extension JSONValue {
  /// The maximum length of a summary in characters; longer ones end in `…`.
  public static let summaryLimit = 60

  /// The value as compact JSON for messages, cut off after ``summaryLimit`` characters.
  ///
  /// Numbers keep their source text, so `1e400` and `2.50` appear as written.
  public var summary: String {
    var text = ""
    render(into: &text, budget: Self.summaryLimit + 1)
    guard text.count > Self.summaryLimit else { return text }
    return String(text.prefix(Self.summaryLimit - 1)) + "…"
  }

  /// Returns `text` as a JSON string literal with quotes and escapes.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Appends compact JSON to `text`, stopping once `text` reaches `budget` characters so that
  /// a huge value costs no more than its summary.
  private func render(into text: inout String, budget: Int) {
    guard text.count < budget else { return }
    switch kind {
    case .object(let object):
      text += "{"
      for (index, member) in object.members.enumerated() {
        guard text.count < budget else { return }
        if index > 0 { text += ", " }
        text += Self.quoted(member.key) + ": "
        member.value.render(into: &text, budget: budget)
      }
      text += "}"
    case .array(let elements):
      text += "["
      for (index, element) in elements.enumerated() {
        guard text.count < budget else { return }
        if index > 0 { text += ", " }
        element.render(into: &text, budget: budget)
      }
      text += "]"
    case .string(let string):
      text += Self.quoted(String(string.prefix(budget)))
    case .number(let number):
      text += String(number.text.prefix(budget))
    case .bool(let bool):
      text += bool ? "true" : "false"
    case .null:
      text += "null"
    }
  }
}
