/// The severity of a log message.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
  case debug, info, notice, warning, error

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A destination for the library's log messages; the library itself never prints.
///
/// Messages are fixed sentences; the variable data (deployment, period, counts, instants)
/// travels in `metadata`, so that a sink can filter and count them.
public protocol LogSink: Sendable {
  /// Handles one message.
  func log(_ level: LogLevel, _ message: String, metadata: [String: String])
}

/// A log sink that keeps every message in memory, for tests and reports. Thread-safe.
public final class MemoryLogSink: LogSink, @unchecked Sendable {
  // @unchecked: `stored` is read and written only under `lock`.
  private let lock = Lock()
  private var stored: [LogEntry] = []

  public init() {}

  public func log(_ level: LogLevel, _ message: String, metadata: [String: String]) {
    lock.withLock { stored.append(LogEntry(level: level, message: message, metadata: metadata)) }
  }

  /// The messages logged so far, oldest first.
  public var entries: [LogEntry] { lock.withLock { stored } }
}

/// One logged message.
public struct LogEntry: Sendable, Equatable {
  public var level: LogLevel
  public var message: String
  public var metadata: [String: String]
}
