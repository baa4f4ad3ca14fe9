import HTTPServer

/// API keys and rate limiting, in one layer: authenticates the request (when keys are on),
/// takes a token from its client's bucket (when the limit is on), runs the rest of the
/// chain as the authenticated caller, and adds the `RateLimit-*` fields to whatever it
/// answers.
///
/// One layer rather than two because every async layer costs each request its frames and
/// executor checks, while the checks themselves are synchronous: with both on, this adds
/// one layer and one task-local binding to a request.
struct AccessControlMiddleware: HTTPMiddleware {
  let authentication: APIKeyAuthentication?
  let rateLimit: ClientRateLimit?

  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    let caller = try authentication?.caller(of: request, route: context.route)
    let fields = try rateLimit?.admit(request, caller: caller, route: context.route)
    guard let fields else { return try await Self.run(next, request, context, as: caller) }
    do {
      return fields.added(to: try await Self.run(next, request, context, as: caller))
    } catch {
      // Untyped: `catch let error as APIError` would keep a copy of one in the frame.
      throw fields.added(to: error)
    }
  }

  /// `next`, with ``CallerIdentity/current`` bound to `caller` when there is one (which
  /// scopes every history lookup to the caller's key).
  private static func run(
    _ next: (HTTPRequest, RequestContext) async throws -> HTTPResponse,
    _ request: HTTPRequest, _ context: RequestContext, as caller: CallerIdentity?
  ) async throws -> HTTPResponse {
    guard let caller else { return try await next(request, context) }
    return try await CallerIdentity.$current.withValue(caller) {
      try await next(request, context)
    }
  }
}
