extension XYChart {
  /// The x ticks and whether their labels are turned 45° to fit.
  struct XTickLayout {
    var ticks: [ChartTick]
    var rotated: Bool
    /// Height added below the plot for turned labels, in pixels.
    var extraHeight: Double
  }

  /// Chooses x ticks whose labels fit side by side, or turns category labels that do not.
  func xTickLayout(range: ClosedRange<Double>, plotWidth: Double) -> XTickLayout {
    let fontSize = Self.tickFontSize
    guard case .categories(let labels) = xAxis.kind else {
      let sample: Double
      switch xAxis.kind {
      case .time: sample = SVGText.width(of: "Sep 2026", fontSize: fontSize)
      default:
        let ends = [range.lowerBound, range.upperBound].map {
          SVGText.width(
            of: xAxis.label($0, step: (range.upperBound - range.lowerBound) / 10),
            fontSize: fontSize)
        }
        sample = ends.max() ?? 40
      }
      let ticks = xAxis.ticks(in: range, length: plotWidth, labelSpacing: sample + 24)
      return XTickLayout(ticks: ticks, rotated: false, extraHeight: 0)
    }
    let widest = labels.map { SVGText.width(of: $0, fontSize: fontSize) }.max() ?? 0
    let slot = plotWidth / Double(max(1, labels.count))
    if widest + 10 <= slot {
      let ticks = xAxis.ticks(in: range, length: plotWidth, labelSpacing: widest + 10)
      return XTickLayout(ticks: ticks, rotated: false, extraHeight: 0)
    }
    let ticks = xAxis.ticks(in: range, length: plotWidth, labelSpacing: fontSize * 1.6)
    return XTickLayout(ticks: ticks, rotated: true, extraHeight: (widest + fontSize) * 0.71)
  }

  /// Returns the SVG of one layer.
  func draw(_ layer: Layer, frame: Frame) -> String {
    let style = layer.style
    switch layer.shape {
    case .line(let points):
      var path = ""
      var starting = true
      for point in points {
        guard let point else {
          starting = true
          continue
        }
        path +=
          (starting ? "M" : "L") + SVGText.coordinate(frame.x(point.x)) + " "
          + SVGText.coordinate(frame.y(point.y))
        starting = false
      }
      return path.isEmpty ? "" : "<path d=\"\(path)\" \(stroke(style)) fill=\"none\"/>\n"
    case .band(let lower, let upper):
      guard !lower.isEmpty, !upper.isEmpty else { return "" }
      let outline = lower + upper.reversed()
      let path = outline.enumerated().map { index, point in
        (index == 0 ? "M" : "L") + SVGText.coordinate(frame.x(point.x)) + " "
          + SVGText.coordinate(frame.y(point.y))
      }.joined()
      return
        "<path d=\"\(path)Z\" fill=\"\(style.colour)\" fill-opacity=\"\(style.fillOpacity)\" stroke=\"none\"/>\n"
    case .bars(let bars):
      let base = frame.y(max(frame.yRange.lowerBound, 0))
      return bars.map { bar in
        let x0 = frame.x(bar.x0)
        let top = frame.y(bar.y)
        return "<rect x=\"\(SVGText.coordinate(x0))\" y=\"\(SVGText.coordinate(min(top, base)))\" "
          + "width=\"\(SVGText.coordinate(max(0.5, frame.x(bar.x1) - x0)))\" "
          + "height=\"\(SVGText.coordinate(abs(base - top)))\" fill=\"\(style.colour)\" "
          + "fill-opacity=\"\(style.fillOpacity)\"/>\n"
      }.joined()
    case .intervals(let intervals):
      return intervals.map { interval in
        var text = ""
        let x = frame.x(interval.x)
        if let low = interval.low, let high = interval.high {
          let xText = SVGText.coordinate(x)
          text +=
            "<path d=\"M\(SVGText.coordinate(x - 5)) \(SVGText.coordinate(frame.y(low)))"
            + "H\(SVGText.coordinate(x + 5))M\(xText) \(SVGText.coordinate(frame.y(low)))"
            + "V\(SVGText.coordinate(frame.y(high)))M\(SVGText.coordinate(x - 5)) "
            + "\(SVGText.coordinate(frame.y(high)))H\(SVGText.coordinate(x + 5))\" "
            + "stroke=\"\(style.colour)\" stroke-width=\"1.5\" fill=\"none\"/>\n"
        }
        return text + marker(style, x: x, y: frame.y(interval.y))
      }.joined()
    case .markers(let points):
      return points.map { marker(style, x: frame.x($0.x), y: frame.y($0.y)) }.joined()
    case .horizontalRule(let y, _):
      let yText = SVGText.coordinate(frame.y(y))
      return "<line x1=\"\(SVGText.coordinate(frame.left))\" y1=\"\(yText)\" "
        + "x2=\"\(SVGText.coordinate(frame.right))\" y2=\"\(yText)\" \(stroke(style))/>\n"
    case .verticalRule(let x):
      let xText = SVGText.coordinate(frame.x(x))
      return "<line x1=\"\(xText)\" y1=\"\(SVGText.coordinate(frame.top))\" x2=\"\(xText)\" "
        + "y2=\"\(SVGText.coordinate(frame.bottom))\" \(stroke(style))/>\n"
    }
  }

  /// Returns the stroke attributes of a style.
  func stroke(_ style: ChartStyle) -> String {
    var text = "stroke=\"\(style.colour)\" stroke-width=\"\(SVGText.coordinate(style.lineWidth))\""
    if let dash = style.dash { text += " stroke-dasharray=\"\(dash)\"" }
    return text
  }

  /// Returns a marker of `style` centred at (`x`, `y`) in pixels, outlined in black.
  func marker(_ style: ChartStyle, x: Double, y: Double) -> String {
    let r = 5.5
    let c = SVGText.coordinate
    let paint = "fill=\"\(style.colour)\" stroke=\"#000000\" stroke-width=\"1\""
    switch style.marker {
    case .circle:
      return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r - 0.5))\" \(paint)/>\n"
    case .square:
      return "<rect x=\"\(c(x - r + 1))\" y=\"\(c(y - r + 1))\" width=\"\(c(2 * r - 2))\" "
        + "height=\"\(c(2 * r - 2))\" \(paint)/>\n"
    case .triangle:
      return "<path d=\"M\(c(x)) \(c(y - r))L\(c(x + r)) \(c(y + r * 0.8))L\(c(x - r)) "
        + "\(c(y + r * 0.8))Z\" \(paint)/>\n"
    case .diamond:
      return "<path d=\"M\(c(x)) \(c(y - r - 1))L\(c(x + r)) \(c(y))L\(c(x)) \(c(y + r + 1))L"
        + "\(c(x - r)) \(c(y))Z\" \(paint)/>\n"
    case .cross:
      return "<path d=\"M\(c(x - r)) \(c(y - r))L\(c(x + r)) \(c(y + r))M\(c(x - r)) "
        + "\(c(y + r))L\(c(x + r)) \(c(y - r))\" stroke=\"\(style.colour)\" stroke-width=\"2.5\"/>\n"
    }
  }
}
