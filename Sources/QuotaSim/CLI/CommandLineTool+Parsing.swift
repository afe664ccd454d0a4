extension CommandLineTool {
  /// Parses the arguments after a command's name.
  ///
  /// Options may come before, between or after positional arguments; `--name value`,
  /// `--name=value` and `-n value` all work, and `--` ends the options. `-h` or `--help`
  /// anywhere before `--` requests help, even when other arguments are wrong.
  /// - Returns: The parsed command line, or `nil` when help was asked for.
  /// - Throws: `UsageError` naming the offending token.
  func parse(_ tokens: ArraySlice<String>, for command: CommandSpec) throws(UsageError)
    -> ParsedCommand?
  {
    let optionTokens = tokens.prefix { $0 != "--" }
    if optionTokens.contains("--help") || optionTokens.contains("-h") { return nil }

    let usage = command.usage(toolName: name)
    var parsed = ParsedCommand(command: command.name)
    var positionals: [String] = []
    var remaining = tokens[...]
    var optionsEnded = false
    while let token = remaining.popFirst() {
      if optionsEnded || token == "-" || !token.hasPrefix("-") {
        positionals.append(token)
      } else if token == "--" {
        optionsEnded = true
      } else {
        try parseOption(token, remaining: &remaining, into: &parsed, command: command)
      }
    }

    let required = command.arguments.filter { !$0.isOptional }
    if positionals.count < required.count {
      throw UsageError(
        message: "missing argument \(required[positionals.count].name)", usage: usage)
    }
    let variadic = command.arguments.last.flatMap { $0.isVariadic ? $0 : nil }
    if variadic == nil, positionals.count > command.arguments.count {
      throw UsageError(
        message: "unexpected argument '\(positionals[command.arguments.count])'", usage: usage)
    }
    for (argument, value) in zip(command.arguments, positionals) {
      parsed.arguments[argument.name] = value
    }
    if let variadic, positionals.count >= command.arguments.count {
      parsed.variadicArguments[variadic.name] = Array(positionals[(command.arguments.count - 1)...])
    }
    return parsed
  }

  /// Parses one option token, taking its value from `remaining` when it is not inline.
  private func parseOption(
    _ token: String, remaining: inout ArraySlice<String>, into parsed: inout ParsedCommand,
    command: CommandSpec
  ) throws(UsageError) {
    let usage = command.usage(toolName: name)
    let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let spelled = String(parts[0])
    let inlineValue = parts.count == 2 ? String(parts[1]) : nil
    let option = command.allOptions.first { option in
      spelled == "--\(option.name)" || option.shortName.map { spelled == "-\($0)" } == true
    }
    guard let option else { throw unknownOption(token, among: command.allOptions, usage: usage) }

    let canonical = "--\(option.name)"
    if option.isRepeatable, let valueName = option.valueName {
      guard let value = inlineValue ?? remaining.popFirst() else {
        throw UsageError(message: "option '\(canonical)' needs a value \(valueName)", usage: usage)
      }
      parsed.repeatedOptions[option.name, default: []].append(value)
      return
    }
    if parsed.flags.contains(option.name) || parsed.options[option.name] != nil {
      throw UsageError(message: "option '\(canonical)' is given more than once", usage: usage)
    }
    guard let valueName = option.valueName else {
      if inlineValue != nil {
        throw UsageError(message: "option '\(canonical)' takes no value", usage: usage)
      }
      parsed.flags.insert(option.name)
      return
    }
    guard let value = inlineValue ?? remaining.popFirst() else {
      throw UsageError(message: "option '\(canonical)' needs a value \(valueName)", usage: usage)
    }
    parsed.options[option.name] = value
  }
}
