/// A failure to load or save a tracker state file.
///
/// Every message names the file, what is wrong and what to do. A file that cannot be
/// used is never overwritten: loading stops with one of the damage cases, and only an explicit
/// ``DamagedStateFileAction/resetState`` sets the file aside and starts with no usage.
public enum TrackerStateError: Error, Sendable, Equatable {
  /// Reading the file failed (permissions, a folder in its place); `reason` is the system's
  /// error text.
  case unreadable(path: String, reason: String)
  /// The file has no content, or only white space.
  case empty(path: String)
  /// The JSON ends before the document is complete, as after an interrupted write;
  /// `byteCount` is the file's length.
  case truncated(path: String, byteCount: Int)
  /// Bytes other than white space follow the JSON document, starting at byte `offset`.
  case trailingData(path: String, offset: Int)
  /// The file is JSON but not a valid state document; `location` is the JSON path of the
  /// problem, such as `deployments.A.usedTokens`.
  case malformed(path: String, location: String, problem: String)
  /// The file has a schema version newer than this build reads.
  case newerVersion(path: String, version: Int, supportedVersion: Int)
  /// A save failed at `step`; the tracker keeps the unsaved usage in memory and the next save
  /// retries it.
  case saveFailed(path: String, step: String, reason: String)
  /// The new file replaced the old one, but syncing the folder failed. The rename may not
  /// survive a power loss, but the usage counts as saved.
  case notDurable(path: String, reason: String)
  /// Setting a damaged file aside failed, so the tracker could not start fresh.
  case resetFailed(path: String, reason: String)

  /// The file the error is about.
  public var path: String {
    switch self {
    case .unreadable(let path, _), .empty(let path), .truncated(let path, _),
      .trailingData(let path, _), .malformed(let path, _, _), .newerVersion(let path, _, _),
      .saveFailed(let path, _, _), .notDurable(let path, _), .resetFailed(let path, _):
      return path
    }
  }

  /// Whether the file's content is unusable, so that ``DamagedStateFileAction/resetState``
  /// may set it aside; read and write failures are not damage.
  public var isDamage: Bool {
    switch self {
    case .empty, .truncated, .trailingData, .malformed, .newerVersion: return true
    case .unreadable, .saveFailed, .notDurable, .resetFailed: return false
    }
  }
}

extension TrackerStateError: CustomStringConvertible {
  /// The message for people: the file, what is wrong and what to do.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "Cannot read state file '\(path)': \(reason). "
        + "Check that the path is a readable file; nothing was changed."
    case .empty(let path):
      return "State file '\(path)' is empty; a valid file holds at least "
        + "{\"version\":1,\"deployments\":{}}. " + Self.damageAdvice(path)
    case .truncated(let path, let byteCount):
      return "State file '\(path)' is truncated: its JSON ends after \(byteCount) bytes, "
        + "before the document is complete. " + Self.damageAdvice(path)
    case .trailingData(let path, let offset):
      return "State file '\(path)' has unexpected data after the JSON document, "
        + "at byte \(offset). " + Self.damageAdvice(path)
    case .malformed(let path, let location, let problem):
      return "State file '\(path)' is not a valid state document: \(problem) at '\(location)'. "
        + Self.damageAdvice(path)
    case .newerVersion(let path, let version, let supportedVersion):
      return "State file '\(path)' has schema version \(version), but this build reads "
        + "versions up to \(supportedVersion). Use a newer quotasim, or start fresh with "
        + "--reset-state, which keeps the file as '\(Self.fileName(path)).corrupt-<UTC time>'."
    case .saveFailed(let path, let step, let reason):
      return "Cannot save state file '\(path)': \(step) failed: \(reason). "
        + "The unsaved usage is kept in memory and the next save retries it."
    case .notDurable(let path, let reason):
      return "State file '\(path)' was replaced, but syncing its folder failed: \(reason). "
        + "The usage is saved, but the new file may be lost if the machine loses power soon."
    case .resetFailed(let path, let reason):
      return "Cannot set aside the damaged state file '\(path)': \(reason). "
        + "Move or delete the file yourself, then start again."
    }
  }

  private static func damageAdvice(_ path: String) -> String {
    "The file was left unchanged. Restore it from a backup, or start fresh with --reset-state, "
      + "which keeps it as '\(fileName(path)).corrupt-<UTC time>'."
  }

  private static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
