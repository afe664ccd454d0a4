import Foundation

/// A scenario file read and validated once, from which scenarios with swept values are
/// decoded.
///
/// Values are set in the parsed JSON document before decoding, so every field the scenario
/// format has can be swept. A value that does not fit its field gets the same error, naming
/// the JSON path, as it would in the file.
public struct ScenarioDocument: Sendable {
  /// The file as the user named it.
  public let file: String
  /// The folder that relative trace files start from.
  public let baseDirectory: URL
  /// The model as written, with the command-line overrides applied.
  public let loaded: LoadedScenario
  /// The command-line values that replace the file's seed or horizon.
  public let overrides: ScenarioOverrides
  /// A fingerprint of the file's bytes: 16 hexadecimal digits of their 64-bit FNV-1a hash,
  /// so that partial results of different files are not merged.
  public let digest: String
  /// The parsed document without its `sweep` block.
  let document: JSONValue

  /// Reads, parses and validates the scenario file at `url`.
  ///
  /// - Throws: `ConfigError` with every problem in the file, as ``Scenario/load(contentsOf:overrides:)``
  ///   reports them.
  public static func load(contentsOf url: URL, overrides: ScenarioOverrides = .init())
    throws(ConfigError) -> ScenarioDocument
  {
    let file = ConfigFile.displayName(for: url)
    let value = try ConfigFile.parse(contentsOf: url)
    let baseDirectory = url.deletingLastPathComponent()
    let loaded = try Scenario.decode(
      value, file: file, baseDirectory: baseDirectory, overrides: overrides)
    let bytes = (try? Data(contentsOf: url)) ?? Data()
    return ScenarioDocument(
      file: file, baseDirectory: baseDirectory, loaded: loaded, overrides: overrides,
      digest: fnv1a64Hex(bytes), document: value.removingMember("sweep"))
  }

  /// Checks that `path` leads into the document.
  ///
  /// - Throws: ``SweepPathError`` naming the first segment that does not.
  public func check(_ path: SweepPath) throws(SweepPathError) {
    _ = try document.setting(.number("0"), at: path)
  }

  /// Returns the scenario with each setting applied, in order.
  ///
  /// - Throws: ``SweepPointError`` when a path does not lead into the document or the
  ///   document no longer decodes, with every problem found.
  public func scenario(with settings: [SweepSetting]) throws(SweepPointError) -> Scenario {
    guard !settings.isEmpty else { return loaded.scenario }
    var value = document
    for setting in settings {
      do throws(SweepPathError) {
        value = try value.setting(setting.value, at: setting.path)
      } catch {
        throw .path(error)
      }
    }
    do throws(ConfigError) {
      return try Scenario.decode(
        value, file: file, baseDirectory: baseDirectory, overrides: overrides
      ).scenario
    } catch {
      throw .invalid(settings: settings, error)
    }
  }
}

/// One field set to one value: a coordinate of a sweep point.
public struct SweepSetting: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The field.
  public var path: SweepPath
  /// The value.
  public var value: SweepValue

  public init(path: SweepPath, value: SweepValue) {
    self.path = path
    self.value = value
  }

  /// The setting as `PATH=VALUE`.
  public var description: String { "\(path)=\(value)" }
}

/// Settings that do not give a valid scenario.
public enum SweepPointError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A path does not lead into the document.
  case path(SweepPathError)
  /// The document with the settings applied has problems.
  case invalid(settings: [SweepSetting], ConfigError)

  /// Every problem, one per line.
  public var description: String {
    switch self {
    case .path(let error):
      error.description
    case .invalid(let settings, let error):
      "with \(settings.map(\.description).joined(separator: ", ")): "
        + error.issues.map(\.description).joined(separator: "\n")
    }
  }

  /// The problems as separate messages, for `Error: ` lines: the path problem, or each of
  /// the model's problems with the settings applied.
  public var messages: [String] {
    switch self {
    case .path(let error): [error.description]
    case .invalid(_, let error): error.issues.map(\.description)
    }
  }
}

extension JSONValue {
  /// Returns the value without the object member `key`; other values are returned unchanged.
  func removingMember(_ key: String) -> JSONValue {
    guard var object = objectValue else { return self }
    object.members.removeAll { $0.key == key }
    return JSONValue(.object(object), at: position)
  }
}

/// Returns the 64-bit FNV-1a hash of `bytes` as 16 lowercase hexadecimal digits.
func fnv1a64Hex(_ bytes: Data) -> String {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01B3
  }
  let digits = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - digits.count) + digits
}
