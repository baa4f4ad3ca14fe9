/// An HTTP response status code with its reason phrase (RFC 9110 section 15).
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
  /// The three-digit status code.
  public let code: Int
  /// The reason phrase sent on the status line; informational only.
  public let reasonPhrase: String

  /// Creates a status; `reasonPhrase` defaults to the standard phrase for known codes.
  public init(code: Int, reasonPhrase: String? = nil) {
    precondition((100...999).contains(code), "an HTTP status code has three digits")
    self.code = code
    self.reasonPhrase = reasonPhrase ?? HTTPStatus.standardReasonPhrase(for: code)
  }

  /// Two statuses are equal when their codes are; the phrase is informational.
  public static func == (lhs: HTTPStatus, rhs: HTTPStatus) -> Bool { lhs.code == rhs.code }

  /// Hashes the code only, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  /// The code and phrase, for example `404 Not Found`.
  public var description: String { "\(code) \(reasonPhrase)" }

  /// Whether a response with this status may carry content (RFC 9110 section 6.4.1).
  public var allowsContent: Bool { code >= 200 && code != 204 && code != 304 }

  /// 100 Continue.
  public static let `continue` = HTTPStatus(code: 100)
  /// 200 OK.
  public static let ok = HTTPStatus(code: 200)
  /// 201 Created.
  public static let created = HTTPStatus(code: 201)
  /// 202 Accepted.
  public static let accepted = HTTPStatus(code: 202)
  /// 204 No Content.
  public static let noContent = HTTPStatus(code: 204)
  /// 301 Moved Permanently.
  public static let movedPermanently = HTTPStatus(code: 301)
  /// 302 Found.
  public static let found = HTTPStatus(code: 302)
  /// 304 Not Modified.
  public static let notModified = HTTPStatus(code: 304)
  /// 400 Bad Request.
  public static let badRequest = HTTPStatus(code: 400)
  /// 401 Unauthorized.
  public static let unauthorized = HTTPStatus(code: 401)
  /// 403 Forbidden.
  public static let forbidden = HTTPStatus(code: 403)
  /// 404 Not Found.
  public static let notFound = HTTPStatus(code: 404)
  /// 405 Method Not Allowed.
  public static let methodNotAllowed = HTTPStatus(code: 405)
  /// 406 Not Acceptable.
  public static let notAcceptable = HTTPStatus(code: 406)
  /// 408 Request Timeout.
  public static let requestTimeout = HTTPStatus(code: 408)
  /// 409 Conflict.
  public static let conflict = HTTPStatus(code: 409)
  /// 411 Length Required.
  public static let lengthRequired = HTTPStatus(code: 411)
  /// 413 Content Too Large.
  public static let contentTooLarge = HTTPStatus(code: 413)
  /// 414 URI Too Long.
  public static let uriTooLong = HTTPStatus(code: 414)
  /// 415 Unsupported Media Type.
  public static let unsupportedMediaType = HTTPStatus(code: 415)
  /// 417 Expectation Failed.
  public static let expectationFailed = HTTPStatus(code: 417)
  /// 422 Unprocessable Content.
  public static let unprocessableContent = HTTPStatus(code: 422)
  /// 429 Too Many Requests.
  public static let tooManyRequests = HTTPStatus(code: 429)
  /// 431 Request Header Fields Too Large.
  public static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431)
  /// 500 Internal Server Error.
  public static let internalServerError = HTTPStatus(code: 500)
  /// 501 Not Implemented.
  public static let notImplemented = HTTPStatus(code: 501)
  /// 503 Service Unavailable.
  public static let serviceUnavailable = HTTPStatus(code: 503)
  /// 505 HTTP Version Not Supported.
  public static let httpVersionNotSupported = HTTPStatus(code: 505)

  /// The standard reason phrase for a code, or an empty phrase for unregistered codes.
  static func standardReasonPhrase(for code: Int) -> String {
    switch code {
    case 100: return "Continue"
    case 200: return "OK"
    case 201: return "Created"
    case 202: return "Accepted"
    case 204: return "No Content"
    case 301: return "Moved Permanently"
    case 302: return "Found"
    case 304: return "Not Modified"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 406: return "Not Acceptable"
    case 408: return "Request Timeout"
    case 409: return "Conflict"
    case 411: return "Length Required"
    case 413: return "Content Too Large"
    case 414: return "URI Too Long"
    case 415: return "Unsupported Media Type"
    case 417: return "Expectation Failed"
    case 422: return "Unprocessable Content"
    case 429: return "Too Many Requests"
    case 431: return "Request Header Fields Too Large"
    case 500: return "Internal Server Error"
    case 501: return "Not Implemented"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    case 505: return "HTTP Version Not Supported"
    default: return ""
    }
  }
}
