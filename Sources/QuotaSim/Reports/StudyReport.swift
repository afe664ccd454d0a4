/// The output of a finished study, the same whether one machine ran it or `merge` combined
/// its shards: the text for standard output and the report files.
public enum StudyReport {
  /// Summarizes `results` and renders them as the study's command prints them in `format`.
  ///
  /// - Precondition: `results` contains every task of `study` in task order.
  /// - Returns: The standard output text, and the JSON and CSV files as `(name, text)`:
  ///   `replications.json` and `replications.csv` for `run --replications`, `sweep.json` and
  ///   `sweep.csv` for a sweep.
  public static func render(
    study: StudyDescriptor, results: [TaskResult], as format: ReportFormat
  ) -> (standardOutput: String, files: [(String, String)]) {
    switch study.kind {
    case .replications:
      let summary = ReplicationSummary(results.map(\.result))
      return (
        ReplicationReport.render(summary, as: format),
        [
          ("replications.json", ReplicationReport.json(summary)),
          ("replications.csv", ReplicationReport.csv(summary)),
        ]
      )
    case .sweep:
      let sweep = SweepResult(study: study, results: results)
      return (
        SweepReport.render(sweep, as: format),
        [("sweep.json", SweepReport.json(sweep)), ("sweep.csv", SweepReport.csv(sweep))]
      )
    }
  }
}
