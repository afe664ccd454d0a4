import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tracker state file on disk, with the sidecar lock file that serializes its writers.
///
/// A save replaces the file in four steps: write the new content to a uniquely named
/// temporary file in the same folder, `fsync` it, `rename` it over the file, and `fsync` the
/// folder. A reader therefore sees either the old or the new file, never a mix, and needs no
/// lock. Writers take an exclusive `flock` on `<path>.lock` for their whole
/// read-merge-write, so several processes, and several trackers in one process, add their
/// usage in turn. The lock file is created by the first save and never deleted, because two
/// writers that locked different files would lose counts. `flock` locks are advisory and
/// may not work on network file systems; keep shared state files on a local disk.
///
/// The type holds only paths; every operation is a short sequence of system calls and is
/// safe to call from any thread.
public struct TrackerStateFile: Sendable, Hashable {
  /// The path of the state file, absolute or relative to the working directory.
  public let path: String

  /// Creates a handle for the state file at `path`; nothing is read or created yet.
  public init(path: String) {
    self.path = path
  }

  /// The path of the lock file that writers `flock`: the state file's path plus `.lock`.
  public var lockPath: String { path + ".lock" }

  /// The folder that contains the file; temporary files are created there so that the rename
  /// stays within one file system.
  var folderPath: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  /// The file's name without its folder.
  var fileName: String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Reads the whole file, or returns `nil` when it does not exist.
  ///
  /// - Throws: ``TrackerStateError/unreadable(path:reason:)`` when the file exists but
  ///   cannot be read.
  func read() throws(TrackerStateError) -> Data? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      let code = errno
      if code == ENOENT { return nil }
      throw .unreadable(path: path, reason: systemErrorText(code))
    }
    defer { close(descriptor) }

    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        let code = errno
        if code == EINTR { continue }
        throw .unreadable(path: path, reason: systemErrorText(code))
      }
      if count == 0 { return data }
      data.append(contentsOf: buffer[0..<count])
    }
  }

  /// Runs `body` while holding an exclusive `flock` on ``lockPath``, which is created if
  /// missing. The lock is released when `body` returns or throws.
  ///
  /// The lock is taken on a descriptor opened for this call alone, so two threads of one
  /// process exclude each other like two processes do. The call blocks while another
  /// writer has the lock.
  ///
  /// - Throws: ``TrackerStateError/saveFailed(path:step:reason:)`` when the lock file cannot
  ///   be opened or locked, or whatever `body` throws.
  func withExclusiveLock<Result>(_ body: () throws(TrackerStateError) -> Result)
    throws(TrackerStateError) -> Result
  {
    let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .saveFailed(
        path: path, step: "opening the lock file '\(lockPath)'", reason: systemErrorText(errno))
    }
    defer { close(descriptor) }

    while flock(descriptor, LOCK_EX) != 0 {
      let code = errno
      if code == EINTR { continue }
      throw .saveFailed(
        path: path, step: "locking '\(lockPath)'", reason: systemErrorText(code))
    }
    return try body()
  }

  /// Replaces the file's content with `data` atomically and durably.
  ///
  /// On any failure before the rename, the temporary file is removed and the old file is
  /// untouched. Call it only while holding the lock of ``withExclusiveLock(_:)``, because it
  /// first removes the temporary files that earlier writers of this state file left behind.
  /// Every writer creates its temporary file under that lock, so any such file found now
  /// belongs to a writer that was killed mid-save.
  ///
  /// - Returns: the error text when syncing the folder after the rename failed, else `nil`;
  ///   the new content is in place either way.
  /// - Throws: ``TrackerStateError/saveFailed(path:step:reason:)`` naming the failed step
  ///   and the system's error text.
  func replace(with data: Data) throws(TrackerStateError) -> String? {
    removeAbandonedTemporaryFiles()
    let temporaryPath = folderPath + "/" + temporaryFileName()
    let descriptor = open(
      temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existingPermissions() ?? 0o644)
    guard descriptor >= 0 else {
      throw .saveFailed(
        path: path, step: "creating the temporary file '\(temporaryPath)'",
        reason: systemErrorText(errno))
    }

    var renamed = false
    defer { if !renamed { unlink(temporaryPath) } }
    if let failure = writeAll(data, to: descriptor) {
      close(descriptor)
      throw .saveFailed(path: path, step: "writing '\(temporaryPath)'", reason: failure)
    }
    if fsync(descriptor) != 0 {
      let code = errno
      close(descriptor)
      throw .saveFailed(
        path: path, step: "syncing '\(temporaryPath)'", reason: systemErrorText(code))
    }
    if close(descriptor) != 0 {
      throw .saveFailed(
        path: path, step: "closing '\(temporaryPath)'", reason: systemErrorText(errno))
    }
    if rename(temporaryPath, path) != 0 {
      throw .saveFailed(
        path: path, step: "renaming '\(temporaryPath)' over the state file",
        reason: systemErrorText(errno))
    }
    renamed = true

    return syncFolder()
  }

  /// Renames a damaged file to `<path>.corrupt-<UTC time>`, such as
  /// `state.json.corrupt-20250311T090000Z`, adding `-2`, `-3`, … if that name is taken.
  ///
  /// - Returns: the new path.
  /// - Throws: ``TrackerStateError/resetFailed(path:reason:)``.
  func setAside(at instant: Instant) throws(TrackerStateError) -> String {
    var stamp = instant.iso8601
    if let dot = stamp.firstIndex(of: ".") { stamp = String(stamp[..<dot]) + "Z" }
    stamp.removeAll { $0 == "-" || $0 == ":" }
    let base = "\(path).corrupt-\(stamp)"

    var target = base
    var suffix = 1
    var status = stat()
    while lstat(target, &status) == 0 {
      suffix += 1
      target = "\(base)-\(suffix)"
    }
    guard rename(path, target) == 0 else {
      throw .resetFailed(path: path, reason: systemErrorText(errno))
    }
    _ = syncFolder()
    return target
  }

  /// The start of every temporary file name of this state file.
  private var temporaryFilePrefix: String { ".\(fileName).tmp-" }

  private func temporaryFileName() -> String {
    let random = String(UInt32.random(in: .min ... .max), radix: 16)
    return temporaryFilePrefix + "\(getpid())-\(temporaryNameCounter.next())-\(random)"
  }

  /// Deletes the temporary files of this state file in its folder, ignoring errors: a file
  /// that stays only takes space, and the next save tries again.
  private func removeAbandonedTemporaryFiles() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else {
      return
    }
    for name in names where name.hasPrefix(temporaryFilePrefix) {
      unlink(folderPath + "/" + name)
    }
  }

  private func existingPermissions() -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o777
  }

  private func writeAll(_ data: Data, to descriptor: Int32) -> String? {
    data.withUnsafeBytes { bytes -> String? in
      var offset = 0
      while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
          let code = errno
          if code == EINTR { continue }
          return systemErrorText(code)
        }
        offset += written
      }
      return nil
    }
  }

  private func syncFolder() -> String? {
    let descriptor = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return systemErrorText(errno) }
    defer { close(descriptor) }
    return fsync(descriptor) == 0 ? nil : systemErrorText(errno)
  }
}

/// Returns the system's text for an `errno` value, with the number, such as
/// `Permission denied (errno 13)`.
func systemErrorText(_ code: Int32) -> String {
  "\(String(cString: strerror(code))) (errno \(code))"
}

/// Calls the C library's `read`, which the method ``TrackerStateFile/read()`` hides.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}

/// The counter that makes temporary file names unique within the process.
private let temporaryNameCounter = TemporaryNameCounter()

private final class TemporaryNameCounter: @unchecked Sendable {
  // @unchecked: `value` is read and written only under `lock`.
  private let lock = Lock()
  private var value: UInt64 = 0

  func next() -> UInt64 {
    lock.withLock {
      value += 1
      return value
    }
  }
}
