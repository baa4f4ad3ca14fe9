/// An HTTP response: status, header fields and a complete body.
///
/// The server adds `Content-Length`, `Date` and `Connection` itself; a handler that sets
/// `Connection: close` makes the server close the connection after this response.
public struct HTTPResponse: Sendable {
  /// The status.
  public var status: HTTPStatus
  /// The header fields, in the order they will be sent.
  public var headers: HTTPFields
  /// The content; not sent for HEAD requests or statuses without content.
  public var body: [UInt8]

  /// Creates a response.
  public init(status: HTTPStatus = .ok, headers: HTTPFields = HTTPFields(), body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A response carrying `body` with this `Content-Type`.
  public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8]) {
    self.init(status: status, headers: ["Content-Type": contentType], body: body)
  }

  /// A JSON response from already-encoded bytes (`application/json`).
  public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse(status: status, contentType: "application/json", body: body)
  }

  /// A plain-text response (`text/plain; charset=utf-8`).
  public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
  }
}
