/// An error that knows its HTTP status and how to render itself as a response.
///
/// Throw one from a handler or middleware to answer with it. The default rendering is an
/// RFC 9457 problem document built from `status` and `problemDetail`; conform and override
/// `response(for:)` to render differently.
public protocol HTTPResponseError: Error {
  /// The status of the response.
  var status: HTTPStatus { get }
  /// A client-safe explanation for the problem document, or nil.
  var problemDetail: String? { get }
  /// Header fields to add to the response (for example `Allow` or `Retry-After`).
  var responseHeaders: HTTPFields { get }
  /// The response answering `request` with this error.
  func response(for request: HTTPRequest) -> HTTPResponse
}

extension HTTPResponseError {
  /// No detail by default.
  public var problemDetail: String? { nil }
  /// No extra headers by default.
  public var responseHeaders: HTTPFields { HTTPFields() }

  /// A problem document with this error's status, detail and headers.
  public func response(for request: HTTPRequest) -> HTTPResponse {
    ProblemDetails(status: status, detail: problemDetail).response(headers: responseHeaders)
  }
}

/// A ready-made `HTTPResponseError`: a status, an optional client-safe detail and headers.
public struct HTTPError: HTTPResponseError, Equatable, Sendable {
  /// The status of the response.
  public var status: HTTPStatus
  /// A client-safe explanation, or nil.
  public var problemDetail: String?
  /// Header fields to add to the response.
  public var responseHeaders: HTTPFields

  /// Creates an error answering with `status`.
  public init(_ status: HTTPStatus, detail: String? = nil, headers: HTTPFields = HTTPFields()) {
    self.status = status
    self.problemDetail = detail
    self.responseHeaders = headers
  }
}

/// Turns any error thrown while answering a request into a response.
///
/// The default renders `HTTPResponseError`s through `response(for:)` and everything else as
/// a 500 problem document that reveals nothing of the error.
public typealias HTTPErrorRenderer = @Sendable (any Error, HTTPRequest) -> HTTPResponse

/// The built-in error renderers.
public enum HTTPErrorRendering {
  /// `HTTPResponseError`s render themselves; any other error becomes an opaque 500.
  public static let `default`: HTTPErrorRenderer = { error, request in
    if let responseError = error as? any HTTPResponseError {
      return responseError.response(for: request)
    }
    return ProblemDetails(status: .internalServerError).response()
  }
}
