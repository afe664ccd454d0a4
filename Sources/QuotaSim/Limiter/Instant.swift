import Foundation

/// A point in time, as whole microseconds since 1970-01-01T00:00:00Z.
///
/// The limiter and the simulator compare instants as integers, so a retry scheduled at the
/// instant a window entry expires finds it expired. Floating-point seconds could land one unit
/// early. The range covers about ±292,000 years; arithmetic that would leave it saturates.
public struct Instant: Hashable, Comparable, Sendable {
  /// Microseconds since the Unix epoch, in UTC.
  public var microsecondsSinceEpoch: Int64

  /// Creates an instant from microseconds since the Unix epoch.
  public init(microsecondsSinceEpoch: Int64) {
    self.microsecondsSinceEpoch = microsecondsSinceEpoch
  }

  /// Creates an instant from a Foundation date, rounded down to the microsecond.
  public init(_ date: Date) {
    let microseconds = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
    self.microsecondsSinceEpoch = Int64(clampingMicroseconds: microseconds)
  }

  /// The Unix epoch.
  public static let epoch = Instant(microsecondsSinceEpoch: 0)

  /// The latest representable instant, used for "never".
  public static let distantFuture = Instant(microsecondsSinceEpoch: .max)

  /// The instant as a Foundation date (to about a microsecond near the present).
  public var date: Date {
    Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
  }

  /// Returns the instant `duration` later, saturating at the ends of the range.
  public func advanced(by duration: Duration) -> Instant {
    let (sum, overflow) = microsecondsSinceEpoch.addingReportingOverflow(duration.microseconds)
    if overflow { return duration > .zero ? .distantFuture : Instant(microsecondsSinceEpoch: .min) }
    return Instant(microsecondsSinceEpoch: sum)
  }

  /// Returns the instant `microseconds` later, saturating at the ends of the range.
  public func advanced(byMicroseconds microseconds: Int64) -> Instant {
    let (sum, overflow) = microsecondsSinceEpoch.addingReportingOverflow(microseconds)
    if overflow { return microseconds > 0 ? .distantFuture : Instant(microsecondsSinceEpoch: .min) }
    return Instant(microsecondsSinceEpoch: sum)
  }

  /// Returns the duration from this instant to `other` (negative when `other` is earlier).
  public func duration(to other: Instant) -> Duration {
    let (difference, overflow) = other.microsecondsSinceEpoch.subtractingReportingOverflow(
      microsecondsSinceEpoch)
    if overflow { return other > self ? .microseconds(Int64.max) : .microseconds(Int64.min) }
    return .microseconds(difference)
  }

  public static func < (lhs: Instant, rhs: Instant) -> Bool {
    lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
  }
}

extension Instant: CustomStringConvertible {
  /// The instant in ISO 8601 UTC, with fractional seconds only when they are not zero,
  /// for example `2025-03-11T09:00:00Z` or `2025-03-11T09:00:00.250Z`.
  public var description: String { iso8601 }

  /// The instant in ISO 8601 UTC; see ``description``.
  public var iso8601: String {
    let seconds = microsecondsSinceEpoch.floorDivided(by: 1_000_000)
    // The remainder, not `seconds * 1_000_000`, which overflows near `Int64.min`.
    let remainder = microsecondsSinceEpoch % 1_000_000
    let fraction = remainder < 0 ? remainder + 1_000_000 : remainder
    var time = time_t(seconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    let base = String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    if fraction == 0 { return base + "Z" }
    if fraction % 1000 == 0 { return base + String(format: ".%03dZ", Int(fraction / 1000)) }
    return base + String(format: ".%06dZ", Int(fraction))
  }

  /// Parses an ISO 8601 instant with an explicit zone (`Z` or `±hh:mm`) and optional
  /// fractional seconds, exactly to the microsecond; returns `nil` for anything else.
  public init?(iso8601 text: String) {
    guard let instant = Instant.parseRFC3339(text) else { return nil }
    self = instant
  }
}

extension Duration {
  /// The duration in whole microseconds, rounded toward zero and clamped to `Int64`.
  public var microseconds: Int64 {
    // 10^12 attoseconds are 2^12 × 244,140,625, so below 2^75 attoseconds (about 10 hours)
    // the division is a shift and a 64-bit division, without the 128-bit runtime calls.
    let total = attoseconds
    let magnitude = total.magnitude
    if magnitude >> 75 == 0 {
      let quotient = Int64(magnitude >> 12) / 244_140_625
      return total < 0 ? -quotient : quotient
    }
    let (seconds, attoseconds) = components
    let (wholeMicroseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
    if overflow { return seconds > 0 ? .max : .min }
    let (sum, sumOverflow) = wholeMicroseconds.addingReportingOverflow(
      attoseconds / 1_000_000_000_000)
    if sumOverflow { return seconds > 0 ? .max : .min }
    return sum
  }

  /// The duration in seconds as a floating-point number, for reports.
  public var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}

extension Int64 {
  /// Converts a floating-point count of microseconds, clamping to the `Int64` range and
  /// mapping NaN to zero.
  init(clampingMicroseconds value: Double) {
    if value.isNaN {
      self = 0
    } else if value >= 9.2e18 {
      self = .max
    } else if value <= -9.2e18 {
      self = .min
    } else {
      self = Int64(value)
    }
  }

  /// Divides, rounding toward negative infinity.
  func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}

extension Instant: Codable {
  /// Decodes an ISO 8601 string such as `2025-03-11T09:00:00Z`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let instant = Instant(iso8601: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not an ISO 8601 instant")
    }
    self = instant
  }

  /// Encodes the instant as an ISO 8601 string in UTC.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso8601)
  }
}
