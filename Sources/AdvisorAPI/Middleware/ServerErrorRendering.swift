import HTTPServer
import Logging

extension AdvisorAPI {
  /// Renders the errors the HTTP server answers before any route runs (malformed, oversized
  /// or timed-out requests; see `HTTPServerConfiguration.serverErrorRenderer`) like every
  /// other API error: a problem document quoting a fresh request id, with the headers every
  /// response carries; `status` and `detail` are the server's. Each one is logged at `info`
  /// with that id, since no access-log line is written for a request no route saw.
  public static func renderServerError(status: HTTPStatus, detail: String?, logger: Logger)
    -> HTTPResponse
  {
    let requestID = RequestIdentity.resolve(nil)
    var response = APIError(status, detail: detail).response(instance: nil, requestID: requestID)
    ResponseHeadersMiddleware.addCommonHeaders(
      to: &response, requestID: requestID, isDocumentation: false)
    logger.info(
      "request rejected",
      metadata: [
        "status": .stringConvertible(status.code),
        "detail": .string(detail ?? ""),
        "request_id": .string(requestID),
      ])
    return response
  }
}
