extension ScenarioOverrides {
  /// The `--seed N` option of commands that run a scenario.
  public static let seedOption = OptionSpec(
    name: "seed", valueName: "N",
    help: "Seed that every random stream derives from, a whole number from 0 to "
      + "9223372036854775807. It replaces the scenario's seed.")

  /// The `--months N` option of commands that run a scenario.
  public static let monthsOption = OptionSpec(
    name: "months", valueName: "N",
    help: "Simulated span in calendar months from the scenario's start, a whole number from 1 "
      + "to 1200. It replaces the scenario's horizon.")

  /// Both options, for a command's option list.
  public static let options = [seedOption, monthsOption]

  /// Reads `--seed` and `--months` from a parsed command line, leaving absent ones `nil`.
  ///
  /// - Parameter usage: The command's usage line without `Usage: `, for the error.
  /// - Throws: `UsageError` naming the option and the value when the value is not a whole
  ///   number in range.
  public init(parsed: ParsedCommand, usage: String) throws(UsageError) {
    self.init()
    if let text = parsed.options[Self.seedOption.name] {
      guard let seed = Self.wholeNumber(text, in: 0...Int64.max) else {
        throw UsageError(
          message: "option '--seed' needs a whole number from 0 to 9223372036854775807, "
            + "but found '\(text)'",
          usage: usage)
      }
      self.seed = UInt64(seed)
    }
    if let text = parsed.options[Self.monthsOption.name] {
      guard let months = Self.wholeNumber(text, in: 1...Int64(Self.maximumMonths)) else {
        throw UsageError(
          message: "option '--months' needs a whole number from 1 to \(Self.maximumMonths), "
            + "but found '\(text)'",
          usage: usage)
      }
      self.months = Int(months)
    }
  }

  /// Parses decimal digits, without a sign, as a number in `range`.
  private static func wholeNumber(_ text: String, in range: ClosedRange<Int64>) -> Int64? {
    guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }),
      let number = Int64(text), range.contains(number)
    else { return nil }
    return number
  }
}
