import Foundation

/// Reads the retry delay a response requests from its headers.
///
/// Sources are tried in this order, and the first valid one wins:
///
/// 1. `retry-after-ms`, in milliseconds;
/// 2. `x-ms-retry-after-ms`, in milliseconds;
/// 3. `retry-after` as delta-seconds;
/// 4. `retry-after` as an HTTP date, measured from `now` (a past date gives zero).
///
/// A numeric value is valid only if, with surrounding whitespace trimmed, it is a plain
/// non-negative decimal: ASCII digits with at most one `.` followed by more digits, such as
/// `3`, `1.5` or `0`. Signs, exponents, hexadecimal, `inf`, `nan`, embedded spaces, units and
/// empty values are invalid. `Double(String)` would accept several of those (`+3`, `0x1p3`,
/// `1e3`, `inf`), so the check works on characters. An invalid header is skipped and the next
/// source is tried. A `retry-after` value that starts with a digit or a sign is never passed to
/// the HTTP-date parser, so `-3` or `1.5` cannot be read as a year.
///
/// Delays are exact to the microsecond (`retry-after-ms: 1500` is 1.5 s) and rounded up
/// beyond that, so a wait is never shorter than the server asked. A huge value is clamped to
/// ``maximumDelay`` before it becomes a `Duration`, so no input traps.
public enum RetryAfterParser {
  /// The maximum delay a header can yield: 100 years of 365.25 days. Longer values are clamped.
  public static let maximumDelay: Duration = .seconds(maximumDelayMicroseconds / 1_000_000)

  static let maximumDelayMicroseconds: Int64 = 3_155_760_000 * 1_000_000

  /// Returns the delay requested by the first valid retry header in `headers`, or `nil`.
  ///
  /// - Parameters:
  ///   - headers: The response headers.
  ///   - now: The instant the response is handled; an HTTP date is measured from it.
  public static func hint(in headers: HTTPHeaders, now: Instant) -> RetryHint? {
    if let value = headers["retry-after-ms"],
      let delay = delay(decimal: trimmed(value), unitMicroseconds: 1_000)
    {
      return RetryHint(delay: delay, source: .retryAfterMilliseconds)
    }

    if let value = headers["x-ms-retry-after-ms"],
      let delay = delay(decimal: trimmed(value), unitMicroseconds: 1_000)
    {
      return RetryHint(delay: delay, source: .msRetryAfterMilliseconds)
    }

    return secondsHint(in: headers, now: now)
  }

  /// Returns the delay requested by `retry-after` alone, in seconds or as an HTTP date, or
  /// `nil`; the millisecond headers are ignored.
  ///
  /// - Parameters:
  ///   - headers: The response headers.
  ///   - now: The instant the response is handled; an HTTP date is measured from it.
  public static func secondsHint(in headers: HTTPHeaders, now: Instant) -> RetryHint? {
    guard let value = headers["retry-after"] else { return nil }
    let text = trimmed(value)
    if let delay = delay(decimal: text, unitMicroseconds: 1_000_000) {
      return RetryHint(delay: delay, source: .retryAfterSeconds)
    }
    if let date = httpDate(text, now: now) {
      let delay = max(.zero, now.duration(to: date))
      return RetryHint(delay: clamped(delay), source: .retryAfterDate)
    }
    return nil
  }

  /// Returns `text` without leading and trailing whitespace and newlines, as Foundation's
  /// `CharacterSet.whitespacesAndNewlines` defines them.
  ///
  /// A value whose first and last bytes are printable ASCII, as header values usually are,
  /// has nothing to trim and is returned without calling Foundation.
  static func trimmed(_ text: String) -> Substring {
    let untrimmed = text.utf8.withContiguousStorageIfAvailable { bytes in
      guard let first = bytes.first, let last = bytes.last else { return false }
      return isPrintableASCII(first) && isPrintableASCII(last)
    }
    if untrimmed == true { return Substring(text) }
    return Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Returns whether `byte` is ASCII from `!` to `~`, none of which is whitespace.
  private static func isPrintableASCII(_ byte: UInt8) -> Bool {
    byte > UInt8(ascii: " ") && byte < 0x7F
  }

  /// Returns `duration`, at most ``maximumDelay``.
  static func clamped(_ duration: Duration) -> Duration {
    min(duration, maximumDelay)
  }

  /// Returns the duration of `text` units of `unitMicroseconds` each, where `text` must be a
  /// plain non-negative decimal (`3`, `1.5`, `0`); returns `nil` for anything else.
  ///
  /// The result is rounded up to the microsecond and clamped to ``maximumDelay``.
  static func delay(decimal text: Substring, unitMicroseconds unit: Int64) -> Duration? {
    guard let number = PlainDecimal(text) else { return nil }
    return .microseconds(number.microseconds(unitMicroseconds: unit))
  }
}
