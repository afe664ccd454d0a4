extension TokenSizeFit {
  /// The largest number of bins in a fitted histogram.
  public static let maximumHistogramBins = 40

  /// The number of quantile bins a histogram starts from, before splitting.
  static let quantileHistogramBins = 24

  /// Builds an empirical histogram of the sample and its goodness of fit.
  ///
  /// The bins start as 24 quantile bins, each with about the same number of observations.
  /// Then, up to 40 bins, the bin whose uniform draws would shift the total most is halved:
  /// the one with the largest `count × |bin midpoint − mean of its observations|`. Quantile
  /// bins alone put the long upper tail into one wide bin, and uniform draws from it overstate
  /// the mean, by about 10 % on Azure's conversation trace. After halving, the histogram's
  /// mean is within 0.4 % of the sample's on both Azure traces. Empty bins are dropped.
  static func fitHistogram(_ sample: DiscreteSample, minimumTokens: Int64) -> DistributionFit {
    let edges = histogramEdges(sample)
    var bins: [HistogramBin] = []
    for index in 0..<(edges.count - 1) {
      let count = sample.count(in: edges[index]..<edges[index + 1])
      if count > 0 {
        bins.append(
          HistogramBin(lower: edges[index], upper: edges[index + 1], weight: Double(count)))
      }
    }

    let total = Double(sample.size)
    let statistic = sample.kolmogorovSmirnovStatistic { tokens in
      guard tokens >= minimumTokens else { return 0 }
      // A draw from [lower, upper) is rounded down, so it is at most `tokens` when the
      // uniform value is below `tokens + 1`.
      var probability = 0.0
      for bin in bins where bin.lower <= tokens {
        let covered = min(Double(tokens + 1 - bin.lower) / Double(bin.upper - bin.lower), 1)
        probability += bin.weight * covered
      }
      return probability / total
    }
    let mean = bins.reduce(0.0) { $0 + $1.weight * Double($1.lower + $1.upper - 1) / 2 } / total
    return DistributionFit(
      distribution: .empirical(bins), kolmogorovSmirnov: statistic, mean: mean)
  }

  /// Returns the ascending bin edges: quantile edges, then halving by largest mean shift.
  private static func histogramEdges(_ sample: DiscreteSample) -> [Int64] {
    var edges: [Int64] = []
    for index in 0..<quantileHistogramBins {
      let edge = sample.sorted[index * sample.size / quantileHistogramBins]
      if edge != edges.last { edges.append(edge) }
    }
    edges.append(sample.sorted[sample.size - 1] + 1)

    while edges.count - 1 < maximumHistogramBins {
      var worst: (shift: Double, index: Int)?
      for index in 0..<(edges.count - 1) where edges[index + 1] - edges[index] >= 2 {
        let range = edges[index]..<edges[index + 1]
        let count = sample.count(in: range)
        guard count > 0 else { continue }
        let midpoint = Double(range.lowerBound + range.upperBound - 1) / 2
        let shift = abs(midpoint - sample.sum(in: range) / Double(count)) * Double(count)
        if shift > (worst?.shift ?? 0) { worst = (shift, index) }
      }
      guard let worst else { break }
      edges.insert((edges[worst.index] + edges[worst.index + 1]) / 2, at: worst.index + 1)
    }
    return edges
  }
}

extension DiscreteSample {
  /// Returns the number of observations in `range`.
  func count(in range: Range<Int64>) -> Int {
    firstIndex(atLeast: range.upperBound) - firstIndex(atLeast: range.lowerBound)
  }

  /// Returns the sum of the observations in `range`.
  func sum(in range: Range<Int64>) -> Double {
    let slice = sorted[
      firstIndex(atLeast: range.lowerBound)..<firstIndex(atLeast: range.upperBound)]
    return slice.reduce(0.0) { $0 + Double($1) }
  }

  /// Returns the index of the first observation of at least `value`, or the size.
  private func firstIndex(atLeast value: Int64) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
