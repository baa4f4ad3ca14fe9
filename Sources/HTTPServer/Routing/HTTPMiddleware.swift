/// Code run around every request a router answers, including 404 and 405 answers:
/// authentication, headers, metrics. It sees the route's parameters in the context.
///
/// Call `next` to continue (possibly with a modified request or context), or return a
/// response without calling it. Errors thrown here, or by `next`, reach the router's error
/// renderer.
public protocol HTTPMiddleware: Sendable {
  /// Handles a request, usually by calling `next`.
  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse
}

/// A middleware made from a closure.
public struct ClosureMiddleware: HTTPMiddleware {
  /// The closure's type: request, context, next.
  public typealias Body =
    @Sendable (
      HTTPRequest, RequestContext, (HTTPRequest, RequestContext) async throws -> HTTPResponse
    ) async throws -> HTTPResponse

  private let body: Body

  /// Creates a middleware calling `body`.
  public init(_ body: @escaping Body) {
    self.body = body
  }

  /// Calls the closure.
  public func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    try await body(request, context, next)
  }
}
