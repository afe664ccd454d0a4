import Foundation

extension WorkloadConfig {
  /// Reads the rows of the trace named by `file`, a path relative to `baseDirectory`, or
  /// records a problem at `file` and returns `nil`.
  ///
  /// - Parameter notes: Receives the reader's warnings, such as skipped rows.
  // TODO: read the rows with `TraceFile.load(contentsOf:)`, mapping its `TraceFileError` to an
  // issue at `file` and its warnings to notes. Until that reader is in this target, every
  // trace workload is rejected, so scenarios with trace workloads do not validate.
  static func loadTraceRows(_ file: ConfigValueReader, baseDirectory: URL, notes: inout [String])
    -> [TraceRow]?
  {
    file.report(
      "trace workloads are not loaded yet",
      fix: "Use a poisson or batch workload until trace replay is available")
    return nil
  }
}
