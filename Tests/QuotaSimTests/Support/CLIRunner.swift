import Foundation

/// What one run of the `quotasim` executable printed and how it exited.
struct CLIRunResult: Sendable, Equatable {
  /// Everything written to standard output.
  var standardOutput: String
  /// Everything written to standard error.
  var standardError: String
  /// The exit status.
  var status: Int32
}

/// A problem that keeps a test from running the `quotasim` executable.
struct CLIRunnerError: Error, CustomStringConvertible {
  var description: String
}

/// Runs the built `quotasim` executable as a child process, for tests of the real binary.
///
/// `swift test` builds the executable next to the test bundle, so the runner looks for
/// `quotasim` in the directory of the running test executable first, then in
/// `.build/debug/` of the package that contains this file.
enum CLIRunner {
  /// Returns the URL of the built `quotasim` executable.
  ///
  /// - Throws: `CLIRunnerError` when no built executable is found.
  static func executableURL() throws -> URL {
    var candidates: [URL] = []
    if let testExecutable = Bundle.main.executableURL {
      candidates.append(
        testExecutable.deletingLastPathComponent().appendingPathComponent("quotasim"))
    }
    candidates.append(
      packageRoot().appendingPathComponent(".build/debug/quotasim"))
    for candidate in candidates
    where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    throw CLIRunnerError(
      description: "quotasim executable not found at \(candidates.map(\.path)); run 'swift build'")
  }

  /// Runs `quotasim` with `arguments` in `directory` and returns its output and exit status.
  ///
  /// Output goes to temporary files rather than pipes, so a large output cannot block the
  /// child while the test waits for it.
  static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIRunResult {
    let scratch = try TemporaryDirectory()
    defer { scratch.remove() }
    let outputURL = scratch.url.appendingPathComponent("stdout")
    let errorURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outputURL)
    try Data().write(to: errorURL)
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)

    let process = Process()
    process.executableURL = try executableURL()
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()

    return CLIRunResult(
      standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
      standardError: try String(contentsOf: errorURL, encoding: .utf8),
      status: process.terminationStatus)
  }

  /// The package root: the nearest directory above this file that contains `Package.swift`.
  static func packageRoot(file: String = #filePath) -> URL {
    var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
    while directory.path != "/" {
      let manifest = directory.appendingPathComponent("Package.swift")
      if FileManager.default.fileExists(atPath: manifest.path) { return directory }
      directory.deleteLastPathComponent()
    }
    return directory
  }
}

/// A uniquely named directory under the system's temporary directory.
struct TemporaryDirectory {
  /// The directory.
  let url: URL

  /// Creates a new empty directory.
  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("quotasim-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `text` to the file `name` in the directory and returns its URL.
  @discardableResult
  func write(_ text: String, to name: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file
  }

  /// Deletes the directory and everything in it.
  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}
