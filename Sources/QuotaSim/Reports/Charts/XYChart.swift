/// A chart on an x and a y axis, made of layers drawn in order: lines, bands, bars,
/// points with intervals, markers and reference rules.
///
/// ``svg()`` writes the chart as one self-contained `<svg>` element with a legend below the
/// plot. Labels are placed from widths estimated by character count (see
/// ``SVGText/width(of:fontSize:)``), so tick labels and rule labels do not overlap.
public struct XYChart: Sendable {
  /// A point in data coordinates.
  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// A bar from `x0` to `x1` and from 0 (or the axis minimum) up to `y`.
  public struct Bar: Sendable, Equatable {
    public var x0: Double
    public var x1: Double
    public var y: Double

    public init(x0: Double, x1: Double, y: Double) {
      self.x0 = x0
      self.x1 = x1
      self.y = y
    }
  }

  /// A value with its interval, drawn as a marker and a vertical bar.
  public struct Interval: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var low: Double?
    public var high: Double?

    public init(x: Double, y: Double, low: Double?, high: Double?) {
      self.x = x
      self.y = y
      self.low = low
      self.high = high
    }
  }

  /// The geometry a layer draws.
  public enum Shape: Sendable {
    /// A polyline through the points; a `nil` entry starts a new segment.
    case line([Point?])
    /// The area between a lower and an upper polyline over the same x values.
    case band(lower: [Point], upper: [Point])
    case bars([Bar])
    case intervals([Interval])
    case markers([Point])
    /// A horizontal line across the plot at a y value, labelled in the right margin.
    case horizontalRule(y: Double, label: String)
    /// A vertical line across the plot at an x value.
    case verticalRule(x: Double)
  }

  /// One layer: its shape, style and legend entry.
  public struct Layer: Sendable {
    public var shape: Shape
    public var style: ChartStyle
    /// The legend text, or `nil` for no legend entry.
    public var legend: String?

    public init(_ shape: Shape, style: ChartStyle, legend: String? = nil) {
      self.shape = shape
      self.style = style
      self.legend = legend
    }
  }

  /// A short description for screen readers, written as the SVG title.
  public var title: String
  public var xAxis: ChartAxis
  public var yAxis: ChartAxis
  public var layers: [Layer]
  /// The width in pixels.
  public var width: Double
  /// The height of the plot area and axes in pixels, without the legend.
  public var height: Double

  public init(
    title: String, xAxis: ChartAxis, yAxis: ChartAxis, layers: [Layer], width: Double = 900,
    height: Double = 320
  ) {
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.layers = layers
    self.width = width
    self.height = height
  }

  /// Returns the x and y ranges of the data, over every layer but rules.
  func dataBounds() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    var xs: [Double] = []
    var ys: [Double] = []
    for layer in layers {
      switch layer.shape {
      case .line(let points):
        for point in points.compactMap({ $0 }) {
          xs.append(point.x)
          ys.append(point.y)
        }
      case .band(let lower, let upper):
        for point in lower + upper {
          xs.append(point.x)
          ys.append(point.y)
        }
      case .bars(let bars):
        for bar in bars {
          xs += [bar.x0, bar.x1]
          ys.append(bar.y)
        }
        ys.append(0)
      case .intervals(let intervals):
        for interval in intervals {
          xs.append(interval.x)
          ys += [interval.y, interval.low ?? interval.y, interval.high ?? interval.y]
        }
      case .markers(let points):
        for point in points {
          xs.append(point.x)
          ys.append(point.y)
        }
      case .horizontalRule(let y, _):
        ys.append(y)
      case .verticalRule(let x):
        xs.append(x)
      }
    }
    let finiteX = xs.filter(\.isFinite)
    let finiteY = ys.filter(\.isFinite)
    let x = (finiteX.min() ?? 0)...(max(finiteX.min() ?? 0, finiteX.max() ?? 1))
    let y = (finiteY.min() ?? 0)...(max(finiteY.min() ?? 0, finiteY.max() ?? 1))
    return (x, y)
  }
}
