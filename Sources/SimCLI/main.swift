import Foundation
import QuotaSim

// The executable only moves text: the library parses the command line, runs the command and
// returns what to print and the exit status. Streamed output (such as `record --progress`) is
// written at once, before the result. Progress and the status line appear only on a terminal;
// the status line is redrawn in place after a carriage return and an erase-line sequence.
let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
let context = CommandContext(
  reportProgress: { line in
    if isTerminal { FileHandle.standardError.write(Data((line + "\n").utf8)) }
  },
  streamOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
  updateStatus: { line in
    if isTerminal { FileHandle.standardError.write(Data(("\r\u{1B}[2K" + (line ?? "")).utf8)) }
  })
let result = QuotaSimCommandLine.tool.run(
  Array(CommandLine.arguments.dropFirst()), context: context)
FileHandle.standardOutput.write(Data(result.standardOutput.utf8))
FileHandle.standardError.write(Data(result.standardError.utf8))
exit(result.status.rawValue)
