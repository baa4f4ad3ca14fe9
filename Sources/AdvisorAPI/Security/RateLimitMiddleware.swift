import HTTPServer

/// Applies the token-bucket limit per API key (per client address while keys are off or
/// the route is open): a refused request is answered 429 with `Retry-After`; every limited
/// response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
/// Health, readiness and metrics are never limited.
struct RateLimitMiddleware: HTTPMiddleware {
  let limiter: TokenBucketRateLimiter
  let metrics: ServiceMetrics?

  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    if RouteAccessPolicy.isRateLimitExempt(route: context.route) {
      return try await next(request, context)
    }
    let decision = limiter.acquire(client: Self.clientKey(for: request))
    var headers = HTTPFields()
    headers.replace(name: "RateLimit-Limit", value: String(decision.limit))
    headers.replace(name: "RateLimit-Remaining", value: String(decision.remaining))
    headers.replace(name: "RateLimit-Reset", value: String(decision.resetSeconds))
    guard decision.isAllowed else {
      metrics?.recordRateLimited(route: context.route)
      headers.replace(name: "Retry-After", value: String(decision.retryAfterSeconds))
      throw APIError(
        .tooManyRequests, type: "rate-limited", title: "Too many requests",
        detail: "This client sent more than \(decision.limit) requests at once or more than "
          + "\(Self.format(limiter.policy.ratePerSecond)) per second; retry after "
          + "\(decision.retryAfterSeconds) s.",
        headers: headers)
    }
    var response: HTTPResponse
    do {
      response = try await next(request, context)
    } catch var error as APIError {
      for field in headers { error.responseHeaders.replace(name: field.name, value: field.value) }
      throw error
    }
    // Handlers never set these fields, so appending is enough (and cheaper than replacing).
    for field in headers { response.headers.append(name: field.name, value: field.value) }
    return response
  }

  /// The bucket a request draws from: its key id when authenticated, else its address
  /// without the port.
  static func clientKey(for request: HTTPRequest) -> String {
    if let keyID = CallerIdentity.current.clientID { return "key:" + keyID }
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
