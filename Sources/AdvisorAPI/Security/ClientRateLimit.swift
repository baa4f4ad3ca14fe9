import HTTPServer

/// Applies the token-bucket limit per API key (per client address while keys are off, on
/// open routes, and for requests refused with 401 or 403): a request over the limit is
/// answered 429 with `Retry-After`; every limited response carries `RateLimit-Limit`,
/// `RateLimit-Remaining` and `RateLimit-Reset`. Health, readiness and metrics are never
/// limited.
///
/// Synchronous, so that ``AccessControlMiddleware`` runs it without an async frame of its
/// own.
struct ClientRateLimit: Sendable {
  let limiter: TokenBucketRateLimiter
  let metrics: ServiceMetrics?
  /// `RateLimit-Limit`, the same on every response.
  private let limitText: String

  init(limiter: TokenBucketRateLimiter, metrics: ServiceMetrics?) {
    self.limiter = limiter
    self.metrics = metrics
    limitText = String(limiter.policy.burst)
  }

  /// The `RateLimit-*` values of an admitted request.
  struct Fields {
    let limit: String
    let remaining: String
    let reset: String

    /// Adds these fields to a response's or an error's fields. Nothing else sets them, so
    /// appending is enough (and cheaper than replacing). In place: a modified copy of a
    /// response would share its field storage with the original, and the first append
    /// would copy it again.
    func add(to fields: inout HTTPFields) {
      fields.append(name: "RateLimit-Limit", value: limit)
      fields.append(name: "RateLimit-Remaining", value: remaining)
      fields.append(name: "RateLimit-Reset", value: reset)
    }

    /// `error` carrying these fields when it is an ``APIError`` (the others become opaque
    /// 500s, which carry no rate-limit fields).
    func added(to error: any Error) -> any Error {
      guard var error = error as? APIError else { return error }
      add(to: &error.responseHeaders)
      return error
    }
  }

  /// Takes a token for the request's client (`caller`'s key, else its address), or throws
  /// the 429 answer when there is none. Nil for the exempt routes, which take no token.
  func admit(_ request: HTTPRequest, caller: CallerIdentity?, route: String?) throws -> Fields? {
    if RouteAccessPolicy.isRateLimitExempt(route: route) { return nil }
    let client = Self.clientKey(keyID: caller?.clientID, remoteAddress: request.remoteAddress)
    let decision = limiter.acquire(client: client)
    let fields = Fields(
      limit: limitText, remaining: String(decision.remaining), reset: String(decision.resetSeconds))
    guard decision.isAllowed else {
      metrics?.recordRateLimited(route: route)
      throw fields.added(
        to: APIError(
          .tooManyRequests, type: "rate-limited", title: "Too many requests",
          detail: "This client sent more than \(decision.limit) requests at once or more than "
            + "\(Self.format(limiter.policy.ratePerSecond)) per second; retry after "
            + "\(decision.retryAfterSeconds) s.",
          headers: ["Retry-After": String(decision.retryAfterSeconds)]))
    }
    return fields
  }

  /// The bucket a request draws from: its key id when authenticated, else `address:` and
  /// its address without the port. Key ids are 16 hex digits, so the two never collide, and
  /// the common (authenticated) case builds no string.
  static func clientKey(keyID: String?, remoteAddress: String?) -> String {
    if let keyID { return keyID }
    return "address:" + host(of: remoteAddress ?? "unknown")
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
