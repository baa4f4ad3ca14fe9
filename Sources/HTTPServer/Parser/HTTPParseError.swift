/// Why a request could not be parsed. Every case ends the connection after its error
/// response, because the message framing can no longer be trusted.
public enum HTTPParseError: Error, Hashable, Sendable {
  /// The request line is longer than the configured limit (414).
  case requestLineTooLong
  /// The header section is larger than the configured limit in bytes (431).
  case headerSectionTooLarge
  /// The header section has more fields than the configured limit (431).
  case tooManyHeaderFields
  /// The declared or received body is larger than the configured limit (413).
  case contentTooLarge
  /// The request line is not `method SP request-target SP HTTP-version` (400).
  case malformedRequestLine
  /// The request-target is not in origin, absolute or asterisk form (400).
  case invalidRequestTarget
  /// The version is well-formed but neither HTTP/1.0 nor HTTP/1.1 (505).
  case unsupportedVersion
  /// A field name is empty or contains a byte that is not a token character (400).
  case invalidFieldName
  /// Whitespace between a field name and its colon (400, RFC 9112 section 5.1).
  case whitespaceBeforeColon
  /// A field line starts with whitespace: obsolete line folding (400).
  case obsoleteLineFolding
  /// A CR not followed by LF, or an LF not preceded by CR (400).
  case invalidLineEnding
  /// A control character inside a field value (400).
  case invalidFieldValue
  /// An HTTP/1.1 request without Host, or any request with more than one (400).
  case invalidHost
  /// Content-Length together with Transfer-Encoding: a smuggling attempt (400).
  case contentLengthWithTransferEncoding
  /// A malformed Content-Length, or several differing ones (400).
  case invalidContentLength
  /// Transfer-Encoding whose final coding is not chunked, chunked twice, or on HTTP/1.0 (400).
  case invalidTransferEncoding
  /// A transfer coding other than chunked (501).
  case unsupportedTransferCoding
  /// A chunk size that is not hexadecimal or overflows (400).
  case invalidChunkSize
  /// Chunk data not followed by CRLF, or a malformed chunk extension (400).
  case invalidChunkFraming
  /// An `Expect` value other than `100-continue` (417).
  case unsupportedExpectation

  /// The status code the server answers with.
  public var status: HTTPStatus {
    switch self {
    case .requestLineTooLong: return .uriTooLong
    case .headerSectionTooLarge, .tooManyHeaderFields: return .requestHeaderFieldsTooLarge
    case .contentTooLarge: return .contentTooLarge
    case .unsupportedVersion: return .httpVersionNotSupported
    case .unsupportedTransferCoding: return .notImplemented
    case .unsupportedExpectation: return .expectationFailed
    default: return .badRequest
    }
  }

  /// A short human-readable explanation for the problem document's `detail`.
  public var detail: String {
    switch self {
    case .requestLineTooLong: return "The request line is longer than the server accepts."
    case .headerSectionTooLarge: return "The header section is larger than the server accepts."
    case .tooManyHeaderFields: return "The request has more header fields than the server accepts."
    case .contentTooLarge: return "The request content is larger than the server accepts."
    case .malformedRequestLine: return "The request line is malformed."
    case .invalidRequestTarget: return "The request target is malformed."
    case .unsupportedVersion: return "Only HTTP/1.0 and HTTP/1.1 are supported."
    case .invalidFieldName: return "A header field name is invalid."
    case .whitespaceBeforeColon: return "Whitespace between a field name and its colon."
    case .obsoleteLineFolding: return "Obsolete line folding is not accepted."
    case .invalidLineEnding: return "Lines must end with CRLF."
    case .invalidFieldValue: return "A header field value contains a control character."
    case .invalidHost: return "The request must carry exactly one Host header field."
    case .contentLengthWithTransferEncoding:
      return "Content-Length and Transfer-Encoding must not both be present."
    case .invalidContentLength: return "The Content-Length is invalid."
    case .invalidTransferEncoding: return "The Transfer-Encoding must end with chunked."
    case .unsupportedTransferCoding: return "Only the chunked transfer coding is supported."
    case .invalidChunkSize: return "A chunk size is invalid."
    case .invalidChunkFraming: return "The chunked framing is invalid."
    case .unsupportedExpectation: return "Only the 100-continue expectation is supported."
    }
  }
}
