/// The positions of a trace's three columns, found from its header row.
struct TraceHeader {
  /// One data row's values.
  struct Row {
    var timestamp: TraceTimestamp
    var promptTokens: Int64
    var completionTokens: Int64
  }

  let timestampIndex: Int
  let promptIndex: Int
  let completionIndex: Int
  /// The column names as the header spells them, for messages.
  let timestampName: String
  let promptName: String
  let completionName: String

  /// Finds the three columns in the header's fields.
  ///
  /// - Throws: ``TraceFileError/missingColumn(file:field:accepted:header:)`` or
  ///   ``TraceFileError/duplicateColumn(file:field:columns:)``.
  init(fields: [String], text: String, file: String) throws(TraceFileError) {
    func column(
      _ field: String, accepted: [String], displayNames: [String]
    ) throws(TraceFileError) -> Int {
      let matches = fields.indices.filter { accepted.contains(fields[$0].lowercased()) }
      guard let first = matches.first else {
        throw .missingColumn(file: file, field: field, accepted: displayNames, header: text)
      }
      guard matches.count == 1 else {
        throw .duplicateColumn(file: file, field: field, columns: matches.map { fields[$0] })
      }
      return first
    }

    timestampIndex = try column(
      "timestamp", accepted: TraceFile.timestampColumns, displayNames: ["TIMESTAMP"])
    promptIndex = try column(
      "prompt-token", accepted: TraceFile.promptColumns,
      displayNames: ["ContextTokens", "prompt_tokens"])
    completionIndex = try column(
      "completion-token", accepted: TraceFile.completionColumns,
      displayNames: ["GeneratedTokens", "completion_tokens"])
    timestampName = fields[timestampIndex]
    promptName = fields[promptIndex]
    completionName = fields[completionIndex]
  }

  /// Parses one data row's three values.
  ///
  /// - Throws: ``TraceFileError`` for a missing field, a bad timestamp or a bad token count.
  func parseRow(_ fields: [String], file: String, line: Int) throws(TraceFileError) -> Row {
    let needed = [
      (timestampIndex, timestampName), (promptIndex, promptName),
      (completionIndex, completionName),
    ]
    for (index, name) in needed where index >= fields.count {
      throw .missingField(file: file, line: line, column: name, fieldCount: fields.count)
    }

    let timestampText = fields[timestampIndex]
    guard let timestamp = TraceTimestamp(timestampText) else {
      throw .invalidTimestamp(file: file, line: line, column: timestampName, value: timestampText)
    }
    let prompt = try Self.tokenCount(
      fields[promptIndex], file: file, line: line, column: promptName)
    let completion = try Self.tokenCount(
      fields[completionIndex], file: file, line: line, column: completionName)
    return Row(timestamp: timestamp, promptTokens: prompt, completionTokens: completion)
  }

  /// Parses a whole number of tokens of 0 or more, of at most 18 digits.
  private static func tokenCount(
    _ text: String, file: String, line: Int, column: String
  ) throws(TraceFileError) -> Int64 {
    let digits = text.utf8.drop { $0 == UInt8(ascii: "-") }
    let isWholeNumber =
      !digits.isEmpty && digits.count <= 18
      && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    guard isWholeNumber, text.utf8.count - digits.count <= 1, let value = Int64(text) else {
      throw .invalidTokenCount(file: file, line: line, column: column, value: text)
    }
    guard value >= 0 else {
      throw .negativeTokenCount(file: file, line: line, column: column, value: text)
    }
    return value
  }
}
