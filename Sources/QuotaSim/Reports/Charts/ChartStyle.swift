/// The look of a chart layer: colour, dash pattern and marker shape.
///
/// The colours are the Okabe–Ito palette, which readers with the common colour-vision
/// deficiencies can tell apart. Dash patterns and marker shapes keep layers apart in a
/// greyscale print as well.
public struct ChartStyle: Sendable, Equatable {
  /// A marker's shape.
  public enum Marker: Sendable, Equatable {
    case circle, square, triangle, diamond, cross
  }

  /// The stroke or fill colour as `#rrggbb`.
  public var colour: String
  /// The SVG dash pattern, or `nil` for a solid line.
  public var dash: String?
  /// The line width in pixels.
  public var lineWidth: Double
  /// The marker shape for markers and interval points.
  public var marker: Marker
  /// The fill opacity of bands and bars, from 0 to 1.
  public var fillOpacity: Double

  public init(
    colour: String, dash: String? = nil, lineWidth: Double = 2, marker: Marker = .circle,
    fillOpacity: Double = 1
  ) {
    self.colour = colour
    self.dash = dash
    self.lineWidth = lineWidth
    self.marker = marker
    self.fillOpacity = fillOpacity
  }

  /// Okabe–Ito black.
  public static let black = "#000000"
  /// Okabe–Ito orange.
  public static let orange = "#E69F00"
  /// Okabe–Ito sky blue.
  public static let skyBlue = "#56B4E9"
  /// Okabe–Ito bluish green.
  public static let bluishGreen = "#009E73"
  /// Okabe–Ito blue.
  public static let blue = "#0072B2"
  /// Okabe–Ito vermillion.
  public static let vermillion = "#D55E00"
  /// Okabe–Ito reddish purple.
  public static let reddishPurple = "#CC79A7"
}
