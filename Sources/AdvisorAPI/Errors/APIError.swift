import Foundation
import HTTPServer

/// An error the API answers with an RFC 9457 problem document: the status, the problem
/// type documented on the docs page, and for validation problems every bad field.
public struct APIError: HTTPResponseError, Sendable {
  /// The problem document (without `instance` and `requestId`, added per request).
  public var problem: ProblemDetails
  /// Extra header fields, e.g. `Allow` or `Retry-After`.
  public var responseHeaders: HTTPFields

  /// The response status.
  public var status: HTTPStatus { HTTPStatus(code: problem.status) }
  /// The problem's detail sentence.
  public var problemDetail: String? { problem.detail }

  /// Creates an error with a problem type slug documented at `/docs#problem-<slug>`.
  public init(
    _ status: HTTPStatus, type slug: String? = nil, title: String? = nil, detail: String?,
    errors: [ProblemDetails.FieldProblem]? = nil, headers: HTTPFields = HTTPFields()
  ) {
    self.problem = ProblemDetails(
      type: slug.map { "/docs#problem-\($0)" } ?? "about:blank",
      title: title ?? status.reasonPhrase, status: status.code, detail: detail, errors: errors)
    self.responseHeaders = headers
  }

  /// The problem document as an `application/problem+json` response for `request`.
  public func response(for request: HTTPRequest) -> HTTPResponse {
    response(instance: request.path, requestID: request.headers[RequestIdentity.headerName])
  }

  /// The problem document as an `application/problem+json` response naming `instance` and
  /// quoting `requestID` (both left out when nil).
  func response(instance: String?, requestID: String?) -> HTTPResponse {
    var document = problem
    document.instance = instance
    document.requestId = requestID
    var headers = responseHeaders
    headers.replace(name: "Content-Type", value: "application/problem+json")
    return HTTPResponse(status: status, headers: headers, body: Self.encode(document))
  }

  private static func encode(_ document: ProblemDetails) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding a struct of strings and numbers cannot fail.
    return Array((try? encoder.encode(document)) ?? Data())
  }
}

extension APIError {
  /// 400: the body is not JSON at all; says where parsing stopped.
  static func malformedJSON(detail: String, line: Int?, column: Int?) -> APIError {
    var error = APIError(
      .badRequest, type: "malformed-json", title: "Malformed JSON", detail: detail)
    error.problem.line = line
    error.problem.column = column
    return error
  }

  /// 422: well-formed JSON that is not a valid document; lists every bad field.
  static func invalid(_ what: String, problems: [ProblemDetails.FieldProblem]) -> APIError {
    APIError(
      .unprocessableContent, type: "validation-failed", title: "Invalid \(what)",
      detail: "\(problems.count) field\(problems.count == 1 ? "" : "s") of the \(what) "
        + "\(problems.count == 1 ? "is" : "are") invalid; see errors.",
      errors: problems)
  }

  /// 400: bad query parameters; lists every bad one.
  static func invalidQuery(_ problems: [ProblemDetails.FieldProblem]) -> APIError {
    APIError(
      .badRequest, type: "invalid-query", title: "Invalid query parameters",
      detail: problems.map(\.detail).joined(separator: " "), errors: problems)
  }

  /// 415: the body is not `application/json`.
  static func unsupportedMediaType(_ received: String?) -> APIError {
    APIError(
      .unsupportedMediaType, type: "unsupported-media-type",
      detail: "Send the body as application/json"
        + (received.map { "; received \($0)." } ?? "; no Content-Type was given."),
      headers: ["Accept-Post": "application/json"])
  }

  /// 406: nothing the client accepts can be produced.
  static func notAcceptable(offered: [String]) -> APIError {
    APIError(
      .notAcceptable, type: "not-acceptable",
      detail: "This resource is available as \(offered.joined(separator: " or ")).")
  }

  /// 404: no such record (or not the caller's: ids leak nothing).
  static func recordNotFound(_ id: String) -> APIError {
    APIError(.notFound, type: "not-found", detail: "No stored recommendation has id \(id).")
  }

  /// 503: storage cannot be reached right now.
  static let storageUnavailable = APIError(
    .serviceUnavailable, type: "storage-unavailable",
    detail: "Storage is unavailable; nothing was stored. Retry later.",
    headers: ["Retry-After": "1"])
}
