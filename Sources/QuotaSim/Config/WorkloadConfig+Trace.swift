import Foundation

extension WorkloadConfig {
  /// Reads the rows of the trace named by `file`, a path relative to `baseDirectory`, or
  /// records a problem at `file` and returns `nil`.
  ///
  /// - Parameter notes: Receives the reader's warnings, such as rows it had to sort.
  static func loadTraceRows(_ file: ConfigValueReader, baseDirectory: URL, notes: inout [String])
    -> [TraceRow]?
  {
    guard
      let path = file.nonEmptyString(
        expected: "a path to a CSV trace", fix: "Give the trace's path relative to the model file")
    else { return nil }
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
    do throws(TraceFileError) {
      let loaded = try TraceFile.load(contentsOf: url)
      notes += loaded.warnings.map(\.description)
      return loaded.rows
    } catch {
      var text = error.description
      if text.hasSuffix(".") { text.removeLast() }
      file.report(
        "the trace could not be loaded: \(text)",
        fix: "Fix the trace file, or point traceFile at another one")
      return nil
    }
  }
}
