import Logging

/// Runs the application's responder for one request off the connection's queue, turns
/// anything it throws into a response, and writes the access-log line.
struct RequestDispatcher: Sendable {
  let responder: any HTTPResponder
  let logger: Logger
  let accessLog: Bool
  let requestIDHeader: String?

  /// The response to `request`; never fails. Unknown errors become an opaque 500.
  func respond(to request: HTTPRequest) async -> HTTPResponse {
    var logger = self.logger
    if let requestIDHeader, let requestID = request.headers[requestIDHeader] {
      logger[metadataKey: "request_id"] = .string(requestID)
    }
    do {
      return try await responder.respond(to: request, context: RequestContext(logger: logger))
    } catch {
      logger.debug("handler failed", metadata: ["error": .string(String(describing: error))])
      return HTTPErrorRendering.default(error, request)
    }
  }

  /// Writes one structured line for an answered request, when enabled and `info` is on.
  func logAccess(_ request: HTTPRequest, response: HTTPResponse, duration: Duration) {
    guard accessLog, logger.logLevel <= .info else { return }
    var metadata: Logger.Metadata = [
      "method": .string(request.method.rawValue),
      "path": .string(request.path),
      "status": .stringConvertible(response.status.code),
      "bytes": .stringConvertible(request.method == .head ? 0 : response.body.count),
      "duration_ms": .string(Self.milliseconds(duration)),
    ]
    if let remoteAddress = request.remoteAddress { metadata["remote"] = .string(remoteAddress) }
    if let requestIDHeader, let requestID = request.headers[requestIDHeader] {
      metadata["request_id"] = .string(requestID)
    }
    logger.info("request", metadata: metadata)
  }

  /// A duration as milliseconds with three decimals.
  static func milliseconds(_ duration: Duration) -> String {
    let microseconds =
      duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    let fraction = String(microseconds % 1000)
    return "\(microseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}
