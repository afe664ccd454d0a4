extension BaselineCheck.Report {
  /// The maximum length of a value in a table cell; longer ones end in `…`.
  public static let cellLimit = 60

  /// Returns the report as text: a verdict line, then a table of the changed figures with
  /// their old and new values.
  public func rendered() -> String {
    let figures = QuantityFormat.grouped(Int64(comparison.figuresCompared))
    let seedText =
      (seeds.count == 1 ? "seed " : "seeds ") + seeds.map(String.init).joined(separator: ", ")
    let changed = comparison.changes.count
    let line: String
    switch verdict {
    case .unchanged:
      line = "\(model): unchanged, \(figures) figures of \(seedText) (\(baselineFile))"
    case .changed:
      line = "\(model): \(changed) of \(figures) figures changed, \(seedText) (\(baselineFile))"
    case .created:
      line = "\(model): created \(baselineFile) with \(figures) figures of \(seedText)"
    case .updated where changed == 0:
      line = "\(model): rewrote \(baselineFile), no figure changed, \(seedText)"
    case .updated:
      line =
        "\(model): updated \(baselineFile), \(changed) of \(figures) figures changed, \(seedText)"
    }
    guard changed > 0 else { return line + "\n" }

    let rows = comparison.changes.map { [$0.figure, Self.cell($0.old), Self.cell($0.new)] }
    let table = ReplayReport.leftAligned(header: ["figure", "old", "new"], rows: rows)
    return ([line] + table.map { "  " + $0 }).joined(separator: "\n") + "\n"
  }

  private static func cell(_ text: String) -> String {
    text.count <= cellLimit ? text : String(text.prefix(cellLimit - 1)) + "…"
  }
}
