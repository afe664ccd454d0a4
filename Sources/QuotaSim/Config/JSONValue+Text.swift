extension JSONValue {
  /// The whole value as compact JSON, with members in source order and numbers as written.
  ///
  /// Unlike ``summary`` it is never cut off, so it can be sent or saved as a document.
  public var compactText: String {
    var text = ""
    appendCompactText(to: &text)
    return text
  }

  private func appendCompactText(to text: inout String) {
    switch kind {
    case .object(let object):
      text += "{"
      for (index, member) in object.members.enumerated() {
        if index > 0 { text += "," }
        text += Self.quoted(member.key) + ":"
        member.value.appendCompactText(to: &text)
      }
      text += "}"
    case .array(let elements):
      text += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { text += "," }
        element.appendCompactText(to: &text)
      }
      text += "]"
    case .string(let string):
      text += Self.quoted(string)
    case .number(let number):
      text += number.text
    case .bool(let bool):
      text += bool ? "true" : "false"
    case .null:
      text += "null"
    }
  }
}
