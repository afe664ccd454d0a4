extension XYChart {
  /// One legend entry: the layer's style and shape and its text.
  struct LegendEntry {
    var layer: Layer
    var text: String
    var width: Double
  }

  /// Returns the legend entries in rows no wider than `maximumWidth` pixels.
  func legendRows(maximumWidth: Double) -> [[LegendEntry]] {
    var rows: [[LegendEntry]] = []
    var row: [LegendEntry] = []
    var used = 0.0
    for layer in layers {
      guard let text = layer.legend else { continue }
      let width = 30 + SVGText.width(of: text, fontSize: Self.tickFontSize) + 20
      if !row.isEmpty, used + width > maximumWidth {
        rows.append(row)
        row = []
        used = 0
      }
      row.append(LegendEntry(layer: layer, text: text, width: width))
      used += width
    }
    if !row.isEmpty { rows.append(row) }
    return rows
  }

  /// Returns the legend's SVG, its first row's centre line at `top` plus half a row.
  func legendSVG(_ rows: [[LegendEntry]], top: Double) -> String {
    var text = ""
    let c = SVGText.coordinate
    for (index, row) in rows.enumerated() {
      let y = top + (Double(index) + 0.5) * Self.legendRowHeight
      var x = 10.0
      for entry in row {
        let style = entry.layer.style
        switch entry.layer.shape {
        case .band, .bars:
          text +=
            "<rect x=\"\(c(x))\" y=\"\(c(y - 6))\" width=\"24\" height=\"12\" "
            + "fill=\"\(style.colour)\" fill-opacity=\"\(style.fillOpacity)\" "
            + "stroke=\"#000000\" stroke-width=\"0.5\"/>\n"
        case .markers, .intervals:
          text += marker(style, x: x + 12, y: y)
        case .line, .horizontalRule, .verticalRule:
          text +=
            "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 24))\" y2=\"\(c(y))\" "
            + "\(stroke(style))/>\n"
        }
        text += "<text x=\"\(c(x + 30))\" y=\"\(c(y + 4))\">\(SVGText.escape(entry.text))</text>\n"
        x += entry.width
      }
    }
    return text
  }
}
