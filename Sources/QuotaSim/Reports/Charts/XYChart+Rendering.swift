import Foundation

extension XYChart {
  static let tickFontSize = 12.0
  static let titleFontSize = 13.0
  static let legendRowHeight = 20.0

  /// The plot area and scales of a chart, computed once for drawing.
  struct Frame {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var xKind: ChartAxis.Kind
    var yKind: ChartAxis.Kind

    func x(_ value: Double) -> Double {
      left + (right - left) * Self.fraction(value, in: xRange, kind: xKind)
    }

    func y(_ value: Double) -> Double {
      bottom - (bottom - top) * Self.fraction(value, in: yRange, kind: yKind)
    }

    /// Returns where `value` lies in `range`, from 0 to 1, clamped a little outside.
    static func fraction(_ value: Double, in range: ClosedRange<Double>, kind: ChartAxis.Kind)
      -> Double
    {
      let raw: Double
      if case .logarithmic = kind {
        let low = log10(range.lowerBound)
        raw = (log10(max(value, range.lowerBound * 1e-3)) - low) / (log10(range.upperBound) - low)
      } else {
        raw = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
      }
      return raw.isFinite ? min(1.02, max(-0.02, raw)) : 0
    }
  }

  /// Returns the chart as a self-contained, well-formed `<svg>` element.
  public func svg() -> String {
    let bounds = dataBounds()
    let yRange = yAxis.range(dataLow: bounds.y.lowerBound, dataHigh: bounds.y.upperBound)
    let xRange = xAxis.range(dataLow: bounds.x.lowerBound, dataHigh: bounds.x.upperBound)
    let yTicks = yAxis.ticks(in: yRange, length: height - 80, labelSpacing: 30)
    let yLabelWidth =
      yTicks.map { SVGText.width(of: $0.label, fontSize: Self.tickFontSize) }
      .max() ?? 0
    let ruleLabelWidth = layers.compactMap { layer -> Double? in
      guard case .horizontalRule(_, let label) = layer.shape else { return nil }
      return SVGText.width(of: label, fontSize: Self.tickFontSize)
    }.max()
    let left = 30 + yLabelWidth + 8
    let right = width - max(40, ruleLabelWidth.map { $0 + 14 } ?? 0)
    let xLayout = xTickLayout(range: xRange, plotWidth: right - left)
    let bottom = height - 40 - xLayout.extraHeight
    let frame = Frame(
      left: left, right: right, top: 14, bottom: bottom, xRange: xRange, yRange: yRange,
      xKind: xAxis.kind, yKind: yAxis.kind)
    let legend = legendRows(maximumWidth: width - 20)
    let totalHeight = height + Double(legend.count) * Self.legendRowHeight + 6

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" class="chart" width="\(SVGText.coordinate(width))" \
      height="\(SVGText.coordinate(totalHeight))" viewBox="0 0 \(SVGText.coordinate(width)) \
      \(SVGText.coordinate(totalHeight))" role="img" font-family="sans-serif" \
      font-size="\(SVGText.coordinate(Self.tickFontSize))">
      <title>\(SVGText.escape(title))</title>

      """
    svg += yGrid(yTicks, frame: frame)
    for layer in layers { svg += draw(layer, frame: frame) }
    svg += axes(frame: frame, yTicks: yTicks, xLayout: xLayout)
    svg += ruleLabels(frame: frame)
    svg += legendSVG(legend, top: height + 4)
    svg += "</svg>"
    return svg
  }

  private func yGrid(_ ticks: [ChartTick], frame: Frame) -> String {
    var text = ""
    for tick in ticks {
      let y = SVGText.coordinate(frame.y(tick.value))
      text += """
        <line x1="\(SVGText.coordinate(frame.left))" y1="\(y)" x2="\(SVGText.coordinate(frame.right))" \
        y2="\(y)" stroke="#d9d9d9" stroke-width="1"/>

        """
    }
    return text
  }

  private func axes(frame: Frame, yTicks: [ChartTick], xLayout: XTickLayout) -> String {
    let left = SVGText.coordinate(frame.left)
    let bottom = SVGText.coordinate(frame.bottom)
    var text = """
      <path d="M\(left) \(SVGText.coordinate(frame.top))V\(bottom)H\(SVGText.coordinate(frame.right))" \
      fill="none" stroke="#000000" stroke-width="1"/>

      """
    for tick in yTicks {
      let y = frame.y(tick.value)
      text += """
        <text x="\(SVGText.coordinate(frame.left - 6))" y="\(SVGText.coordinate(y + 4))" \
        text-anchor="end">\(SVGText.escape(tick.label))</text>

        """
    }
    for tick in xLayout.ticks {
      let x = frame.x(tick.value)
      let xText = SVGText.coordinate(x)
      text += """
        <line x1="\(xText)" y1="\(bottom)" x2="\(xText)" y2="\(SVGText.coordinate(frame.bottom + 4))" \
        stroke="#000000" stroke-width="1"/>

        """
      if xLayout.rotated {
        let y = SVGText.coordinate(frame.bottom + 12)
        text += """
          <text x="\(xText)" y="\(y)" text-anchor="end" \
          transform="rotate(-45 \(xText) \(y))">\(SVGText.escape(tick.label))</text>

          """
      } else {
        text += """
          <text x="\(xText)" y="\(SVGText.coordinate(frame.bottom + 18))" \
          text-anchor="middle">\(SVGText.escape(tick.label))</text>

          """
      }
    }
    let middleY = SVGText.coordinate((frame.top + frame.bottom) / 2)
    let xSize = Self.fittingFontSize(xAxis.title, length: width - 20)
    let ySize = Self.fittingFontSize(yAxis.title, length: frame.bottom - frame.top + 10)
    text += """
      <text x="\(SVGText.coordinate((frame.left + frame.right) / 2))" \
      y="\(SVGText.coordinate(height - 8))" text-anchor="middle" \
      font-size="\(SVGText.coordinate(xSize))">\(SVGText.escape(xAxis.title))</text>
      <text x="14" y="\(middleY)" text-anchor="middle" transform="rotate(-90 14 \(middleY))" \
      font-size="\(SVGText.coordinate(ySize))">\(SVGText.escape(yAxis.title))</text>

      """
    return text
  }

  /// Returns the title font size, made smaller (down to 8 px) for a title longer than
  /// `length` pixels.
  static func fittingFontSize(_ text: String, length: Double) -> Double {
    let needed = SVGText.width(of: text, fontSize: 1)
    return max(8, min(titleFontSize, (length / max(needed, 1) * 10).rounded(.down) / 10))
  }

  /// Writes the labels of horizontal rules in the right margin, moved apart vertically so
  /// that no two overlap.
  private func ruleLabels(frame: Frame) -> String {
    var labels: [(y: Double, text: String)] = []
    for layer in layers {
      if case .horizontalRule(let y, let label) = layer.shape {
        labels.append((frame.y(y), label))
      }
    }
    labels.sort { $0.y < $1.y }
    let gap = Self.tickFontSize + 2
    for index in labels.indices.dropFirst() where labels[index].y < labels[index - 1].y + gap {
      labels[index].y = labels[index - 1].y + gap
    }
    return labels.map { label in
      """
      <text x="\(SVGText.coordinate(frame.right + 6))" y="\(SVGText.coordinate(label.y + 4))">\
      \(SVGText.escape(label.text))</text>

      """
    }.joined()
  }
}
