import ComputeAdvisor
import HTTPServer
import Logging
import Storage

/// The REST API of compute-advisor: wires the domain (``Advisor``), the store of past
/// queries and the HTTP server's router together.
///
/// ```swift
/// let api = try AdvisorAPI(advisor: Advisor(), store: store)
/// let server = HTTPServer(configuration: configuration, responder: api.buildResponder())
/// ```
public struct AdvisorAPI: Sendable {
  /// The domain engine answering queries.
  public let advisor: Advisor
  /// Where queries and answers are kept.
  public let store: any RecommendationStore
  /// API keys, rate limiting, metrics and access logging.
  public let operations: APIOperations
  private let documentation: DocumentationRoutes
  private let reference: ReferenceRoutes

  /// Prepares the API; reads the OpenAPI document and docs page, and encodes the catalog
  /// documents, once. With metrics on, store calls are timed and counted.
  public init(
    advisor: Advisor, store: any RecommendationStore, openAPI: OpenAPIDocument? = nil,
    operations: APIOperations = APIOperations()
  ) throws {
    self.advisor = advisor
    self.store =
      operations.metrics.map { InstrumentedRecommendationStore(base: store, metrics: $0) }
      ?? store
    self.operations = operations
    self.documentation = try DocumentationRoutes(openAPI: openAPI ?? .bundled())
    self.reference = try ReferenceRoutes(advisor: advisor)
  }

  /// Every route, behind the middleware that adds request ids and security headers and
  /// renders errors as problem documents.
  public func buildRouter() -> Router {
    let router = Router()
    if operations.metrics != nil || operations.accessLog {
      router.add(
        middleware: RequestObservationMiddleware(
          metrics: operations.metrics, accessLog: operations.accessLog))
    }
    router.add(middleware: ResponseHeadersMiddleware())
    if operations.keyRing != nil || operations.rateLimiter != nil {
      router.add(
        middleware: AccessControlMiddleware(
          authentication: operations.keyRing.map {
            APIKeyAuthentication(keyRing: $0, metrics: operations.metrics)
          },
          rateLimit: operations.rateLimiter.map {
            ClientRateLimit(limiter: $0, metrics: operations.metrics)
          }))
    }
    if let metrics = operations.metrics, operations.servesMetricsRoute {
      MetricsRoutes(metrics: metrics).register(on: router)
    }
    RecommendationRoutes(advisor: advisor, store: store).register(on: router)
    HistoryRoutes(advisor: advisor, store: store).register(on: router)
    ComparisonRoutes(advisor: advisor).register(on: router)
    reference.register(on: router)
    HealthRoutes(store: store).register(on: router)
    documentation.register(on: router)
    return router
  }

  /// A responder serving only `GET /metrics`, for a separate metrics port; nil without
  /// metrics.
  public func buildMetricsResponder() -> RouterResponder? {
    guard let metrics = operations.metrics else { return nil }
    let router = Router()
    router.add(middleware: ResponseHeadersMiddleware())
    MetricsRoutes(metrics: metrics).register(on: router)
    return router.buildResponder()
  }

  /// The frozen responder to hand to an ``HTTPServer``.
  public func buildResponder() -> RouterResponder {
    buildRouter().buildResponder()
  }
}
