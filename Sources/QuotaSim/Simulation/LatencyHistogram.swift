/// A streaming histogram of durations with bounded relative error, for latency percentiles.
///
/// Values are microseconds. Each power-of-two range is split into 64 equal buckets, so a
/// reported percentile is within 1/64 (about 1.6 %) of the true value, and memory stays
/// fixed however many values are added. Percentiles report a bucket's upper edge, so they
/// never understate a latency.
public struct LatencyHistogram: Sendable, Equatable {
  private static let subBuckets = 64
  private static let subBucketBits = 6
  private var counts = [Int64](repeating: 0, count: 64 * 64)
  /// The number of values added.
  public private(set) var count: Int64 = 0
  /// The sum of the values, in microseconds.
  public private(set) var sumMicroseconds: Double = 0
  /// The largest value added, in microseconds.
  public private(set) var maximumMicroseconds: Int64 = 0

  public init() {}

  /// Adds one duration in microseconds; negative values count as zero.
  ///
  /// - Complexity: O(1).
  public mutating func add(microseconds: Int64) {
    let value = max(0, microseconds)
    counts[Self.bucket(of: value)] += 1
    count += 1
    sumMicroseconds += Double(value)
    maximumMicroseconds = max(maximumMicroseconds, value)
  }

  /// Adds every value of `other`.
  public mutating func merge(_ other: LatencyHistogram) {
    for index in counts.indices { counts[index] += other.counts[index] }
    count += other.count
    sumMicroseconds += other.sumMicroseconds
    maximumMicroseconds = max(maximumMicroseconds, other.maximumMicroseconds)
  }

  /// Returns the value at `fraction` (0.5 for the median) in microseconds, or `nil` when empty.
  ///
  /// - Complexity: O(number of buckets).
  public func percentile(_ fraction: Double) -> Int64? {
    guard count > 0 else { return nil }
    let rank = max(1, Int64((Double(count) * fraction).rounded(.up)))
    var seen: Int64 = 0
    for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
      seen += bucketCount
      if seen >= rank { return min(Self.upperEdge(of: index), maximumMicroseconds) }
    }
    return maximumMicroseconds
  }

  /// Returns the non-empty buckets in increasing order: each bucket's largest value in
  /// microseconds and its count.
  public func buckets() -> [(upper: Int64, count: Int64)] {
    counts.indices.compactMap { index in
      counts[index] > 0 ? (Self.upperEdge(of: index), counts[index]) : nil
    }
  }

  /// The mean in microseconds, or `nil` when empty.
  public var meanMicroseconds: Double? { count > 0 ? sumMicroseconds / Double(count) : nil }

  private static func bucket(of value: Int64) -> Int {
    if value < Int64(subBuckets) { return Int(value) }
    let magnitude = 63 - value.leadingZeroBitCount
    let shift = magnitude - subBucketBits
    let sub = Int(value >> Int64(shift)) - subBuckets
    return (shift + 1) * subBuckets + sub
  }

  private static func upperEdge(of index: Int) -> Int64 {
    if index < subBuckets { return Int64(index) }
    let shift = index / subBuckets - 1
    let sub = index % subBuckets
    let lower = Int64(subBuckets + sub) << Int64(shift)
    return lower + (Int64(1) << Int64(shift)) - 1
  }
}
