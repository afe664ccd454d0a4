/// Writes `report.html`: one self-contained XHTML page with inline CSS and SVG charts, for
/// `run`, `run --replications`, `sweep` and `plan`.
///
/// The page fetches nothing (no scripts, fonts or images), prints on A4 or letter paper, and
/// parses as well-formed XML: void elements are self-closed and text is escaped.
public enum HTMLReport {
  /// The file name of the report in the output folder.
  public static let fileName = "report.html"

  static let styleSheet = """
    body { font-family: sans-serif; color: #111111; margin: 24px auto; max-width: 940px; \
    padding: 0 12px; line-height: 1.4; }
    h1 { font-size: 1.6em; margin-bottom: 0.2em; }
    h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999999; }
    h3 { font-size: 1.1em; margin-bottom: 0.3em; }
    table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.85em; }
    th, td { border: 1px solid #bbbbbb; padding: 3px 6px; text-align: right; vertical-align: top; \
    white-space: nowrap; }
    th { white-space: normal; }
    th { background: #eeeeee; }
    td.text, th.text { text-align: left; }
    figure { margin: 1em 0 1.6em 0; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 0.9em; color: #333333; max-width: 900px; }
    svg.chart { max-width: 100%; height: auto; display: block; }
    p.facts { margin: 0.2em 0; }
    @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
    """

  /// Returns the whole page around `body`, which is XHTML.
  static func page(title: String, body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title>\(SVGText.escape(title))</title>
    <style>
    \(styleSheet)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  /// Returns a table with a header row; the first `textColumns` columns are left-aligned, and
  /// a line break in a cell starts a new line.
  static func table(_ header: [String], _ rows: [[String]], textColumns: Int = 1) -> String {
    func cells(_ values: [String], tag: String) -> String {
      values.enumerated().map { index, value in
        let align = index < textColumns ? " class=\"text\"" : ""
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.map { SVGText.escape(String($0)) }.joined(separator: "<br/>")
        return "<\(tag)\(align)>\(text)</\(tag)>"
      }.joined()
    }
    var text = "<table>\n<tr>\(cells(header, tag: "th"))</tr>\n"
    for row in rows { text += "<tr>\(cells(row, tag: "td"))</tr>\n" }
    return text + "</table>\n"
  }

  /// Returns a figure with its chart and a caption that tells the reader what to look for.
  static func figure(_ chart: XYChart, caption: String) -> String {
    "<figure>\n\(chart.svg())\n<figcaption>\(SVGText.escape(caption))</figcaption>\n</figure>\n"
  }

  /// Returns a paragraph with `text` escaped.
  static func paragraph(_ text: String, className: String? = nil) -> String {
    let attribute = className.map { " class=\"\($0)\"" } ?? ""
    return "<p\(attribute)>\(SVGText.escape(text))</p>\n"
  }

  /// Returns a heading of `level` with `text` escaped.
  static func heading(_ level: Int, _ text: String) -> String {
    "<h\(level)>\(SVGText.escape(text))</h\(level)>\n"
  }
}
