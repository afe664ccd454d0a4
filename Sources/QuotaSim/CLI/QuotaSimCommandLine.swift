/// The `quotasim` program: its overview and its command table.
///
/// To add a command, write a `CommandSpec` (see ``ValidateCommand``) and list it in
/// ``commands``; `--help`, `help COMMAND` and the error messages follow from the table.
public enum QuotaSimCommandLine {
  /// The commands in the order `quotasim --help` lists them; `help` is added by the tool.
  public static let commands: [CommandSpec] = [
    RunCommand.spec,
    SweepCommand.spec,
    PlanCommand.spec,
    MergeCommand.spec,
    FitCommand.spec,
    ValidateCommand.spec,
    RecordCommand.spec,
    StatusCommand.spec,
    ReplayCommand.spec,
    CheckCommand.spec,
  ]

  /// The program.
  public static let tool = CommandLineTool(
    name: "quotasim",
    overview: """
      quotasim simulates Azure OpenAI quotas and rate limits, driving the client-side \
      limiter on a virtual clock.
      """,
    commands: commands)
}
