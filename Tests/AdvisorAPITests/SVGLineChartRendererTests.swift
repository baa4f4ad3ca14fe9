import Foundation
import Testing

@testable import AdvisorAPI

@Suite struct SVGLineChartRendererTests {
  let chart = LineChart(
    title: "Monthly cost <by> option & rate",
    xLabel: "requests per month",
    yLabel: "USD per month",
    series: [
      .init(name: "Lambda", points: [(1e5, 0.5), (1e6, 4), (1e7, 40), (1e8, 400)]),
      .init(name: "ECS on Fargate", points: [(1e5, 36), (1e6, 36), (1e7, 72), (1e8, 144)]),
      .init(name: "EC2", points: [(1e5, nil), (1e6, 70), (1e7, nil), (1e8, 140)]),
    ],
    markers: [.init(x: 1.1e7, label: "ECS on Fargate < Lambda")]
  )

  @Test func drawsOneLinePerContiguousRunAndALegendEntryPerSeries() {
    let svg = SVGLineChartRenderer().render(chart)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.hasSuffix("</svg>\n"))
    // Lambda and Fargate are whole lines; EC2 is broken into two single points.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.contains(">Lambda</text>"))
    #expect(svg.contains(">ECS on Fargate</text>"))
    #expect(svg.contains(">EC2</text>"))
  }

  @Test func escapesTextAndMarksBreakEvens() {
    let svg = SVGLineChartRenderer().render(chart)
    #expect(svg.contains("Monthly cost &lt;by&gt; option &amp; rate"))
    #expect(!svg.contains("<by>"))
    #expect(svg.contains("ECS on Fargate &lt; Lambda"))
    #expect(svg.contains("stroke-dasharray=\"5 4\""))
  }

  @Test func labelsDecadesOnBothAxes() {
    let svg = SVGLineChartRenderer().render(chart)
    for label in [">100K<", ">1M<", ">10M<", ">100M<", ">$1<", ">$10<", ">$100<", ">$1K<"] {
      #expect(svg.contains(label), "missing axis label \(label)")
    }
  }

  @Test func isDeterministic() {
    #expect(SVGLineChartRenderer().render(chart) == SVGLineChartRenderer().render(chart))
  }

  @Test func splitsRunsAtMissingValues() {
    let runs = SVGLineChartRenderer.contiguousRuns([(1, 1), (2, nil), (3, 3), (4, 4), (5, .nan)])
    #expect(runs.map { $0.map(\.x) } == [[1], [3, 4]])
  }

  @Test func axisLabelsAreShort() {
    #expect(LogAxis.label(1_000) == "1K")
    #expect(LogAxis.label(2_500_000) == "2.5M")
    #expect(LogAxis.label(10_000_000_000) == "10B")
    #expect(LogAxis.label(0.01) == "0.01")
  }
}
