import Foundation
import Testing

@testable import QuotaSim

@Suite struct TraceFileTests {
  @Test func azureHeaderAndFractionsParse() throws {
    let text = """
      TIMESTAMP,ContextTokens,GeneratedTokens
      2023-11-16 18:15:46.6805900,374,44
      2023-11-16 18:15:50.9951690,396,109
      """
    let result = try TraceFile.parse(text, file: "conv.csv")
    #expect(
      result.rows == [
        TraceRow(offsetMicroseconds: 0, promptTokens: 374, completionTokens: 44),
        TraceRow(offsetMicroseconds: 4_314_579, promptTokens: 396, completionTokens: 109),
      ])
    #expect(
      result.origin == Instant(iso8601: "2023-11-16T18:15:46Z")?.advanced(byMicroseconds: 680_590))
    #expect(result.warnings.isEmpty)
  }

  @Test func lowercaseNamesExtraColumnsAndCRLFParse() throws {
    let text =
      "id,completion_tokens,Prompt_Tokens,timestamp,model\r\n"
      + "a,10,20,2025-03-01T10:00:00+01:00,gpt-4o\r\n"
      + "b,11,21,2025-03-01T09:00:01.5Z,gpt-4o\r\n"
    let result = try TraceFile.parse(text, file: "usage.csv")
    #expect(
      result.rows == [
        TraceRow(offsetMicroseconds: 0, promptTokens: 20, completionTokens: 10),
        TraceRow(offsetMicroseconds: 1_500_000, promptTokens: 21, completionTokens: 11),
      ])
    #expect(result.origin == Instant(iso8601: "2025-03-01T09:00:00Z"))
  }

  @Test func secondsOffsetsParseWithoutOrigin() throws {
    let text = "timestamp,prompt_tokens,completion_tokens\n12.5,100,5\n13.000001,101,6"
    let result = try TraceFile.parse(text, file: "offsets.csv")
    #expect(
      result.rows == [
        TraceRow(offsetMicroseconds: 0, promptTokens: 100, completionTokens: 5),
        TraceRow(offsetMicroseconds: 500_001, promptTokens: 101, completionTokens: 6),
      ])
    #expect(result.origin == nil)
  }

  @Test func nineFractionDigitsRoundHalfUp() throws {
    let text = """
      timestamp,prompt_tokens,completion_tokens
      2025-01-01 00:00:00,1,1
      2025-01-01 00:00:00.000000500,1,1
      2025-01-01 00:00:00.000000499,1,1
      """
    let result = try TraceFile.parse(text, file: "nanos.csv")
    #expect(result.rows.map(\.offsetMicroseconds) == [0, 0, 1])
    #expect(result.warnings.count == 1)
  }

  @Test func singleRowParses() throws {
    let result = try TraceFile.parse(
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,374,44\n", file: "one.csv")
    #expect(
      result.rows == [TraceRow(offsetMicroseconds: 0, promptTokens: 374, completionTokens: 44)])
  }

  @Test func unsortedRowsAreSortedStablyWithWarning() throws {
    let text = """
      timestamp,prompt_tokens,completion_tokens
      10,1,1
      5,2,2
      10,3,3
      5,4,4
      """
    let result = try TraceFile.parse(text, file: "unsorted.csv")
    #expect(result.rows.map(\.promptTokens) == [2, 4, 1, 3])
    #expect(result.rows.map(\.offsetMicroseconds) == [0, 0, 5_000_000, 5_000_000])
    #expect(
      result.warnings == [
        .rowsSorted(file: "unsorted.csv", firstUnsortedLine: 3, unsortedRows: 2, rows: 4)
      ])
    #expect(
      result.warnings.first?.description
        == "unsorted.csv: the timestamps are not in order (line 3 is earlier than the row "
        + "before it, and 2 rows in all). The 4 rows were sorted by timestamp, keeping the "
        + "file's order for equal timestamps.")
  }

  static let errorCases: [(text: String, message: String)] = [
    (
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,1,1\n2023-11-16 25:00:00,1,1",
      "t.csv line 3, column TIMESTAMP: invalid timestamp '2023-11-16 25:00:00'. Expected "
        + "'YYYY-MM-DD HH:MM:SS[.fraction]' in UTC, ISO 8601 with a zone such as "
        + "'2023-11-16T18:15:46Z', or seconds after the trace start such as '12.5'. "
        + "Fix or remove the row."
    ),
    (
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-02-29 00:00:00,1,1",
      "t.csv line 2, column TIMESTAMP: invalid timestamp '2023-02-29 00:00:00'. Expected "
        + "'YYYY-MM-DD HH:MM:SS[.fraction]' in UTC, ISO 8601 with a zone such as "
        + "'2023-11-16T18:15:46Z', or seconds after the trace start such as '12.5'. "
        + "Fix or remove the row."
    ),
    (
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16T18:15:46,1,1",
      "t.csv line 2, column TIMESTAMP: invalid timestamp '2023-11-16T18:15:46'. Expected "
        + "'YYYY-MM-DD HH:MM:SS[.fraction]' in UTC, ISO 8601 with a zone such as "
        + "'2023-11-16T18:15:46Z', or seconds after the trace start such as '12.5'. "
        + "Fix or remove the row."
    ),
    (
      "TIMESTAMP,ContextTokens,GeneratedTokens\n\n2023-11-16 18:15:46,-5,1",
      "t.csv line 3, column ContextTokens: negative token count '-5'. Expected a whole "
        + "number of 0 or more. Fix or remove the row."
    ),
    (
      "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,5,1.5",
      "t.csv line 2, column GeneratedTokens: invalid token count '1.5'. Expected a whole "
        + "number of 0 or more. Fix or remove the row."
    ),
    (
      "TIMESTAMP,GeneratedTokens\n2023-11-16 18:15:46,1",
      "t.csv line 1: no prompt-token column in the header 'TIMESTAMP,GeneratedTokens'. "
        + "Expected a column named ContextTokens or prompt_tokens (in any case). Add the "
        + "column or rename it."
    ),
    (
      "timestamp,prompt_tokens,ContextTokens,completion_tokens\n1,1,1,1",
      "t.csv line 1: the header has two prompt-token columns, prompt_tokens and "
        + "ContextTokens. Remove or rename one of them."
    ),
    (
      "timestamp,prompt_tokens,completion_tokens\n1,1",
      "t.csv line 2: the row has 2 fields and no value for column completion_tokens. Give "
        + "every row the header's columns."
    ),
    (
      "timestamp,prompt_tokens,completion_tokens\n1,1,1\n2025-01-01 00:00:00,1,1",
      "t.csv line 3, column timestamp: the timestamp '2025-01-01 00:00:00' is of another "
        + "kind than the first row's. Give all rows dates, or all rows seconds after the start."
    ),
    (
      "timestamp,prompt_tokens,completion_tokens\n",
      "t.csv: the trace has a header but no rows. Give at least one request."
    ),
    (
      " \r\n\n",
      "t.csv: the trace is empty. Expected a header row such as "
        + "'TIMESTAMP,ContextTokens,GeneratedTokens' followed by one row per request."
    ),
    (
      "timestamp,prompt_tokens,completion_tokens,note\n1,1,1,\"open",
      "t.csv line 2: a quoted field is not closed. Close it with '\"' on the same line, or "
        + "double quotes inside it."
    ),
  ]

  @Test(arguments: errorCases)
  func parseErrorsHaveExactMessages(_ errorCase: (text: String, message: String)) {
    do {
      let result = try TraceFile.parse(errorCase.text, file: "t.csv")
      Issue.record("parsed \(result.rows.count) rows, expected: \(errorCase.message)")
    } catch {
      #expect(error.description == errorCase.message)
    }
  }

  @Test func quotedFieldsKeepCommas() throws {
    let text = "note,timestamp,prompt_tokens,completion_tokens\n\"a, \"\"b\"\"\",  7 ,\"8\",9"
    let result = try TraceFile.parse(text, file: "quoted.csv")
    #expect(result.rows == [TraceRow(offsetMicroseconds: 0, promptTokens: 8, completionTokens: 9)])
  }

  @Test func missingFileIsUnreadable() {
    let url = URL(fileURLWithPath: "/nonexistent/trace.csv")
    #expect(
      throws: TraceFileError.unreadable(file: "/nonexistent/trace.csv", reason: "no such file")
    ) {
      try TraceFile.load(contentsOf: url)
    }
  }

  // The conversation trace is a public data set kept outside the repository, so the test
  // runs only where a copy is present.
  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationTraceLoads() throws {
    let result = try TraceFile.load(contentsOf: #require(AzureTraces.conversation))
    #expect(result.rows.count == 19_366)
    #expect(result.rows.reduce(0) { $0 + $1.promptTokens } == 22_361_870)
    #expect(result.rows.reduce(0) { $0 + $1.completionTokens } == 4_088_665)
    #expect(
      result.origin == Instant(iso8601: "2023-11-16T18:15:46Z")?.advanced(byMicroseconds: 680_590))
    #expect(result.rows.last?.offsetMicroseconds == 3_501_721_937)
    #expect(result.warnings.isEmpty)
  }
}
