extension JSONValue {
  /// Returns this document with `value` at `path`, creating absent object members on the way.
  ///
  /// The new value takes the position of the value it replaces, or of the object it is added
  /// to, so that problems the scenario decoder finds with it are ordered near that place.
  /// - Throws: ``SweepPathError`` when the path goes into a scalar, names a missing array
  ///   element, or ends at an array element.
  public func setting(_ value: SweepValue, at path: SweepPath) throws(SweepPathError) -> JSONValue {
    guard path.segments.first != "sweep" else { throw .sweepBlock(path: path.description) }
    return try setting(value, path: path, depth: 0)
  }

  private func setting(_ value: SweepValue, path: SweepPath, depth: Int) throws(SweepPathError)
    -> JSONValue
  {
    guard depth < path.segments.count else { return value.jsonValue(at: position) }
    let segment = path.segments[depth]
    let prefix = path.segments[..<depth].joined(separator: ".")

    switch kind {
    case .object(var object):
      if let index = object.members.firstIndex(where: { $0.key == segment }) {
        object.members[index].value = try object.members[index].value.setting(
          value, path: path, depth: depth + 1)
      } else {
        let empty = JSONValue(.object(JSONObject(members: [])), at: position)
        let member =
          depth + 1 < path.segments.count
          ? try empty.setting(value, path: path, depth: depth + 1)
          : value.jsonValue(at: position)
        object.members.append(JSONMember(key: segment, keyPosition: position, value: member))
      }
      return JSONValue(.object(object), at: position)

    case .array(var elements):
      guard depth + 1 < path.segments.count || Self.isIndex(segment) else {
        throw .endsAtArrayElement(path: path.description)
      }
      let index = try elementIndex(segment, in: elements, path: path, array: prefix)
      elements[index] = try elements[index].setting(value, path: path, depth: depth + 1)
      return JSONValue(.array(elements), at: position)

    default:
      throw .notAContainer(path: path.description, prefix: prefix, kind: kindName)
    }
  }

  /// Returns the index of the element named `segment`, or of index `segment`.
  private func elementIndex(
    _ segment: String, in elements: [JSONValue], path: SweepPath, array: String
  ) throws(SweepPathError) -> Int {
    if Self.isIndex(segment), let index = Int(segment) {
      guard index < elements.count else {
        throw .indexOutOfRange(
          path: path.description, array: array, index: index, count: elements.count)
      }
      return index
    }
    let names = elements.map { $0.objectValue?["name"]?.stringValue }
    if let index = names.firstIndex(of: segment) { return index }
    throw .noElementNamed(
      path: path.description, array: array, name: segment,
      suggestion: NameSuggestion.closest(to: segment, among: names.compactMap { $0 }))
  }

  private static func isIndex(_ segment: String) -> Bool {
    !segment.isEmpty && segment.utf8.allSatisfy { (48...57).contains($0) } && segment.count < 10
  }

  /// Returns the value at `segments` (object keys, names of array elements or indices), or
  /// `nil` when there is none or it is `null`.
  func value(at segments: [String]) -> JSONValue? {
    var current = self
    for segment in segments {
      switch current.kind {
      case .object(let object):
        guard let next = object[segment] else { return nil }
        current = next
      case .array(let elements):
        if Self.isIndex(segment), let index = Int(segment), index < elements.count {
          current = elements[index]
        } else if let named = elements.first(where: {
          $0.objectValue?["name"]?.stringValue == segment
        }) {
          current = named
        } else {
          return nil
        }
      default:
        return nil
      }
    }
    return current.isNull ? nil : current
  }
}
