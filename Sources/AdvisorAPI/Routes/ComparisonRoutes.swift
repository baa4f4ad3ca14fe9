import ComputeAdvisor
import HTTPServer

/// `POST /v1/comparisons`: a stateless what-if sweep. JSON by default; with
/// `Accept: image/svg+xml` the same sweep drawn as a line chart. Nothing is stored.
struct ComparisonRoutes: Sendable {
  static let path = "/v1/comparisons"
  static let offered = ["application/json", "image/svg+xml"]

  let advisor: Advisor

  func register(on router: Router) {
    router.post(Self.path) { request, _ in try compare(request) }
  }

  func compare(_ request: HTTPRequest) throws -> HTTPResponse {
    try RequestChecks.requireJSONBody(request)
    let mediaType = try RequestChecks.negotiate(request, offering: Self.offered)
    let comparison: Comparison
    do {
      let parsed = try advisor.parseComparison(request.body)
      comparison = try advisor.compare(parsed.workload, parsed.request)
    } catch {
      throw RequestChecks.problem(for: error, describing: "comparison")
    }
    if mediaType == "image/svg+xml" {
      let svg = SVGLineChartRenderer().render(chart(of: comparison))
      return HTTPResponse(contentType: "image/svg+xml", body: Array(svg.utf8))
    }
    return .json(Array(try Advisor.encode(comparison, pretty: false)))
  }

  /// The sweep as a chart: one line per option that is eligible somewhere in the range,
  /// break-even points as markers.
  func chart(of comparison: Comparison) -> LineChart {
    let metricName = comparison.metric == .tco ? "total cost of ownership" : "monthly AWS cost"
    var series: [LineChart.Series] = []
    for (index, option) in advisor.optionIDs.enumerated() {
      let points = comparison.points.map { point -> (x: Double, y: Double?) in
        let cost = point.costs[index]
        let money = comparison.metric == .tco ? cost.totalCostOfOwnershipUSD : cost.monthlyCostUSD
        return (point.value, money?.usd)
      }
      guard points.contains(where: { $0.y != nil }) else { continue }
      series.append(.init(name: advisor.displayName(of: option) ?? option, points: points))
    }
    let markers = comparison.breakEven.map { breakEven in
      LineChart.Marker(
        x: breakEven.value,
        label: "\(name(breakEven.below)) → \(name(breakEven.above))")
    }
    return LineChart(
      title: "\(metricName.prefix(1).uppercased() + metricName.dropFirst()) by option",
      xLabel: comparison.unit, yLabel: "USD per month", series: series, markers: markers)
  }

  private func name(_ option: String) -> String {
    advisor.displayName(of: option) ?? option
  }
}
