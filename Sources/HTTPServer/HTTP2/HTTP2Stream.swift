/// One HTTP/2 stream as the server sees it: the request being received (pseudo-headers,
/// fields, body, limits), then the response body being sent.
final class HTTP2Stream {
  /// `:method`.
  var method: String?
  /// `:path`.
  var path: String?
  /// `:authority`, given to handlers as `Host` when the request has none.
  var authority: String?
  /// The regular header fields, in order.
  var headers = HTTPFields()
  /// Bytes of the header block so far, counted as SETTINGS_MAX_HEADER_LIST_SIZE does.
  var headerListSize = 0
  /// The request body received so far.
  var body: [UInt8] = []
  /// Set when the request broke a limit: the stream is answered with this status instead of
  /// reaching a handler, and later input is dropped.
  var rejection: ProblemDetails?
  /// Whether the request went to a handler or was answered already.
  var answered = false
  /// The response body and how much of it nghttp2 has taken.
  var responseBody: [UInt8] = []
  var responseBodySent = 0

  /// The request to hand to the router, or nil when a required pseudo-header is missing
  /// (nghttp2's messaging checks reject those before this point).
  func request(remoteAddress: String?) -> HTTPRequest? {
    guard let method, let path else { return nil }
    var fields = headers
    if let authority, !fields.contains("host") { fields.append(name: "host", value: authority) }
    return HTTPRequest(
      method: HTTPMethod(rawValue: method), target: path, version: .http2, headers: fields,
      body: body, remoteAddress: remoteAddress)
  }
}
