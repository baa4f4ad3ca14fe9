/// An RFC 9457 problem document: `{"type","title","status","detail"}` served as
/// `application/problem+json`.
public struct ProblemDetails: Sendable, Equatable {
  /// The media type of problem documents.
  public static let mediaType = "application/problem+json"

  /// A URI reference identifying the problem type; `about:blank` means "see the status".
  public var type: String
  /// A short summary of the problem type; by default the status's reason phrase.
  public var title: String
  /// The status code.
  public var status: HTTPStatus
  /// An explanation of this occurrence, safe to show a client, or nil.
  public var detail: String?

  /// Creates a problem document.
  public init(
    status: HTTPStatus, detail: String? = nil, type: String = "about:blank", title: String? = nil
  ) {
    self.type = type
    self.title = title ?? status.reasonPhrase
    self.status = status
    self.detail = detail
  }

  /// The document as JSON bytes.
  public var jsonBytes: [UInt8] {
    var json =
      "{\"type\":\(Self.quoted(type)),\"title\":\(Self.quoted(title)),\"status\":\(status.code)"
    if let detail { json += ",\"detail\":\(Self.quoted(detail))" }
    json += "}"
    return Array(json.utf8)
  }

  /// The document as a response with the problem media type.
  public func response(headers: HTTPFields = HTTPFields()) -> HTTPResponse {
    var fields = headers
    fields.replace(name: "Content-Type", value: Self.mediaType)
    return HTTPResponse(status: status, headers: fields, body: jsonBytes)
  }

  /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
