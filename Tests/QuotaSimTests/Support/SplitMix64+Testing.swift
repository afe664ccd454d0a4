@testable import QuotaSim

extension SplitMix64 {
  /// Returns a number in `0...upperBound`, with the small modulo bias that test inputs allow.
  mutating func next(through upperBound: Int64) -> Int64 {
    Int64(next() % UInt64(upperBound + 1))
  }
}
