import HTTPServer
import Logging

/// Runs around every request: gives it a request id, renders anything thrown below as a
/// problem document, and adds the headers every response carries (security headers,
/// caching policy, the request id).
struct ResponseHeadersMiddleware: HTTPMiddleware {
  /// The policy for the docs page: its own script, style and images only.
  static let documentationPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  /// The policy for everything else: nothing may be loaded or framed.
  static let apiPolicy = "default-src 'none'; frame-ancestors 'none'"

  func handle(
    _ request: HTTPRequest, context: RequestContext,
    next: (HTTPRequest, RequestContext) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    var request = request
    let requestID = RequestIdentity.resolve(request.headers[RequestIdentity.headerName])
    request.headers.replace(name: RequestIdentity.headerName, value: requestID)
    var context = context
    context.logger[metadataKey: "request_id"] = .string(requestID)

    var response: HTTPResponse
    do {
      response = try await next(request, context)
    } catch {
      response = Self.render(error, for: request, logger: context.logger)
    }
    let isDocumentation = request.path == "/docs" || request.path.hasPrefix("/docs/")
    Self.addCommonHeaders(to: &response, requestID: requestID, isDocumentation: isDocumentation)
    return response
  }

  /// Adds the headers every response carries: the request id, the security headers, the
  /// content security policy (the docs page's own or the API's), and `no-store` unless the
  /// response chose its caching policy.
  static func addCommonHeaders(
    to response: inout HTTPResponse, requestID: String, isDocumentation: Bool
  ) {
    response.headers.replace([
      RequestIdentity.headerName: requestID,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Content-Security-Policy": isDocumentation ? Self.documentationPolicy : Self.apiPolicy,
    ])
    if !response.headers.contains("Cache-Control") {
      response.headers.append(name: "Cache-Control", value: "no-store")
    }
  }

  /// The problem response for anything a handler or the router threw. Errors that know
  /// their status keep it; anything else is a 500 that reveals nothing but the request id.
  static func render(_ error: any Error, for request: HTTPRequest, logger: Logger) -> HTTPResponse {
    switch error {
    case let apiError as APIError:
      return apiError.response(for: request)
    case let httpError as any HTTPResponseError:
      let apiError = APIError(
        httpError.status, detail: httpError.problemDetail, headers: httpError.responseHeaders)
      return apiError.response(for: request)
    default:
      logger.error("unhandled error", metadata: ["error": .string(String(describing: error))])
      return APIError(
        .internalServerError, detail: "The service failed to answer; quote the request id."
      ).response(for: request)
    }
  }
}
