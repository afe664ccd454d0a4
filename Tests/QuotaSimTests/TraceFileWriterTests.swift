import Foundation
import Testing

@testable import QuotaSim

/// Tests of `TraceFileWriter` on paths that are not plain files. A trace written through a
/// symbolic link or to a device must reach what the path names and leave the path in place.
@Suite struct TraceFileWriterTests {
  private static let origin = Instant(microsecondsSinceEpoch: 1_000_000)
  private static let event = TraceEvent(
    at: origin, request: 1, deployment: "A", attempt: 1, kind: .attempt)

  @Test func symlinkPathWritesItsTarget() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let target = try directory.write("old text\n", to: "target.jsonl")
    let link = directory.url.appendingPathComponent("link.jsonl")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

    let writer = try TraceFileWriter(url: link, lineLimit: 10, origin: Self.origin)
    writer.write(Self.event)
    try writer.close()

    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
    #expect(destination == target.path)
    let written = try String(contentsOf: target, encoding: .utf8)
    #expect(written == Self.event.jsonLine(origin: Self.origin) + "\n")
  }

  @Test func existingFileIsTruncated() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write(String(repeating: "x", count: 5_000) + "\n", to: "t.jsonl")

    let writer = try TraceFileWriter(url: file, lineLimit: 10, origin: Self.origin)
    writer.write(Self.event)
    try writer.close()

    let written = try String(contentsOf: file, encoding: .utf8)
    #expect(written == Self.event.jsonLine(origin: Self.origin) + "\n")
  }

  /// Writes through a link to /dev/full, whose every write fails with ENOSPC. The link keeps
  /// the device itself safe if the writer ever replaces its path again.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
  func fullDeviceReportsWriteFailure() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let link = directory.url.appendingPathComponent("full.jsonl")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: URL(fileURLWithPath: "/dev/full"))

    let writer = try TraceFileWriter(url: link, lineLimit: 10, origin: Self.origin)
    writer.write(Self.event)

    #expect(throws: TraceOutputError.self) { try writer.close() }
    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
    #expect(destination == "/dev/full")
  }

  @Test func missingFolderIsReportedAtCreation() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.url.appendingPathComponent("missing/t.jsonl")

    #expect(throws: TraceOutputError.self) {
      _ = try TraceFileWriter(url: file, lineLimit: 10, origin: Self.origin)
    }
  }
}
