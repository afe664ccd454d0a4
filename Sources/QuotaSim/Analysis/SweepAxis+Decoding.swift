extension SweepAxis {
  /// Decodes a model's `sweep` block, recording every problem in the reader's collector.
  ///
  /// The block is an object from paths to values: an array of numbers, strings or Booleans,
  /// one such value, or a string in the `--set` grammar of ``SweepValueList``, such as
  /// `{"policy.throttleThreshold": [0.85, 0.9], "deployments.prod.monthlyTokenQuota":
  /// "50M:100M:25M"}`. Each path must lead into `document`, the scenario it belongs to.
  /// - Returns: The axes in the order written, or `nil` when the block has a problem.
  static func decodeBlock(_ reader: ConfigValueReader, document: JSONValue) -> [SweepAxis]? {
    let example =
      "Write the sweep as an object from paths to values, such as "
      + "{\"policy.throttleThreshold\": [0.85, 0.9]}"
    guard let object = reader.object(fix: example) else { return nil }

    var axes: [SweepAxis] = []
    var valid = true
    for member in object.object.members {
      let value = ConfigValueReader(
        value: member.value, path: reader.path.appending(key: member.key),
        collector: reader.collector)
      guard let axis = decodeAxis(path: member.key, value: value, document: document) else {
        valid = false
        continue
      }
      axes.append(axis)
    }
    return valid ? axes : nil
  }

  private static func decodeAxis(path text: String, value: ConfigValueReader, document: JSONValue)
    -> SweepAxis?
  {
    let path: SweepPath
    do throws(SweepPathError) {
      path = try SweepPath(parsing: text)
      _ = try document.setting(.number("0"), at: path)
    } catch {
      value.report(error.message, fix: error.fix)
      return nil
    }
    guard let values = decodeValues(value) else { return nil }
    return SweepAxis(path: path, values: values)
  }

  private static func decodeValues(_ reader: ConfigValueReader) -> [SweepValue]? {
    let expected = "a non-empty array of numbers, strings or Booleans, or a string of values"
    let fix = "Write the values such as [0.85, 0.9] or \"0.80:0.99:0.01\""
    switch reader.value.kind {
    case .string(let text):
      do throws(SweepValueError) {
        return try SweepValueList.parse(text)
      } catch {
        reader.report(error.message, fix: error.fix)
        return nil
      }
    case .array(let elements):
      guard !elements.isEmpty, elements.count <= SweepValueList.maximumValues else {
        reader.reportExpected(expected, fix: fix)
        return nil
      }
      var values: [SweepValue] = []
      for element in reader.array(fix: fix) ?? [] {
        guard let value = SweepValue(element.value) else {
          element.reportExpected("a number, a string or a Boolean", fix: fix)
          return nil
        }
        guard !values.contains(value) else {
          element.report("the value \(value) appears twice", fix: "List each value once")
          return nil
        }
        values.append(value)
      }
      return values
    case .number, .bool:
      return SweepValue(reader.value).map { [$0] }
    default:
      reader.reportExpected(expected, fix: fix)
      return nil
    }
  }
}
