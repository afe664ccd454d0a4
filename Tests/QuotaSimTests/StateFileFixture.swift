import Foundation

@testable import QuotaSim

/// Temporary folders, catalogs and file helpers for the state file tests.
enum StateFileFixture {
  /// Creates an empty folder under the system's temporary folder and returns its path.
  static func makeFolder() -> String {
    var template = Array((NSTemporaryDirectory() + "/quotasim-state-XXXXXX").utf8CString)
    guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) })
    else { preconditionFailure("mkdtemp failed with errno \(errno)") }
    return String(cString: created)
  }

  /// Removes `folder` and everything in it, restoring write permission first.
  static func removeFolder(_ folder: String) {
    chmod(folder, 0o755)
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Returns a catalog with monthly UTC quotas: `A` (1,000,000 tokens) and `B` (500,000).
  static func catalog(quotaA: Int64? = 1_000_000, quotaB: Int64? = 500_000) -> DeploymentCatalog {
    try! DeploymentCatalog(deployments: [
      Deployment(name: "A", tokenQuota: quotaA),
      Deployment(name: "B", tokenQuota: quotaB),
    ])
  }

  /// The ID of deployment `A` in ``catalog(quotaA:quotaB:)``.
  static let a = DeploymentID(0)
  /// The ID of deployment `B` in ``catalog(quotaA:quotaB:)``.
  static let b = DeploymentID(1)

  /// Opens a tracker on `path` with ``catalog(quotaA:quotaB:)``.
  static func open(
    _ path: String, clock: ManualClock, mode: StateSaveMode = .manual,
    log: MemoryLogSink? = nil, ifDamaged: DamagedStateFileAction = .fail
  ) throws(TrackerStateError) -> QuotaTracker {
    try QuotaTracker.open(
      catalog: catalog(), clock: clock, log: log, stateFile: TrackerStateFile(path: path),
      mode: mode, ifDamaged: ifDamaged)
  }

  /// Returns the bytes of the file at `path`, or `nil` when it cannot be read.
  static func bytes(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
  }

  /// Writes `text` to `path`, replacing any file there.
  static func write(_ text: String, to path: String) {
    precondition(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
  }

  /// Returns the names in `folder`, sorted.
  static func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  /// Returns `usedTokens` of deployment `name` as written in the state file at `path`.
  static func savedUsedTokens(_ path: String, deployment name: String = "A") -> Int64? {
    guard let data = FileManager.default.contents(atPath: path),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let deployments = root["deployments"] as? [String: Any],
      let entry = deployments[name] as? [String: Any]
    else { return nil }
    return (entry["usedTokens"] as? NSNumber)?.int64Value
  }
}
