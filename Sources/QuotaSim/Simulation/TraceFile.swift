import Foundation

/// The rows of a trace file, with what the loader fixed on its own.
public struct TraceLoadResult: Sendable, Equatable {
  /// The requests in time order, offsets in microseconds after the earliest one.
  public var rows: [TraceRow]
  /// The earliest timestamp when the file gives dates, or `nil` when it gives seconds after
  /// the start.
  public var origin: Instant?
  /// Problems the loader fixed, such as rows out of order.
  public var warnings: [TraceFileWarning]

  public init(rows: [TraceRow], origin: Instant?, warnings: [TraceFileWarning]) {
    self.rows = rows
    self.origin = origin
    self.warnings = warnings
  }
}

/// Reads traces of real requests from CSV: one row per request with its timestamp, prompt
/// tokens and completion tokens.
///
/// The first non-blank line is a header naming the columns, in any case and any order:
/// `TIMESTAMP`, `ContextTokens` and `GeneratedTokens` as in Azure's public LLM inference
/// traces, or `timestamp`, `prompt_tokens` and `completion_tokens`. Other columns are
/// ignored. Timestamps are `YYYY-MM-DD HH:MM:SS[.fraction]` in UTC (up to nine fraction
/// digits), ISO 8601 with a zone, or plain seconds after the trace's start, one kind per file.
/// Lines may end in LF or CRLF, the last one may lack it, blank lines are skipped, and fields
/// may be quoted with `"`.
///
/// Rows out of time order are sorted (stably) and reported as a warning, not an error.
public enum TraceFile {
  /// The accepted names of the timestamp column, in lowercase.
  static let timestampColumns = ["timestamp"]
  /// The accepted names of the prompt-token column, in lowercase.
  static let promptColumns = ["contexttokens", "prompt_tokens"]
  /// The accepted names of the completion-token column, in lowercase.
  static let completionColumns = ["generatedtokens", "completion_tokens"]

  /// Reads and parses the trace at `url`.
  ///
  /// Messages name the file as `url` gives it: relative when the user typed a relative path.
  /// - Throws: ``TraceFileError/unreadable(file:reason:)`` when the file cannot be read, or
  ///   the errors of ``parse(_:file:)``.
  public static func load(contentsOf url: URL) throws(TraceFileError) -> TraceLoadResult {
    let file = url.relativePath
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      let reason =
        !exists
        ? "no such file"
        : isDirectory.boolValue ? "it is a directory" : "the file exists but cannot be read"
      throw .unreadable(file: file, reason: reason)
    }
    return try parse(String(decoding: data, as: UTF8.self), file: file)
  }

  /// Parses the text of a trace file.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: The file's name, for messages.
  /// - Throws: ``TraceFileError`` naming the file, line, column and value of the first problem.
  public static func parse(_ text: String, file: String) throws(TraceFileError) -> TraceLoadResult {
    var lines = CSVLines(text)
    guard let (headerLine, headerText) = lines.next() else { throw .missingHeader(file: file) }
    let header = try TraceHeader(
      fields: try CSVLines.fields(of: headerText, file: file, line: headerLine),
      text: String(Substring(headerText)), file: file)

    var timestamps: [Int64] = []
    var rows: [TraceRow] = []
    var lineNumbers: [Int] = []
    var firstKind: TraceTimestamp?
    while let (lineNumber, lineText) = lines.next() {
      let fields = try CSVLines.fields(of: lineText, file: file, line: lineNumber)
      let parsed = try header.parseRow(fields, file: file, line: lineNumber)
      if let firstKind, !parsed.timestamp.isSameKind(as: firstKind) {
        throw .mixedTimestamps(
          file: file, line: lineNumber, column: header.timestampName,
          value: fields[header.timestampIndex])
      }
      firstKind = firstKind ?? parsed.timestamp

      timestamps.append(parsed.timestamp.microseconds)
      rows.append(
        TraceRow(
          offsetMicroseconds: 0, promptTokens: parsed.promptTokens,
          completionTokens: parsed.completionTokens))
      lineNumbers.append(lineNumber)
    }
    guard let firstKind, let earliest = timestamps.min() else { throw .noRows(file: file) }

    var warnings: [TraceFileWarning] = []
    if let warning = sortByTime(
      &rows, timestamps: &timestamps, lineNumbers: lineNumbers, file: file)
    {
      warnings.append(warning)
    }
    for index in rows.indices {
      rows[index].offsetMicroseconds = timestamps[index] - earliest
    }

    let origin: Instant? =
      if case .absolute = firstKind { Instant(microsecondsSinceEpoch: earliest) } else { nil }
    return TraceLoadResult(rows: rows, origin: origin, warnings: warnings)
  }

  /// Sorts rows and their timestamps by time, stably, and returns a warning when the order
  /// changed.
  private static func sortByTime(
    _ rows: inout [TraceRow], timestamps: inout [Int64], lineNumbers: [Int], file: String
  ) -> TraceFileWarning? {
    var firstUnsortedLine: Int?
    var unsortedRows = 0
    for index in timestamps.indices.dropFirst() where timestamps[index] < timestamps[index - 1] {
      firstUnsortedLine = firstUnsortedLine ?? lineNumbers[index]
      unsortedRows += 1
    }
    guard let firstUnsortedLine else { return nil }

    // Sorting indices by (time, index) is stable whatever algorithm `sort` uses.
    let order = timestamps.indices.sorted {
      (timestamps[$0], $0) < (timestamps[$1], $1)
    }
    rows = order.map { rows[$0] }
    timestamps = order.map { timestamps[$0] }
    return .rowsSorted(
      file: file, firstUnsortedLine: firstUnsortedLine, unsortedRows: unsortedRows,
      rows: rows.count)
  }
}
