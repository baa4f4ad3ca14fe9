import CoreMetrics
import Foundation
import Prometheus

/// The service's Prometheus metrics, recorded through swift-metrics into a registry of its
/// own (so tests and several servers in one process never share counters) and rendered in
/// the Prometheus text format for `/metrics`.
///
/// | Metric | Type | Labels |
/// |---|---|---|
/// | `http_requests_total` | counter | `route`, `method`, `status` |
/// | `http_request_duration_seconds` | histogram | `route`, `method` |
/// | `http_requests_in_flight` | gauge | |
/// | `http_open_connections` | gauge (read at scrape) | |
/// | `compute_advisor_evaluations_total` | counter | `option` (recommended) |
/// | `compute_advisor_store_operation_duration_seconds` | histogram | `operation` |
/// | `compute_advisor_store_errors_total` | counter | `operation` |
/// | `compute_advisor_rate_limited_total` | counter | `route` |
/// | `compute_advisor_authentication_failures_total` | counter | `reason` |
public final class ServiceMetrics: @unchecked Sendable {
  /// Route label for requests that matched no route (keeps label values bounded).
  static let unmatchedRoute = "unmatched"
  /// Latency buckets from half a millisecond (most answers) to ten seconds.
  static let latencyBuckets: [Duration] = [
    .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
    .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
    .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
  ]

  /// The registry everything is recorded in.
  public let registry: PrometheusCollectorRegistry
  private let factory: PrometheusMetricsFactory
  private let inFlight: CoreMetrics.Meter
  private let openConnections: CoreMetrics.Gauge
  private let lock = NSLock()
  private var connectionCount: (@Sendable () -> Int)?
  /// The request counter and timer of each route, method and status seen so far, so that
  /// answering a request costs one dictionary lookup instead of two registry lookups that
  /// build label arrays (as many entries as the registry has series).
  private var requestInstruments: [RequestSeries: RequestInstruments] = [:]

  private struct RequestSeries: Hashable {
    let route: String
    let method: String
    let status: Int
  }

  private struct RequestInstruments {
    let count: CoreMetrics.Counter
    let latency: CoreMetrics.Timer
  }

  /// Creates the metrics with a fresh registry.
  public init() {
    registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = Self.latencyBuckets
    self.factory = factory
    inFlight = CoreMetrics.Meter(label: "http_requests_in_flight", factory: factory)
    openConnections = CoreMetrics.Gauge(label: "http_open_connections", factory: factory)
    openConnections.record(0)
  }

  /// Where the open-connection count comes from (the HTTP server's `connectionCount`); read
  /// at every scrape.
  public func observeConnections(_ count: @escaping @Sendable () -> Int) {
    lock.withLock { connectionCount = count }
  }

  /// The metrics in the Prometheus text exposition format (version 0.0.4).
  public func render() -> [UInt8] {
    if let count = lock.withLock({ connectionCount }) { openConnections.record(count()) }
    return registry.emitToBuffer()
  }

  /// A request started; pair with ``requestFinished(route:method:status:duration:)``.
  func requestStarted() {
    inFlight.increment()
  }

  /// A request was answered.
  func requestFinished(route: String?, method: String, status: Int, duration: Duration) {
    inFlight.decrement()
    let series = RequestSeries(route: route ?? Self.unmatchedRoute, method: method, status: status)
    let instruments = lock.withLock {
      if let known = requestInstruments[series] { return known }
      let made = makeRequestInstruments(series)
      requestInstruments[series] = made
      return made
    }
    instruments.count.increment()
    instruments.latency.recordNanoseconds(Self.nanoseconds(duration))
  }

  private func makeRequestInstruments(_ series: RequestSeries) -> RequestInstruments {
    RequestInstruments(
      count: CoreMetrics.Counter(
        label: "http_requests_total",
        dimensions: [
          ("route", series.route), ("method", series.method), ("status", String(series.status)),
        ],
        factory: factory),
      latency: CoreMetrics.Timer(
        label: "http_request_duration_seconds",
        dimensions: [("route", series.route), ("method", series.method)], factory: factory))
  }

  /// A workload was evaluated and stored; `option` is the recommended option or `none`.
  func recordEvaluation(option: String?) {
    CoreMetrics.Counter(
      label: "compute_advisor_evaluations_total", dimensions: [("option", option ?? "none")],
      factory: factory
    ).increment()
  }

  /// A store operation finished, successfully or not.
  func recordStoreOperation(_ operation: String, duration: Duration, failed: Bool) {
    CoreMetrics.Timer(
      label: "compute_advisor_store_operation_duration_seconds",
      dimensions: [("operation", operation)], factory: factory
    ).recordNanoseconds(Self.nanoseconds(duration))
    if failed {
      CoreMetrics.Counter(
        label: "compute_advisor_store_errors_total", dimensions: [("operation", operation)],
        factory: factory
      ).increment()
    }
  }

  private static func nanoseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
  }

  /// A request was refused by the rate limiter.
  func recordRateLimited(route: String?) {
    CoreMetrics.Counter(
      label: "compute_advisor_rate_limited_total",
      dimensions: [("route", route ?? Self.unmatchedRoute)], factory: factory
    ).increment()
  }

  /// A request failed authentication: `missing`, `invalid` or `scope`.
  func recordAuthenticationFailure(reason: String) {
    CoreMetrics.Counter(
      label: "compute_advisor_authentication_failures_total", dimensions: [("reason", reason)],
      factory: factory
    ).increment()
  }
}
