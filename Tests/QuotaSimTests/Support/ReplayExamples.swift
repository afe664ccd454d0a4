import Foundation

@testable import QuotaSim

/// The replay scripts shipped in `examples/replay`, and policy overrides applied to them as a
/// user would write them in a script's `policy` object.
enum ReplayExamples {
  /// The folder of the shipped scripts.
  static var folder: URL {
    CLIRunner.packageRoot().appendingPathComponent("examples/replay", isDirectory: true)
  }

  /// The names of the shipped scripts without `.json`, sorted.
  static func names() -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Parses the shipped script `name`.
  static func document(_ name: String) throws -> JSONValue {
    try ConfigFile.parse(contentsOf: folder.appendingPathComponent(name + ".json"))
  }

  /// Loads and replays the shipped script `name`, with `policy` members set over the file's.
  static func replay(_ name: String, policy: [(String, String)] = []) throws -> ReplayResult {
    var document = try document(name)
    for (key, value) in policy {
      document = try setting(key, to: value, inPolicyOf: document)
    }
    let script = try ReplayScript.decode(document, file: name + ".json")
    return ScriptRun(script: script).run()
  }

  /// Returns `document` with `policy.key` set to the JSON text `value`, adding the policy
  /// object or the member when missing.
  static func setting(_ key: String, to value: String, inPolicyOf document: JSONValue) throws
    -> JSONValue
  {
    guard var root = document.objectValue else { return document }
    let position = SourcePosition(line: 1, column: 1)
    let parsed = try JSONParser().parse(value)
    var policy = root["policy"]?.objectValue ?? JSONObject(members: [])
    policy.members.removeAll { $0.key == key }
    policy.members.append(JSONMember(key: key, keyPosition: position, value: parsed))
    root.members.removeAll { $0.key == "policy" }
    root.members.append(
      JSONMember(
        key: "policy", keyPosition: position, value: JSONValue(.object(policy), at: position)))
    return JSONValue(.object(root), at: document.position)
  }
}
