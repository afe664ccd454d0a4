/// The non-blank lines of a CSV text, with 1-based line numbers, and the fields of a line.
///
/// Lines end in LF or CRLF, and the last one may have neither. A UTF-8 byte order mark at the
/// start is skipped. Quoted fields may contain commas and doubled quotes, but not line breaks.
struct CSVLines {
  private let lines: [Substring.UTF8View]
  private var index = 0

  init(_ text: String) {
    var view = Substring(text).utf8
    if view.starts(with: [0xEF, 0xBB, 0xBF]) { view = view.dropFirst(3) }
    lines = view.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
  }

  /// Returns the next line that is not blank, without its line break, and its number.
  mutating func next() -> (number: Int, text: Substring.UTF8View)? {
    while index < lines.count {
      var line = lines[index]
      index += 1
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      if line.contains(where: { !$0.isBlankByte }) { return (index, line) }
    }
    return nil
  }

  /// Splits a line into fields at commas, removing quotes and surrounding blanks.
  ///
  /// - Throws: ``TraceFileError/unterminatedQuote(file:line:)`` for a quote left open.
  static func fields(
    of line: Substring.UTF8View, file: String, line number: Int
  ) throws(TraceFileError) -> [String] {
    var fields: [String] = []
    var field: [UInt8] = []
    var isQuoted = false
    var wasQuoted = false
    var iterator = line.makeIterator()

    while let byte = iterator.next() {
      if isQuoted {
        if byte != UInt8(ascii: "\"") {
          field.append(byte)
        } else if let following = iterator.next() {
          if following == UInt8(ascii: "\"") {
            field.append(following)
          } else {
            isQuoted = false
            if following == UInt8(ascii: ",") {
              fields.append(finish(field, wasQuoted: true))
              field = []
              wasQuoted = false
            }
          }
        } else {
          isQuoted = false
        }
      } else if byte == UInt8(ascii: ",") {
        fields.append(finish(field, wasQuoted: wasQuoted))
        field = []
        wasQuoted = false
      } else if byte == UInt8(ascii: "\"") && field.allSatisfy(\.isBlankByte) {
        field = []
        isQuoted = true
        wasQuoted = true
      } else if !wasQuoted {
        field.append(byte)
      }
    }
    guard !isQuoted else { throw .unterminatedQuote(file: file, line: number) }
    fields.append(finish(field, wasQuoted: wasQuoted))
    return fields
  }

  /// Returns a field's text, trimmed of blanks unless it was quoted.
  private static func finish(_ bytes: [UInt8], wasQuoted: Bool) -> String {
    guard !wasQuoted else { return String(decoding: bytes, as: UTF8.self) }
    let trimmed = bytes.drop(while: \.isBlankByte).reversed().drop(while: \.isBlankByte)
    return String(decoding: trimmed.reversed(), as: UTF8.self)
  }
}

extension UInt8 {
  /// Whether the byte is a space or a tab.
  fileprivate var isBlankByte: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}
