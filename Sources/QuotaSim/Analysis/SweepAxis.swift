/// One dimension of a sweep: a field of the scenario and the values it takes.
public struct SweepAxis: Sendable, Hashable, Codable {
  /// The field.
  public var path: SweepPath
  /// The values, in the order written; never empty.
  public var values: [SweepValue]

  public init(path: SweepPath, values: [SweepValue]) {
    precondition(!values.isEmpty, "sweep axis '\(path)' needs at least one value")
    self.path = path
    self.values = values
  }

  /// Parses `PATH=VALUES`, as `--set` takes it, such as `policy.throttleThreshold=0.85,0.9`.
  ///
  /// - Throws: ``SweepAxisError`` when the `=` is missing or the path or values are invalid.
  public init(assignment text: String) throws(SweepAxisError) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw .missingEquals(text)
    }
    let pathText = String(text[..<equals])
    let valuesText = String(text[text.index(after: equals)...])
    let path: SweepPath
    do throws(SweepPathError) {
      path = try SweepPath(parsing: pathText)
    } catch {
      throw .path(text, error)
    }
    guard !valuesText.isEmpty else { throw .missingValues(text) }
    do throws(SweepValueError) {
      self.init(path: path, values: try SweepValueList.parse(valuesText))
    } catch {
      throw .values(text, error)
    }
  }

  /// Returns the axes of `model` with each axis of `overrides` replacing the model's axis of
  /// the same path or, when there is none, added after them.
  public static func combining(_ model: [SweepAxis], with overrides: [SweepAxis]) -> [SweepAxis] {
    var axes = model
    for axis in overrides {
      if let index = axes.firstIndex(where: { $0.path == axis.path }) {
        axes[index] = axis
      } else {
        axes.append(axis)
      }
    }
    return axes
  }
}

/// A `PATH=VALUES` assignment that cannot be read.
public enum SweepAxisError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text has no `=` or nothing before it.
  case missingEquals(String)
  /// The text has nothing after the `=`.
  case missingValues(String)
  /// The path is invalid.
  case path(String, SweepPathError)
  /// The values are invalid.
  case values(String, SweepValueError)

  public var description: String {
    switch self {
    case .missingEquals(let text):
      "'\(text)' is not PATH=VALUES. Write a path, '=' and values, such as "
        + "'policy.throttleThreshold=0.85,0.9'"
    case .missingValues(let text):
      "'\(text)' has no values after '='. Write values such as 0.85,0.9 or 0.80:0.99:0.01"
    case .path(let text, let error):
      "'\(text)': \(error.description)"
    case .values(let text, let error):
      "'\(text)': \(error.description)"
    }
  }
}
