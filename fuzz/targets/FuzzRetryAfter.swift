// Fuzz target: retry headers and the responses they come in.
//
// The input's first eight bytes are the handling instant in microseconds since the epoch
// (little-endian), folded into the years 1970 to 2200. The rest is a response: a first line
// with the status code, then `name: value` header lines, an empty line and the body. Each
// input is read by the retry-header parser, the gateway message reader and the response
// classifier. The checks hold the parser to its promises. A hint is never negative or above
// the maximum delay, and a header that starts with a digit or a sign never yields a date.
import Foundation

@testable import QuotaSim

/// The span the handling instant is folded into: 1970 to 2200, in microseconds.
private let instantSpan: UInt64 = 7_258_118_400 * 1_000_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard bytes.count >= 8 else { return 0 }
  let raw = bytes[0..<8].enumerated().reduce(UInt64(0)) {
    $0 | UInt64($1.element) << (8 * $1.offset)
  }
  let now = Instant(microsecondsSinceEpoch: Int64(raw % instantSpan))
  let text = String(decoding: bytes[8...], as: UTF8.self)

  let (status, headers, body) = parseResponse(text)
  if let hint = RetryAfterParser.hint(in: headers, now: now) {
    require(hint.delay >= .zero, "negative delay \(hint.delay)")
    require(hint.delay <= RetryAfterParser.maximumDelay, "delay \(hint.delay) above the cap")
    if hint.source == .retryAfterDate, let value = headers["retry-after"] {
      let first = value.trimmingCharacters(in: .whitespacesAndNewlines).first
      require(
        !(first?.isNumber == true || first == "-" || first == "+"),
        "numeric-looking value '\(value)' read as a date")
    }
  }
  _ = ResponseClassifier.replenishDelay(inMessage: body)
  let response = UpstreamResponse(status: status, headers: headers, body: Data(body.utf8))
  _ = ResponseClassifier.classify(.response(response), now: now)
  return 0
}

/// Splits `text` into a status code, headers and a body.
private func parseResponse(_ text: String) -> (Int, HTTPHeaders, String) {
  var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
  let status = lines.popFirst().flatMap { Int($0.prefix(3)) } ?? 429
  var pairs: [(String, String)] = []
  while let line = lines.popFirst(), !line.isEmpty {
    guard let colon = line.firstIndex(of: ":") else {
      pairs.append((String(line), ""))
      continue
    }
    pairs.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
  }
  return (status, HTTPHeaders(pairs), lines.joined(separator: "\n"))
}

/// Stops the fuzzer with `message` unless `condition` holds. Unlike `precondition`, it prints
/// the message in optimized builds too.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}
