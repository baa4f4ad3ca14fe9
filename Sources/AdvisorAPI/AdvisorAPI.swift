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
  private let documentation: DocumentationRoutes
  private let reference: ReferenceRoutes

  /// Prepares the API; reads the OpenAPI document and docs page, and encodes the catalog
  /// documents, once.
  public init(
    advisor: Advisor, store: any RecommendationStore, openAPI: OpenAPIDocument? = nil
  ) throws {
    self.advisor = advisor
    self.store = store
    self.documentation = try DocumentationRoutes(openAPI: openAPI ?? .bundled())
    self.reference = try ReferenceRoutes(advisor: advisor)
  }

  /// Every route, behind the middleware that adds request ids and security headers and
  /// renders errors as problem documents.
  public func buildRouter() -> Router {
    let router = Router()
    router.add(middleware: ResponseHeadersMiddleware())
    RecommendationRoutes(advisor: advisor, store: store).register(on: router)
    HistoryRoutes(advisor: advisor, store: store).register(on: router)
    ComparisonRoutes(advisor: advisor).register(on: router)
    reference.register(on: router)
    HealthRoutes(store: store).register(on: router)
    documentation.register(on: router)
    return router
  }

  /// The frozen responder to hand to an ``HTTPServer``.
  public func buildResponder() -> RouterResponder {
    buildRouter().buildResponder()
  }
}
