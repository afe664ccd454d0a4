import Foundation

@testable import QuotaSim

/// A small tmpfs mounted on a new temporary folder, for tests of a full disk and of a
/// read-only folder that hold even for root, who may write into folders without write
/// permission.
///
/// Mounting needs `CAP_SYS_ADMIN` (root in most containers); tests that use it are enabled
/// only when ``isAvailable``.
final class TmpfsMount {
  /// The mounted folder.
  let path: String

  /// Whether this process may mount a tmpfs, found by mounting and unmounting one.
  static let isAvailable: Bool = {
    guard let probe = try? TmpfsMount(sizeKilobytes: 16) else { return false }
    probe.unmount()
    return true
  }()

  /// Mounts a tmpfs of `sizeKilobytes` on a new temporary folder.
  ///
  /// - Throws: `CLIRunnerError` with the `errno` text when the mount fails.
  init(sizeKilobytes: Int) throws {
    path = StateFileFixture.makeFolder()
    guard mount("tmpfs", path, "tmpfs", 0, "size=\(sizeKilobytes)k,mode=0755") == 0 else {
      let code = errno
      rmdir(path)
      throw CLIRunnerError(description: "mounting a tmpfs failed: \(systemErrorText(code))")
    }
  }

  deinit {
    unmount()
  }

  /// Remounts the tmpfs read-only, or writable again when `readOnly` is false.
  ///
  /// - Throws: `CLIRunnerError` with the `errno` text when the remount fails.
  func remount(readOnly: Bool) throws {
    let flags = UInt(MS_REMOUNT) | (readOnly ? UInt(MS_RDONLY) : 0)
    guard mount("tmpfs", path, "tmpfs", flags, nil) == 0 else {
      throw CLIRunnerError(description: "remounting failed: \(systemErrorText(errno))")
    }
  }

  /// Writes zeros to `name` until the file system is full, and returns the bytes written.
  @discardableResult
  func fill(_ name: String) -> Int {
    let descriptor = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    let block = [UInt8](repeating: 0, count: 4_096)
    var total = 0
    while true {
      let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written <= 0 { return total }
      total += written
    }
  }

  /// Unmounts the tmpfs and removes its folder; calling it again does nothing.
  func unmount() {
    guard !isUnmounted else { return }
    isUnmounted = true
    umount2(path, Int32(MNT_DETACH))
    rmdir(path)
  }

  private var isUnmounted = false
}
