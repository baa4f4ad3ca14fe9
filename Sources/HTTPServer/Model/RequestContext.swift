import Logging

/// What the server and router know about a request besides the request itself: the route's
/// path parameters and a logger. Middleware may pass a modified copy to the next handler.
public struct RequestContext: Sendable {
  /// The path parameters captured by the matched route (empty before routing).
  public var parameters: RouteParameters
  /// The pattern of the matched route, for example `/v1/items/:id`, or nil before routing or
  /// when no route matched.
  public var route: String?
  /// The logger for this request, carrying the request id as metadata when there is one.
  public var logger: Logger

  /// Creates a context.
  public init(
    logger: Logger, parameters: RouteParameters = RouteParameters(), route: String? = nil
  ) {
    self.logger = logger
    self.parameters = parameters
    self.route = route
  }
}

/// Answers requests. The server calls `respond` off every connection queue, on the
/// concurrency runtime's executor; an error thrown here becomes a problem response.
public protocol HTTPResponder: Sendable {
  /// Produces the response to `request`.
  func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse
}

/// An `HTTPResponder` made from a closure, for small servers and tests.
public struct ClosureResponder: HTTPResponder {
  private let body: @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse

  /// Creates a responder calling `body`.
  public init(
    _ body: @escaping @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) {
    self.body = body
  }

  /// Calls the closure.
  public func respond(to request: HTTPRequest, context: RequestContext) async throws
    -> HTTPResponse
  {
    try await body(request, context)
  }
}
