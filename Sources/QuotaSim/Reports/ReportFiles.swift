import Foundation

/// Writes report files so that a reader never sees a half-written one.
public enum ReportFiles {
  /// Writes each `(name, text)` into `folder`, creating the folder first; each file is written
  /// to a temporary name and renamed into place.
  ///
  /// - Throws: ``ReportFileError`` naming the file and the system's reason.
  public static func write(_ files: [(String, String)], to folder: URL) throws(ReportFileError) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ReportFileError(path: folder.path, reason: error.localizedDescription)
    }
    for (name, text) in files {
      let url = folder.appendingPathComponent(name)
      do {
        try Data(text.utf8).write(to: url, options: .atomic)
      } catch {
        throw ReportFileError(path: url.path, reason: error.localizedDescription)
      }
    }
  }
}

/// A report file could not be written.
public struct ReportFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file or folder that failed.
  public var path: String
  /// The system's reason.
  public var reason: String

  public var description: String {
    "could not write '\(path)': \(reason); check that the output folder is writable or pass --output DIR"
  }
}
