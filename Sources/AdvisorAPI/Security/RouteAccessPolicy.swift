import HTTPServer

/// Which routes need a key and which scope, and which are exempt from rate limiting. Routes
/// are matched by their registered pattern, so ids and queries never change the answer.
enum RouteAccessPolicy {
  /// What a request must present.
  enum Requirement: Equatable {
    /// Nothing: probes, metrics and documentation stay reachable without a key.
    case open
    /// Any active key (reference data; paths that match no route, so 404s leak nothing).
    case anyKey
    /// A key holding this scope (or `admin`).
    case scope(APIKeyScope)
  }

  /// Routes anyone may call.
  static let openRoutes: Set<String> = [
    "/healthz", "/readyz", "/metrics", "/docs", "/docs/docs.js", "/docs/docs.css",
    "/openapi.yaml", "/openapi.json",
  ]

  /// Routes never rate limited: orchestrator probes and the metrics scrape.
  static let rateLimitExemptRoutes: Set<String> = ["/healthz", "/readyz", "/metrics"]

  /// The requirement for a request to `route` (nil when no route matched).
  static func requirement(method: HTTPMethod, route: String?) -> Requirement {
    guard let route else { return .anyKey }
    if !isVersionedAPI(route), openRoutes.contains(route) { return .open }
    switch (method, route) {
    case (.post, "/v1/recommendations"), (.post, "/v1/comparisons"):
      return .scope(.recommend)
    case (_, "/v1/recommendations"), (_, "/v1/recommendations/:id"):
      return .scope(.read)
    default:
      return .anyKey
    }
  }

  /// Whether requests to `route` skip the rate limiter.
  static func isRateLimitExempt(route: String?) -> Bool {
    guard let route, !isVersionedAPI(route) else { return false }
    return rateLimitExemptRoutes.contains(route)
  }

  /// Whether `route` is under `/v1/`, where no route is open or exempt: answered with a
  /// prefix check instead of hashing the route into the sets above, on every request.
  /// `hasPrefix` compares the bytes of two ASCII strings directly; the generic
  /// `utf8.starts(with:)` walks them an index at a time.
  private static func isVersionedAPI(_ route: String) -> Bool {
    route.hasPrefix("/v1/")
  }
}
