import HTTPServer
import Logging

/// The outermost middleware: counts and times every request for ``ServiceMetrics`` (by route
/// template, never by raw path) and, when asked, writes one access-log line per request
/// with the request id, key id (never the key), route, status and duration.
struct RequestObservationMiddleware: HTTPMiddleware {
  let metrics: ServiceMetrics?
  let accessLog: Bool

  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    let observation = RequestObservation()
    let start = ContinuousClock.now
    metrics?.requestStarted()
    let response: HTTPResponse
    do {
      response = try await RequestObservation.$current.withValue(observation) {
        try await next(request, context)
      }
    } catch {
      // Inner middleware renders errors; anything reaching here is answered by the router.
      metrics?.requestFinished(
        route: context.route, method: request.method.rawValue, status: 500,
        duration: .now - start)
      throw error
    }
    let duration = ContinuousClock.now - start
    metrics?.requestFinished(
      route: context.route, method: request.method.rawValue, status: response.status.code,
      duration: duration)
    if accessLog, context.logger.logLevel <= .info {
      context.logger.info(
        "request",
        metadata: Self.accessMetadata(
          request, response: response, route: context.route, keyID: observation.keyID,
          duration: duration))
    }
    return response
  }

  /// The access-log fields of one answered request.
  static func accessMetadata(
    _ request: HTTPRequest, response: HTTPResponse, route: String?, keyID: String?,
    duration: Duration
  ) -> Logger.Metadata {
    var metadata = Logger.Metadata(minimumCapacity: 8)  // never rehashed while filled
    metadata["method"] = .string(request.method.rawValue)
    metadata["route"] = .string(route ?? ServiceMetrics.unmatchedRoute)
    metadata["path"] = .string(request.path)
    metadata["status"] = .stringConvertible(response.status.code)
    metadata["duration_ms"] = .stringConvertible(
      Double(duration.components.seconds) * 1_000
        + Double(duration.components.attoseconds) / 1e15)
    if let requestID = response.headers[RequestIdentity.headerName] {
      metadata["request_id"] = .string(requestID)
    }
    if let keyID { metadata["key_id"] = .string(keyID) }
    if let remote = request.remoteAddress { metadata["remote"] = .string(remote) }
    return metadata
  }
}
