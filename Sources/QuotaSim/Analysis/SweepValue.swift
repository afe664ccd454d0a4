/// One value a sweep axis sets: a number, a string such as a profile name, or a Boolean.
public enum SweepValue: Sendable, Hashable, CustomStringConvertible {
  /// A number, as text in JSON's grammar: `0.8`, `50000000`.
  case number(String)
  /// A string, such as `gateway` for `azure.profile`.
  case string(String)
  /// `true` or `false`.
  case bool(Bool)

  /// The value as written on the command line and in reports: the number's text, the string
  /// without quotes, or `true`/`false`.
  public var description: String {
    switch self {
    case .number(let text): text
    case .string(let text): text
    case .bool(let value): value ? "true" : "false"
    }
  }

  /// Returns the value as a JSON value at `position`, to set into a scenario document.
  func jsonValue(at position: SourcePosition) -> JSONValue {
    switch self {
    case .number(let text): JSONValue(.number(JSONNumber(text: text)), at: position)
    case .string(let text): JSONValue(.string(text), at: position)
    case .bool(let value): JSONValue(.bool(value), at: position)
    }
  }

  /// Creates the value of a JSON number, string or Boolean, or returns `nil` for other kinds.
  init?(_ value: JSONValue) {
    switch value.kind {
    case .number(let number): self = .number(ExactDecimal(number.text[...])?.text ?? number.text)
    case .string(let text): self = .string(text)
    case .bool(let flag): self = .bool(flag)
    default: return nil
    }
  }
}

extension SweepValue: Codable {
  private enum CodingKeys: String, CodingKey {
    case number, string, bool
  }

  /// Decodes `{"number": "0.8"}`, `{"string": "drop"}` or `{"bool": true}`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try container.decodeIfPresent(String.self, forKey: .number) {
      self = .number(text)
    } else if let text = try container.decodeIfPresent(String.self, forKey: .string) {
      self = .string(text)
    } else {
      self = .bool(try container.decode(Bool.self, forKey: .bool))
    }
  }

  /// Encodes the value as an object with one key that names its kind, so that the number
  /// `0.8` and the string `"0.8"` stay apart and numbers keep their exact text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .number(let text): try container.encode(text, forKey: .number)
    case .string(let text): try container.encode(text, forKey: .string)
    case .bool(let value): try container.encode(value, forKey: .bool)
    }
  }
}
