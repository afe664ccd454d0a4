import Foundation

/// Reading and parsing configuration files, shared by every file format.
public enum ConfigFile {
  /// Returns the name to show for `url` in messages: the path as the user gave it.
  public static func displayName(for url: URL) -> String {
    url.isFileURL ? url.relativePath : url.absoluteString
  }

  /// Reads `url` and parses it as JSON with comments and trailing commas.
  ///
  /// - Throws: `ConfigError` with one issue when the file cannot be read or is not valid JSON.
  public static func parse(contentsOf url: URL) throws(ConfigError) -> JSONValue {
    let file = displayName(for: url)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ConfigError(issues: [unreadableFileIssue(file: file, url: url, error: error)])
    }
    return try parse(Array(data), file: file)
  }

  /// Parses `bytes` from `file` as JSON with comments and trailing commas.
  ///
  /// - Throws: `ConfigError` with one issue when the bytes are not valid JSON.
  public static func parse(_ bytes: [UInt8], file: String) throws(ConfigError) -> JSONValue {
    do {
      return try JSONParser().parse(bytes)
    } catch {
      throw ConfigError(issues: [ConfigIssue(syntaxError: error, file: file)])
    }
  }

  private static func unreadableFileIssue(file: String, url: URL, error: any Error) -> ConfigIssue {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    let (message, fix): (String, String)
    if !exists {
      (message, fix) = ("file not found", "Check the path")
    } else if isDirectory.boolValue {
      (message, fix) = ("is a directory, not a file", "Name a JSON file")
    } else {
      let reason = (error as NSError).localizedDescription
      (message, fix) = ("cannot read the file (\(reason))", "Check the file's permissions")
    }
    return ConfigIssue(kind: .unreadableFile, file: file, path: .root, message: message, fix: fix)
  }
}
