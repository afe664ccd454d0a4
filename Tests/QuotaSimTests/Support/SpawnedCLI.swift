import Foundation

/// A `quotasim` child process that runs while the test goes on, for tests that run several
/// processes at once or kill one.
///
/// Standard output and standard error go to files in a scratch folder of its own, so the
/// test can read what the child printed before it was killed.
final class SpawnedCLI {
  private let process = Process()
  private let scratch: TemporaryDirectory
  private let outputURL: URL
  private let errorURL: URL
  private let outputHandle: FileHandle
  private let errorHandle: FileHandle

  /// Starts `quotasim` with `arguments` in `directory`.
  ///
  /// - Throws: `CLIRunnerError` when the executable is missing, or the error of starting it.
  init(_ arguments: [String], in directory: URL) throws {
    scratch = try TemporaryDirectory()
    outputURL = scratch.url.appendingPathComponent("stdout")
    errorURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outputURL)
    try Data().write(to: errorURL)

    process.executableURL = try CLIRunner.executableURL()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    outputHandle = try FileHandle(forWritingTo: outputURL)
    errorHandle = try FileHandle(forWritingTo: errorURL)
    process.standardOutput = outputHandle
    process.standardError = errorHandle
    try process.run()
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? outputHandle.close()
    try? errorHandle.close()
    scratch.remove()
  }

  /// Waits until the child has written to standard output or has exited, polling every
  /// millisecond for at most `limitSeconds`; returns whether output appeared.
  @discardableResult
  func waitForOutput(limitSeconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(limitSeconds)
    while Date() < deadline {
      if outputByteCount > 0 { return true }
      if !process.isRunning { return outputByteCount > 0 }
      usleep(1_000)
    }
    return outputByteCount > 0
  }

  /// Sends `signal` to the child, such as `SIGKILL`.
  func send(_ signal: Int32) {
    kill(process.processIdentifier, signal)
  }

  /// Waits for the child to exit.
  func waitUntilExit() {
    process.waitUntilExit()
  }

  /// The exit status, or the signal number when a signal ended the child.
  var terminationStatus: Int32 { process.terminationStatus }

  /// Whether a signal, rather than `exit`, ended the child.
  var wasKilledBySignal: Bool { process.terminationReason == .uncaughtSignal }

  /// Everything written to standard output so far.
  var standardOutput: String {
    (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
  }

  /// Everything written to standard error so far.
  var standardError: String {
    (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
  }

  private var outputByteCount: Int {
    let attributes = try? FileManager.default.attributesOfItem(atPath: outputURL.path)
    return (attributes?[.size] as? NSNumber)?.intValue ?? 0
  }
}
