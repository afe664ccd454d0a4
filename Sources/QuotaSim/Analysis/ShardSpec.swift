/// One part of a study split across machines: shard `index` of `count`, counted from 1.
///
/// The study's tasks, numbered point × replications + replication, are dealt out in turn:
/// task t belongs to shard (t mod count) + 1. Dealing in turn rather than in blocks spreads
/// expensive points over all shards.
public struct ShardSpec: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The maximum number of shards in a study.
  public static let maximumCount = 100_000

  /// The shard's number, from 1 to ``count``.
  public var index: Int
  /// The number of shards.
  public var count: Int

  /// Creates shard `index` of `count`.
  ///
  /// - Precondition: 1 ≤ `index` ≤ `count` ≤ ``maximumCount``.
  public init(index: Int, count: Int) {
    precondition(
      (1...Self.maximumCount).contains(count) && (1...count).contains(index),
      "shard \(index)/\(count) is not from 1 to a count of at most \(Self.maximumCount)")
    self.index = index
    self.count = count
  }

  /// Parses `K/N`, such as `2/3`, or returns `nil` unless both are whole numbers with
  /// 1 ≤ K ≤ N ≤ ``maximumCount``.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
      parts.allSatisfy({
        !$0.isEmpty && $0.count <= 9 && $0.utf8.allSatisfy { (48...57).contains($0) }
      }),
      let index = Int(parts[0]), let count = Int(parts[1]),
      (1...Self.maximumCount).contains(count), (1...count).contains(index)
    else { return nil }
    self.init(index: index, count: count)
  }

  /// The shard as `K/N`.
  public var description: String { "\(index)/\(count)" }

  /// Returns the tasks of this shard among `0..<taskCount`, in increasing order.
  public func tasks(of taskCount: Int) -> [Int] {
    Array(stride(from: index - 1, to: taskCount, by: count))
  }
}
