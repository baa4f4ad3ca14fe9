import Foundation

/// Draws a ``LineChart`` as a standalone SVG document: log-scaled axes with decade
/// grid lines, one coloured and dashed line per series, break-even markers and a
/// legend. Deterministic: the same chart gives the same bytes.
public struct SVGLineChartRenderer: Sendable {
  /// The drawing's width in CSS pixels.
  public var width: Double = 880
  /// The drawing's height in CSS pixels.
  public var height: Double = 520

  private let plotLeft = 84.0
  private let plotTop = 56.0
  /// Room for the longest option name ("Amazon EKS on AWS Fargate") at 12 px.
  private let legendWidth = 250.0
  private let plotBottomMargin = 64.0
  private static let gridColor = "rgb(227,231,236)"
  private static let frameColor = "rgb(154,163,173)"
  private static let markerColor = "rgb(68,68,68)"

  /// Colours from the Okabe-Ito palette (readable with colour-blindness), each with a
  /// dash pattern so that lines stay apart in grey print too.
  private static let palette: [SVGBuilder.Stroke] = [
    .init(color: "rgb(0,114,178)", width: 2.5),
    .init(color: "rgb(213,94,0)", width: 2.5, dash: "8 4"),
    .init(color: "rgb(0,158,115)", width: 2.5, dash: "2 3"),
    .init(color: "rgb(204,121,167)", width: 2.5, dash: "10 3 2 3"),
    .init(color: "rgb(230,159,0)", width: 2.5, dash: "4 4"),
    .init(color: "rgb(86,180,233)", width: 2.5, dash: "1 2"),
    .init(color: "rgb(0,0,0)", width: 2.5, dash: "12 4"),
  ]

  /// Creates a renderer with the default size.
  public init() {}

  /// Renders the chart as an SVG document (UTF-8 text).
  public func render(_ chart: LineChart) -> String {
    let plot = (
      left: plotLeft, top: plotTop, right: width - legendWidth, bottom: height - plotBottomMargin
    )
    let xs = chart.series.flatMap { $0.points.map(\.x) }.filter { $0 > 0 && $0.isFinite }
    let ys = chart.series.flatMap { $0.points.compactMap(\.y) }.filter { $0 > 0 && $0.isFinite }
    let xAxis = LogAxis(values: xs, from: plot.left, to: plot.right)
    let yAxis = LogAxis(values: ys, from: plot.bottom, to: plot.top)

    var svg = SVGBuilder(width: width, height: height)
    svg.text(
      chart.title, at: (width / 2, 28),
      style: "text-anchor=\"middle\" font-size=\"17\" font-weight=\"600\"")
    svg.rect(
      x: plot.left, y: plot.top, width: plot.right - plot.left, height: plot.bottom - plot.top,
      fill: "white", stroke: .init(color: Self.frameColor))
    for tick in xAxis.ticks() {
      let x = xAxis.position(tick)
      svg.line(from: (x, plot.top), to: (x, plot.bottom), stroke: .init(color: Self.gridColor))
      svg.text(
        LogAxis.label(tick), at: (x, plot.bottom + 18),
        style: "text-anchor=\"middle\" font-size=\"12\"")
    }
    for tick in yAxis.ticks() {
      let y = yAxis.position(tick)
      svg.line(from: (plot.left, y), to: (plot.right, y), stroke: .init(color: Self.gridColor))
      svg.text(
        chart.yUnitPrefix + LogAxis.label(tick), at: (plot.left - 8, y + 4),
        style: "text-anchor=\"end\" font-size=\"12\"")
    }
    svg.text(
      chart.xLabel + " (log scale)", at: ((plot.left + plot.right) / 2, height - 18),
      style: "text-anchor=\"middle\" font-size=\"13\"")
    svg.text(
      chart.yLabel + " (log scale)", at: (20, (plot.top + plot.bottom) / 2),
      style: "text-anchor=\"middle\" font-size=\"13\"", rotated: true)

    for (index, series) in chart.series.enumerated() {
      let stroke = Self.palette[index % Self.palette.count]
      for run in Self.contiguousRuns(series.points) {
        let points = run.map { (xAxis.position($0.x), yAxis.position($0.y)) }
        if points.count == 1 {
          svg.circle(center: points[0], radius: 3, fill: stroke.color)
        } else {
          svg.polyline(points, stroke: stroke)
        }
      }
    }
    for (index, marker) in chart.markers.enumerated() where marker.x > 0 && marker.x.isFinite {
      let x = xAxis.position(marker.x)
      svg.line(
        from: (x, plot.top), to: (x, plot.bottom),
        stroke: .init(color: Self.markerColor, dash: "5 4"))
      svg.circle(center: (x, plot.bottom), radius: 4, fill: Self.markerColor)
      svg.text(
        marker.label, at: (x + 4, plot.top + 14 + Double(index % 3) * 15),
        style: "font-size=\"11\" fill=\"\(Self.markerColor)\"")
    }
    drawLegend(&svg, chart.series, left: plot.right + 20)
    return svg.finish()
  }

  private func drawLegend(_ svg: inout SVGBuilder, _ series: [LineChart.Series], left: Double) {
    svg.text("Options", at: (left, plotTop + 4), style: "font-size=\"13\" font-weight=\"600\"")
    for (index, item) in series.enumerated() {
      let y = plotTop + 26 + Double(index) * 22
      svg.line(
        from: (left, y - 4), to: (left + 28, y - 4),
        stroke: Self.palette[index % Self.palette.count])
      svg.text(item.name, at: (left + 36, y), style: "font-size=\"12\"")
    }
  }

  /// Splits a series at its missing values, keeping only drawable points.
  static func contiguousRuns(_ points: [(x: Double, y: Double?)]) -> [[(x: Double, y: Double)]] {
    var runs: [[(x: Double, y: Double)]] = []
    var current: [(x: Double, y: Double)] = []
    for point in points {
      if let y = point.y, y.isFinite, point.x > 0, point.x.isFinite {
        current.append((point.x, y))
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }
}
