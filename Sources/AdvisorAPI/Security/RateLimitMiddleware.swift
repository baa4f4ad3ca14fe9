import HTTPServer

/// Applies the token-bucket limit per API key (per client address while keys are off or
/// the route is open): a refused request is answered 429 with `Retry-After`; every limited
/// response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
/// Health, readiness and metrics are never limited.
struct RateLimitMiddleware: HTTPMiddleware {
  let limiter: TokenBucketRateLimiter
  let metrics: ServiceMetrics?
  /// `RateLimit-Limit`, the same on every response.
  private let limitText: String

  init(limiter: TokenBucketRateLimiter, metrics: ServiceMetrics?) {
    self.limiter = limiter
    self.metrics = metrics
    limitText = String(limiter.policy.burst)
  }

  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    if RouteAccessPolicy.isRateLimitExempt(route: context.route) {
      return try await next(request, context)
    }
    let decision = limiter.acquire(client: Self.clientKey(for: request))
    let remaining = String(decision.remaining)
    let reset = String(decision.resetSeconds)
    guard decision.isAllowed else {
      metrics?.recordRateLimited(route: context.route)
      throw APIError(
        .tooManyRequests, type: "rate-limited", title: "Too many requests",
        detail: "This client sent more than \(decision.limit) requests at once or more than "
          + "\(Self.format(limiter.policy.ratePerSecond)) per second; retry after "
          + "\(decision.retryAfterSeconds) s.",
        headers: [
          "RateLimit-Limit": limitText, "RateLimit-Remaining": remaining,
          "RateLimit-Reset": reset, "Retry-After": String(decision.retryAfterSeconds),
        ])
    }
    var response: HTTPResponse
    do {
      response = try await next(request, context)
    } catch var error as APIError {
      error.responseHeaders.replace(name: "RateLimit-Limit", value: limitText)
      error.responseHeaders.replace(name: "RateLimit-Remaining", value: remaining)
      error.responseHeaders.replace(name: "RateLimit-Reset", value: reset)
      throw error
    }
    // Handlers never set these fields, so appending is enough (and cheaper than replacing).
    response.headers.append(name: "RateLimit-Limit", value: limitText)
    response.headers.append(name: "RateLimit-Remaining", value: remaining)
    response.headers.append(name: "RateLimit-Reset", value: reset)
    return response
  }

  /// The bucket a request draws from: its key id when authenticated, else `address:` and
  /// its address without the port. Key ids are 16 hex digits, so the two never collide, and
  /// the common (authenticated) case builds no string.
  static func clientKey(for request: HTTPRequest) -> String {
    if let keyID = CallerIdentity.current.clientID { return keyID }
    return "address:" + host(of: request.remoteAddress ?? "unknown")
  }

  /// `host` of `host:port` or `[v6]:port`.
  static func host(of address: String) -> String {
    if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
      return String(address[address.index(after: address.startIndex)..<end])
    }
    guard let colon = address.lastIndex(of: ":"),
      address[..<colon].firstIndex(of: ":") == nil
    else { return address }
    return String(address[..<colon])
  }

  private static func format(_ rate: Double) -> String {
    rate == rate.rounded() ? String(Int(rate)) : String(rate)
  }
}
