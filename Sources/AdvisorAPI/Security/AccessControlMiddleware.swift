import HTTPServer

/// API keys and rate limiting, in one layer: authenticates the request (when keys are on),
/// takes a token from its client's bucket (when the limit is on: the key's, or the
/// address's for open routes and for requests authentication refuses with 401 or 403), runs
/// the rest of the chain as the authenticated caller, and adds the `RateLimit-*` fields to
/// whatever it answers.
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
    let caller: CallerIdentity?
    do {
      caller = try authentication?.caller(of: request, route: context.route)
    } catch {
      // A refused request (401 or 403) still takes a token, from its address's bucket, so
      // that guessing keys from one address is limited like anything else.
      let fields = try rateLimit?.admit(request, caller: nil, route: context.route)
      throw fields?.added(to: error) ?? error
    }
    let fields = try rateLimit?.admit(request, caller: caller, route: context.route)
    // One async frame for the whole layer (each costs every request its allocation): the
    // binding of the caller, when there is one, is the only other.
    do {
      var response =
        if let caller {
          try await CallerIdentity.$current.withValue(caller) { try await next(request, context) }
        } else {
          try await next(request, context)
        }
      fields?.add(to: &response.headers)
      return response
    } catch {
      // Untyped: `catch let error as APIError` would keep a copy of one in the frame.
      throw fields?.added(to: error) ?? error
    }
  }
}
