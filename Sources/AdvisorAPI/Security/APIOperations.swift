/// How the API is protected and observed: API keys, rate limiting, metrics and access
/// logging. Every part is optional; the default (all off) is the local, single-user setup.
public struct APIOperations: Sendable {
  /// The API keys; nil answers every request as the anonymous client.
  public var keyRing: APIKeyRing?
  /// The per-client limit; nil means unlimited.
  public var rateLimiter: TokenBucketRateLimiter?
  /// Where request, store and limiter metrics go; nil records none.
  public var metrics: ServiceMetrics?
  /// Whether `GET /metrics` is served by the API's own router (false when a separate
  /// metrics port serves it; see ``AdvisorAPI/buildMetricsResponder()``).
  public var servesMetricsRoute: Bool
  /// Whether to log one line per answered request (route, status, duration, key id).
  public var accessLog: Bool

  /// Creates the settings; everything off by default.
  public init(
    keyRing: APIKeyRing? = nil, rateLimiter: TokenBucketRateLimiter? = nil,
    metrics: ServiceMetrics? = nil, servesMetricsRoute: Bool = true, accessLog: Bool = false
  ) {
    self.keyRing = keyRing
    self.rateLimiter = rateLimiter
    self.metrics = metrics
    self.servesMetricsRoute = servesMetricsRoute
    self.accessLog = accessLog
  }
}
