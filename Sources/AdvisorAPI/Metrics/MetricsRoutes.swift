import HTTPServer

/// `GET /metrics`: the Prometheus text exposition of ``ServiceMetrics``.
struct MetricsRoutes: Sendable {
  /// The path scrapers fetch.
  static let path = "/metrics"
  /// The exposition format's media type.
  static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  let metrics: ServiceMetrics

  func register(on router: Router) {
    router.get(Self.path) { [metrics] _, _ in
      HTTPResponse(status: .ok, headers: ["Content-Type": Self.contentType], body: metrics.render())
    }
  }
}
