import Foundation

extension TrackerStateDocument {
  /// Decodes a state file's bytes, splitting its entries into those of `knownNames` and the
  /// rest, which are kept unchanged.
  ///
  /// The layout is checked before the content, so that the error reports what happened to the
  /// file: empty, truncated (an interrupted write), followed by other data, or written by a
  /// newer version.
  ///
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - path: the file's path, for messages.
  ///   - knownNames: the deployment names of the reading catalog.
  /// - Throws: ``TrackerStateError`` `.empty`, `.truncated`, `.trailingData`, `.malformed` or
  ///   `.newerVersion`.
  static func decode(_ data: Data, path: String, knownNames: Set<String>) throws(TrackerStateError)
    -> TrackerStateDocument
  {
    switch JSONLayout.scan([UInt8](data)) {
    case .empty:
      throw .empty(path: path)
    case .notAnObject:
      throw .malformed(path: path, location: "(root)", problem: "expected a JSON object")
    case .truncated:
      throw .truncated(path: path, byteCount: data.count)
    case .trailingData(let offset):
      throw .trailingData(path: path, offset: offset)
    case .complete:
      break
    }

    let decoder = JSONDecoder()
    let probe: VersionProbe
    do {
      probe = try decoder.decode(VersionProbe.self, from: data)
    } catch {
      throw malformed(error, path: path, prefix: [])
    }
    guard let version = probe.version else {
      throw .malformed(path: path, location: "version", problem: "missing key 'version'")
    }
    guard version >= 1 else {
      throw .malformed(
        path: path, location: "version",
        problem: "schema version \(version) is invalid; expected \(currentVersion)")
    }
    guard version <= currentVersion else {
      throw .newerVersion(path: path, version: version, supportedVersion: currentVersion)
    }

    let raw: RawDocument
    do {
      raw = try decoder.decode(RawDocument.self, from: data)
    } catch {
      throw malformed(error, path: path, prefix: [])
    }
    var document = TrackerStateDocument()
    for (name, value) in raw.deployments {
      guard knownNames.contains(name) else {
        document.foreignDeployments[name] = value
        continue
      }
      do {
        let entryData = try JSONEncoder().encode(value)
        document.deployments[name] = try decoder.decode(
          SavedDeploymentState.self, from: entryData)
      } catch {
        throw malformed(error, path: path, prefix: ["deployments", name])
      }
    }
    return document
  }

  /// Encodes the document as pretty-printed JSON with sorted keys and a final newline, so
  /// the same state always gives the same bytes.
  ///
  /// - Throws: ``TrackerStateError/saveFailed(path:step:reason:)`` if a value cannot be
  ///   encoded (a foreign entry with a number JSON cannot represent).
  func encoded(path: String) throws(TrackerStateError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var entries: [String: EncodedEntry] = foreignDeployments.mapValues(EncodedEntry.foreign)
    for (name, entry) in deployments {
      entries[name] = .known(entry)
    }
    do {
      var data = try encoder.encode(
        EncodedDocument(version: Self.currentVersion, deployments: entries))
      data.append(UInt8(ascii: "\n"))
      return data
    } catch {
      throw .saveFailed(path: path, step: "encoding the state", reason: "\(error)")
    }
  }

  private static func malformed(_ error: any Error, path: String, prefix: [String])
    -> TrackerStateError
  {
    guard let error = error as? DecodingError else {
      return .malformed(path: path, location: "(root)", problem: "\(error)")
    }
    func location(_ codingPath: [any CodingKey], _ last: String? = nil) -> String {
      var parts = prefix
      for key in codingPath {
        if let index = key.intValue, !parts.isEmpty {
          parts[parts.count - 1] += "[\(index)]"
        } else {
          parts.append(key.stringValue)
        }
      }
      if let last { parts.append(last) }
      return parts.isEmpty ? "(root)" : parts.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      return .malformed(
        path: path, location: location(context.codingPath, key.stringValue),
        problem: "missing key '\(key.stringValue)'")
    case .typeMismatch(let type, let context):
      return .malformed(
        path: path, location: location(context.codingPath),
        problem: "expected a value of type \(type)")
    case .valueNotFound(let type, let context):
      return .malformed(
        path: path, location: location(context.codingPath),
        problem: "null where a value of type \(type) was expected")
    case .dataCorrupted(let context):
      return .malformed(
        path: path, location: location(context.codingPath), problem: context.debugDescription)
    @unknown default:
      return .malformed(path: path, location: location([]), problem: "\(error)")
    }
  }
}

/// The top-level `version` field alone, read before anything else so that a newer file is
/// reported as newer even if the rest of its schema changed.
private struct VersionProbe: Decodable {
  var version: Int?
}

/// The top level of a state file with every entry kept as raw JSON.
private struct RawDocument: Decodable {
  var deployments: [String: StoredJSONValue]

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case version, deployments
  }

  init(from decoder: any Decoder) throws {
    let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys
    if let unknown = keys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: [unknown],
          debugDescription: "unknown key '\(unknown.stringValue)'; expected version, deployments"
        ))
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    deployments = try container.decode([String: StoredJSONValue].self, forKey: .deployments)
  }
}

private struct EncodedDocument: Encodable {
  var version: Int
  var deployments: [String: EncodedEntry]
}

private enum EncodedEntry: Encodable {
  case known(SavedDeploymentState)
  case foreign(StoredJSONValue)

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .known(let entry): try entry.encode(to: encoder)
    case .foreign(let value): try value.encode(to: encoder)
    }
  }
}

/// The outline of a JSON text: whether it is one complete object with nothing after it.
enum JSONLayout: Equatable {
  /// No bytes, or only white space.
  case empty
  /// The first value is not an object.
  case notAnObject
  /// The text ends inside the object or inside a string.
  case truncated
  /// Bytes other than white space follow the object, starting at `offset`.
  case trailingData(offset: Int)
  /// One object, optionally surrounded by white space; its syntax is checked later.
  case complete

  /// Scans `bytes`, tracking string and nesting state only.
  static func scan(_ bytes: [UInt8]) -> JSONLayout {
    var index = 0
    skipWhiteSpace(bytes, &index)
    guard index < bytes.count else { return .empty }
    guard bytes[index] == UInt8(ascii: "{") else { return .notAnObject }

    var depth = 0
    var inString = false
    var escaped = false
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
      if depth == 0 { break }
    }
    guard depth == 0 else { return .truncated }

    skipWhiteSpace(bytes, &index)
    return index == bytes.count ? .complete : .trailingData(offset: index)
  }

  private static func skipWhiteSpace(_ bytes: [UInt8], _ index: inout Int) {
    while index < bytes.count,
      [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(
        bytes[index])
    {
      index += 1
    }
  }
}
