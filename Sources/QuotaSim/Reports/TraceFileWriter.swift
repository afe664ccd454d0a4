import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes trace events as JSON lines to a file, up to a maximum number of lines.
///
/// Lines are buffered and written in blocks. Once the limit is reached, later events are
/// counted but not written, so a long run cannot fill the disk. The first write error stops
/// the writing, and ``close()`` reports it. Not thread-safe: one simulation writes to one
/// writer.
public final class TraceFileWriter {
  /// The file being written.
  public let url: URL
  /// The maximum number of lines written.
  public let lineLimit: Int
  /// The instant that `offsetSeconds` counts from.
  public let origin: Instant
  /// Lines written so far.
  public private(set) var linesWritten = 0
  /// Events that came after the limit and were not written.
  public private(set) var eventsOverLimit = 0

  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var failure: TraceOutputError?
  private static let blockSize = 1 << 16

  /// Creates or truncates the file at `url`, following a symbolic link to its target.
  ///
  /// - Throws: ``TraceOutputError`` when the file cannot be created.
  public init(url: URL, lineLimit: Int, origin: Instant) throws(TraceOutputError) {
    self.url = url
    self.lineLimit = max(0, lineLimit)
    self.origin = origin
    // open(2) writes through a symbolic link and into a device, where
    // FileManager.createFile would replace the path with a new regular file.
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw TraceOutputError(path: url.path, reason: String(cString: strerror(errno)))
    }
    self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// Appends `event` as one line, unless the limit is reached or a write failed.
  public func write(_ event: TraceEvent) {
    guard linesWritten < lineLimit else {
      eventsOverLimit += 1
      return
    }
    guard failure == nil else { return }
    buffer.append(contentsOf: event.jsonLine(origin: origin).utf8)
    buffer.append(UInt8(ascii: "\n"))
    linesWritten += 1
    if buffer.count >= Self.blockSize { flush() }
  }

  /// Writes what is buffered and closes the file.
  ///
  /// - Throws: ``TraceOutputError`` when a write failed at any point.
  public func close() throws(TraceOutputError) {
    flush()
    do {
      try handle.close()
    } catch {
      failure = failure ?? TraceOutputError(path: url.path, reason: error.localizedDescription)
    }
    if let failure { throw failure }
  }

  /// The note for standard error when the limit cut the trace short, or `nil`.
  public var limitNote: String? {
    guard eventsOverLimit > 0 else { return nil }
    return "note: the trace in '\(url.relativePath)' stopped at the limit of \(lineLimit) "
      + "lines; \(eventsOverLimit) later events were not written (raise --trace-limit to keep "
      + "them)."
  }

  private func flush() {
    guard !buffer.isEmpty, failure == nil else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      failure = TraceOutputError(path: url.path, reason: error.localizedDescription)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// A trace file could not be created or written.
public struct TraceOutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The trace file.
  public var path: String
  /// The system's reason.
  public var reason: String

  public var description: String {
    "could not write the trace file '\(path)': \(reason); check that its folder exists and is "
      + "writable"
  }
}
