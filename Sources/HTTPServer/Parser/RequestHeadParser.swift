/// Parses a request head (request line and header section) out of the unconsumed bytes of a
/// connection, in the style of picohttpparser: each call looks at the bytes received so far
/// and answers "incomplete", "complete after N bytes" or "error", keeping only the scan
/// position between calls.
struct RequestHeadParser: Sendable {
  /// What one call found.
  enum Outcome {
    /// More bytes are needed.
    case incomplete
    /// A valid head occupying the first `consumed` bytes.
    case complete(RequestHead, consumed: Int)
    /// The head is invalid; the connection must be answered with an error and closed.
    case failure(HTTPParseError)
  }

  private let limits: ParserLimits
  private var scanner = LineBlockScanner()

  /// Creates a parser enforcing these limits.
  init(limits: ParserLimits) {
    self.limits = limits
  }

  /// Parses `bytes`, which must start with the same bytes as at the previous call (the
  /// caller appends, never removes, until the head is complete).
  mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Outcome {
    // Limits are checked against the bytes examined up to the point the scan stopped, so
    // that the error reported does not depend on how the input was split into reads.
    let scanOutcome = scanner.scan(bytes)
    let examined: Int
    switch scanOutcome {
    case .incomplete: examined = bytes.count
    case .complete(let end): examined = end
    case .invalidLineEnding(let lineFeed): examined = lineFeed
    }
    if let lineEnd = scanner.firstLineEnd, lineEnd <= examined {
      if lineEnd - 2 > limits.maxRequestLineLength { return .failure(.requestLineTooLong) }
      if examined - lineEnd > limits.maxHeaderBytes { return .failure(.headerSectionTooLarge) }
    } else if examined > limits.maxRequestLineLength + 1 {
      return .failure(.requestLineTooLong)
    }
    switch scanOutcome {
    case .invalidLineEnding:
      return .failure(.invalidLineEnding)
    case .incomplete:
      return .incomplete
    case .complete(let end):
      let requestLineEnd = scanner.firstLineEnd!
      switch Self.parseComplete(bytes, requestLineEnd: requestLineEnd, end: end, limits: limits) {
      case .success(let head): return .complete(head, consumed: end)
      case .failure(let error): return .failure(error)
      }
    }
  }

  private static func parseComplete(
    _ bytes: UnsafeRawBufferPointer, requestLineEnd: Int, end: Int, limits: ParserLimits
  ) -> Result<RequestHead, HTTPParseError> {
    let line: RequestLineParser.RequestLine
    switch RequestLineParser.parse(bytes, end: requestLineEnd - 2) {
    case .success(let parsed): line = parsed
    case .failure(let error): return .failure(error)
    }
    let headers: HTTPFields
    switch FieldLineParser.parse(
      bytes, from: requestLineEnd, to: end - 2, maxFields: limits.maxHeaderFields)
    {
    case .success(let fields): headers = fields
    case .failure(let error): return .failure(error)
    }
    return FramingInterpreter.interpret(
      headers, version: line.version, maxBodyBytes: limits.maxBodyBytes
    ).map { interpretation in
      RequestHead(
        method: line.method, target: line.target, version: line.version, headers: headers,
        framing: interpretation.framing, keepAlive: interpretation.keepAlive,
        expectsContinue: interpretation.expectsContinue)
    }
  }
}
