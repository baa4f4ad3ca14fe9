/// A line chart of several series over a logarithmic x axis: what the comparison
/// endpoint draws as SVG. Values are plain numbers; the renderer scales them.
public struct LineChart: Sendable, Equatable {
  /// One line: a name for the legend and its points, in increasing x order.
  public struct Series: Sendable, Equatable {
    /// The legend label.
    public var name: String
    /// The points; a `nil` y breaks the line (the option cannot run there).
    public var points: [(x: Double, y: Double?)]

    /// Creates a series.
    public init(name: String, points: [(x: Double, y: Double?)]) {
      self.name = name
      self.points = points
    }

    public static func == (lhs: Series, rhs: Series) -> Bool {
      lhs.name == rhs.name && lhs.points.elementsEqual(rhs.points) { $0.x == $1.x && $0.y == $1.y }
    }
  }

  /// A vertical marker: where the cheapest option changes.
  public struct Marker: Sendable, Equatable {
    /// Where on the x axis.
    public var x: Double
    /// A short label, e.g. "ECS on Fargate < Lambda".
    public var label: String

    /// Creates a marker.
    public init(x: Double, label: String) {
      self.x = x
      self.label = label
    }
  }

  /// The title above the plot.
  public var title: String
  /// The x axis label, e.g. "requests per month".
  public var xLabel: String
  /// The y axis label, e.g. "USD per month".
  public var yLabel: String
  /// How y values are written on the axis.
  public var yUnitPrefix: String
  /// The lines.
  public var series: [Series]
  /// Break-even markers.
  public var markers: [Marker]

  /// Creates a chart description.
  public init(
    title: String, xLabel: String, yLabel: String, yUnitPrefix: String = "$",
    series: [Series], markers: [Marker]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.yUnitPrefix = yUnitPrefix
    self.series = series
    self.markers = markers
  }
}
