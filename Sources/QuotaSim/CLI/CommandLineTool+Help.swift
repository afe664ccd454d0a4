extension CommandLineTool {
  /// The width that help text wraps at, in characters.
  static let helpWidth = 80

  /// Returns the text of `quotasim --help`: the overview, the usage and every command with its
  /// abstract.
  public func overviewHelp() -> String {
    var sections = [
      Self.wrap(overview, indent: 0),
      Self.usageLine(usage),
      "Commands:\n" + Self.table(allCommands.map { ($0.name, $0.abstract) }),
      "Options:\n" + Self.table([(OptionSpec.help.synopsis, OptionSpec.help.help)]),
    ]
    sections.append("See '\(name) help <command>' for the arguments and options of a command.")
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// Returns the text of `quotasim help COMMAND`: the abstract, the usage, every argument and
  /// option with its help, and the discussion.
  public func help(for command: CommandSpec) -> String {
    var sections = [
      Self.wrap(command.abstract, indent: 0),
      Self.usageLine(command.usage(toolName: name)),
    ]
    if !command.arguments.isEmpty {
      sections.append(
        "Arguments:\n" + Self.table(command.arguments.map { ($0.name, $0.help) }))
    }
    sections.append("Options:\n" + Self.table(command.allOptions.map { ($0.synopsis, $0.help) }))
    if let discussion = command.discussion {
      sections.append(
        discussion.split(separator: "\n\n", omittingEmptySubsequences: true)
          .map { Self.wrap(String($0), indent: 0) }
          .joined(separator: "\n\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// Returns the command called `name`, the built-in `help` included, or `nil`.
  public func command(named name: String) -> CommandSpec? {
    allCommands.first { $0.name == name }
  }

  /// Returns `Usage: ` and `usage`, wrapped at ``helpWidth`` with continuation lines indented
  /// by two spaces. An option and its value placeholder, such as `--state FILE`, and a
  /// bracketed group, such as `(--tokens N | --prompt-tokens N)`, stay on one line.
  static func usageLine(_ usage: String) -> String {
    var units: [String] = []
    var depth = 0
    for word in usage.split(separator: " ").map(String.init) {
      let isPlaceholder = !word.hasPrefix("-") && !word.hasPrefix("[") && !word.hasPrefix("(")
      let previousIsOption = units.last.map { $0.hasPrefix("-") } ?? false
      if depth > 0 || (isPlaceholder && previousIsOption), let last = units.popLast() {
        units.append(last + " " + word)
      } else {
        units.append(word)
      }
      depth += word.filter { $0 == "(" || $0 == "[" }.count
      depth -= word.filter { $0 == ")" || $0 == "]" }.count
    }

    var lines: [String] = []
    var line = "Usage:"
    for unit in units {
      if line.count + 1 + unit.count > helpWidth, line.contains(" ") {
        lines.append(line)
        line = " "
      }
      line += " " + unit
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// Lays out `rows` as an indented two-column table whose second column wraps.
  static func table(_ rows: [(String, String)]) -> String {
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    return rows.map { name, text in
      let padded = "  " + name + String(repeating: " ", count: width - name.count)
      let body = wrap(text, indent: 2 + width)
      return padded + body.drop { $0 == " " }
    }.joined(separator: "\n")
  }

  /// Wraps `text` at ``helpWidth`` with every line indented by `indent` spaces.
  static func wrap(_ text: String, indent: Int) -> String {
    let prefix = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = prefix
    for word in text.split(separator: " ") {
      if line.count > indent, line.count + 1 + word.count > helpWidth {
        lines.append(line)
        line = prefix
      }
      line += (line.count > indent ? " " : "") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
