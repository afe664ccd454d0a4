/// A sample of whole token counts, sorted and grouped into distinct values, with the
/// Kolmogorov–Smirnov distance to a distribution over whole numbers.
struct DiscreteSample {
  /// The distinct values, ascending.
  let values: [Int64]
  /// How often each distinct value occurs.
  let counts: [Int]
  /// The number of observations.
  let size: Int
  /// The observations, ascending.
  let sorted: [Int64]

  /// Groups `observations`, which must not be empty.
  init(_ observations: [Int64]) {
    precondition(!observations.isEmpty, "a sample needs at least one observation")
    sorted = observations.sorted()
    var values: [Int64] = []
    var counts: [Int] = []
    for value in sorted {
      if value == values.last {
        counts[counts.count - 1] += 1
      } else {
        values.append(value)
        counts.append(1)
      }
    }
    self.values = values
    self.counts = counts
    self.size = sorted.count
  }

  /// The arithmetic mean.
  var mean: Double {
    Double(sorted.reduce(0, &+)) / Double(size)
  }

  /// Returns the Kolmogorov–Smirnov statistic D: the largest distance between the sample's
  /// empirical distribution function and `cdf`, the distribution function P(N ≤ k) of a
  /// distribution over whole numbers.
  ///
  /// Both functions are steps on the integers. The empirical one is flat between two observed
  /// values, so over each flat stretch the largest distance lies at one of its ends. Those
  /// ends are an observed value and the integer just below the next one.
  func kolmogorovSmirnovStatistic(cdf: (Int64) -> Double) -> Double {
    var statistic = 0.0
    var below = 0
    for (index, value) in values.enumerated() {
      let empiricalBefore = Double(below) / Double(size)
      statistic = max(statistic, abs(cdf(value - 1) - empiricalBefore))
      below += counts[index]
      statistic = max(statistic, abs(cdf(value) - Double(below) / Double(size)))
    }
    return statistic
  }
}
