/// The size limits the parser enforces, each answered with its own status code.
struct ParserLimits: Sendable, Equatable {
  /// Longest request line, without its CRLF (414 beyond it).
  var maxRequestLineLength: Int
  /// Largest header section in bytes after the request line, CRLFs included (431 beyond it).
  /// Trailer sections are held to the same limit.
  var maxHeaderBytes: Int
  /// Most header fields in one request, and most trailer fields (431 beyond it).
  var maxHeaderFields: Int
  /// Largest request body in bytes, declared or received (413 beyond it).
  var maxBodyBytes: Int
}
