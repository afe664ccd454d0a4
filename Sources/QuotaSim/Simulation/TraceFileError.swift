/// A trace CSV file that cannot be read or parsed.
///
/// Each message names the file, the line (1 for the header) and the column where one applies,
/// and shows the rejected text and how to fix it.
public enum TraceFileError: Error, Equatable, Sendable {
  /// The file could not be read.
  case unreadable(file: String, reason: String)

  /// The file is empty or holds only blank lines, so it has no header.
  case missingHeader(file: String)

  /// The header has no column for a required field.
  case missingColumn(file: String, field: String, accepted: [String], header: String)

  /// The header has two columns for one field.
  case duplicateColumn(file: String, field: String, columns: [String])

  /// The file has a header but no data rows.
  case noRows(file: String)

  /// A row has fewer fields than the header requires.
  case missingField(file: String, line: Int, column: String, fieldCount: Int)

  /// A quoted field is not closed before the end of its line.
  case unterminatedQuote(file: String, line: Int)

  /// A timestamp matches none of the accepted forms.
  case invalidTimestamp(file: String, line: Int, column: String, value: String)

  /// A row gives seconds after the start where earlier rows give dates, or the reverse.
  case mixedTimestamps(file: String, line: Int, column: String, value: String)

  /// A token count is not a whole number.
  case invalidTokenCount(file: String, line: Int, column: String, value: String)

  /// A token count is negative.
  case negativeTokenCount(file: String, line: Int, column: String, value: String)
}

extension TraceFileError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "Cannot read the trace file '\(file)': \(reason). Check the path and permissions."
    case .missingHeader(let file):
      return
        "\(file): the trace is empty. Expected a header row such as "
        + "'TIMESTAMP,ContextTokens,GeneratedTokens' followed by one row per request."
    case .missingColumn(let file, let field, let accepted, let header):
      let names = accepted.joined(separator: " or ")
      return
        "\(file) line 1: no \(field) column in the header '\(header)'. Expected a column "
        + "named \(names) (in any case). Add the column or rename it."
    case .duplicateColumn(let file, let field, let columns):
      let names = columns.joined(separator: " and ")
      return
        "\(file) line 1: the header has two \(field) columns, \(names). Remove or rename "
        + "one of them."
    case .noRows(let file):
      return "\(file): the trace has a header but no rows. Give at least one request."
    case .missingField(let file, let line, let column, let fieldCount):
      return
        "\(file) line \(line): the row has \(fieldCount) fields and no value for column "
        + "\(column). Give every row the header's columns."
    case .unterminatedQuote(let file, let line):
      return
        "\(file) line \(line): a quoted field is not closed. Close it with '\"' on the same "
        + "line, or double quotes inside it."
    case .invalidTimestamp(let file, let line, let column, let value):
      return
        "\(file) line \(line), column \(column): invalid timestamp '\(value)'. Expected "
        + "'YYYY-MM-DD HH:MM:SS[.fraction]' in UTC, ISO 8601 with a zone such as "
        + "'2023-11-16T18:15:46Z', or seconds after the trace start such as '12.5'. "
        + "Fix or remove the row."
    case .mixedTimestamps(let file, let line, let column, let value):
      return
        "\(file) line \(line), column \(column): the timestamp '\(value)' is of another kind "
        + "than the first row's. Give all rows dates, or all rows seconds after the start."
    case .invalidTokenCount(let file, let line, let column, let value):
      return
        "\(file) line \(line), column \(column): invalid token count '\(value)'. Expected a "
        + "whole number of 0 or more. Fix or remove the row."
    case .negativeTokenCount(let file, let line, let column, let value):
      return
        "\(file) line \(line), column \(column): negative token count '\(value)'. Expected a "
        + "whole number of 0 or more. Fix or remove the row."
    }
  }
}

/// Something a trace loader fixed on its own, which the caller may want to report.
public enum TraceFileWarning: Sendable, Equatable {
  /// The rows were not in time order and were sorted, keeping the file's order for equal
  /// timestamps.
  case rowsSorted(file: String, firstUnsortedLine: Int, unsortedRows: Int, rows: Int)
}

extension TraceFileWarning: CustomStringConvertible {
  public var description: String {
    switch self {
    case .rowsSorted(let file, let line, let unsorted, let rows):
      return
        "\(file): the timestamps are not in order (line \(line) is earlier than the row "
        + "before it, and \(unsorted) row\(unsorted == 1 ? "" : "s") in all). The \(rows) rows "
        + "were sorted by timestamp, keeping the file's order for equal timestamps."
    }
  }
}
