/// The points of a sweep: the cartesian product of its axes.
///
/// Points are numbered from 0 with the first axis varying slowest, as nested loops over the
/// axes in order would visit them. A sweep without axes has one point, the model as written.
public struct SweepPlan: Sendable, Equatable {
  /// The maximum number of points in a sweep.
  public static let maximumPoints = 100_000

  /// The axes, in order.
  public let axes: [SweepAxis]
  /// The number of points.
  public let pointCount: Int

  /// Creates the plan of `axes`.
  ///
  /// - Throws: ``SweepPlanError/tooManyPoints(count:limit:)`` when the product of the axes'
  ///   sizes exceeds ``maximumPoints``.
  public init(axes: [SweepAxis]) throws(SweepPlanError) {
    var count = 1
    for axis in axes {
      let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
      guard !overflow, product <= Self.maximumPoints else {
        throw .tooManyPoints(
          sizes: axes.map(\.values.count), limit: Self.maximumPoints)
      }
      count = product
    }
    self.axes = axes
    pointCount = count
  }

  /// Returns the settings of point `index`, one per axis in axis order.
  ///
  /// - Precondition: `index` is from 0 to ``pointCount`` − 1.
  public func settings(ofPoint index: Int) -> [SweepSetting] {
    precondition((0..<pointCount).contains(index), "point \(index) is outside 0..<\(pointCount)")
    var remainder = index
    var settings: [SweepSetting] = []
    for axis in axes.reversed() {
      settings.append(
        SweepSetting(path: axis.path, value: axis.values[remainder % axis.values.count]))
      remainder /= axis.values.count
    }
    return settings.reversed()
  }
}

/// A sweep that cannot be planned.
public enum SweepPlanError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The axes have too many points together.
  case tooManyPoints(sizes: [Int], limit: Int)

  public var description: String {
    switch self {
    case .tooManyPoints(let sizes, let limit):
      "the sweep has more than \(limit) points (axes of \(sizes.map(String.init).joined(separator: " × ")) "
        + "values); use fewer values or split the sweep into several runs"
    }
  }
}
