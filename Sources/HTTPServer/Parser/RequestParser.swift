/// The incremental HTTP/1.1 request parser a connection drives: it takes the unconsumed
/// bytes of the connection, says how many it consumed, and yields complete requests in
/// order, a request for `100 Continue`, or the error that ends the connection.
///
/// After a failure the parser stays failed: nothing after a malformed request is parsed.
struct RequestParser: Sendable {
  /// A complete request and whether the connection may be kept after answering it.
  struct ParsedRequest: Sendable {
    /// The request, without a remote address (the connection knows it).
    var request: HTTPRequest
    /// Whether the client allows the connection to persist after the response.
    var keepAlive: Bool
    /// Whether the client asked for `100 Continue` before sending the body.
    var expectedContinue: Bool
  }

  /// What one call produced.
  enum Event {
    /// Nothing more can be done until more bytes arrive.
    case needMoreData
    /// The head asked for `100 Continue` and its body has not started arriving: answer it
    /// (or fail) before the client sends the body. Emitted at most once per request.
    case continueExpected
    /// A complete request.
    case request(ParsedRequest)
    /// The request is invalid; answer with this error and close.
    case failure(HTTPParseError)
  }

  private enum State: Sendable {
    case head(RequestHeadParser)
    case fixedLengthBody(RequestHead, body: [UInt8], remaining: Int)
    case chunkedBody(RequestHead, body: [UInt8], decoder: ChunkedBodyDecoder)
    case failed(HTTPParseError)
  }

  private let limits: ParserLimits
  private var state: State

  /// Creates a parser for one connection.
  init(limits: ParserLimits) {
    self.limits = limits
    state = .head(RequestHeadParser(limits: limits))
  }

  /// Whether a request head has been parsed and its body is still arriving.
  var isReadingBody: Bool {
    switch state {
    case .fixedLengthBody, .chunkedBody: return true
    case .head, .failed: return false
    }
  }

  /// Parses from the start of `bytes` and sets `consumed` to how many bytes the caller must
  /// drop from the front of its buffer before the next call.
  mutating func next(_ bytes: UnsafeRawBufferPointer, consumed: inout Int) -> Event {
    consumed = 0
    switch state {
    case .failed(let error):
      return .failure(error)
    case .head(var headParser):
      var skipped = 0
      while bytes.count - skipped >= 2, bytes[skipped] == 0x0D, bytes[skipped + 1] == 0x0A {
        skipped += 2
      }
      let rest = UnsafeRawBufferPointer(rebasing: bytes[skipped...])
      consumed = skipped
      switch headParser.parse(rest) {
      case .incomplete:
        state = .head(headParser)
        return .needMoreData
      case .failure(let error):
        state = .failed(error)
        return .failure(error)
      case .complete(let head, let headLength):
        consumed = skipped + headLength
        return startBody(head, bytesAfterHead: rest.count - headLength)
      }
    case .fixedLengthBody(let head, var body, let remaining):
      let available = min(remaining, bytes.count)
      body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<available]))
      consumed = available
      if available == remaining { return finish(head, body: body, trailers: HTTPFields()) }
      state = .fixedLengthBody(head, body: body, remaining: remaining - available)
      return .needMoreData
    case .chunkedBody(let head, var body, var decoder):
      state = .failed(.invalidChunkFraming)  // drop the body's old copy while decoding
      let outcome = decoder.decode(bytes, into: &body, consumed: &consumed)
      switch outcome {
      case .incomplete:
        state = .chunkedBody(head, body: body, decoder: decoder)
        return .needMoreData
      case .failure(let error):
        state = .failed(error)
        return .failure(error)
      case .complete(let trailers):
        return finish(head, body: body, trailers: trailers)
      }
    }
  }

  private mutating func startBody(_ head: RequestHead, bytesAfterHead: Int) -> Event {
    switch head.framing {
    case .none:
      return finish(head, body: [], trailers: HTTPFields())
    case .contentLength(let length):
      var body: [UInt8] = []
      body.reserveCapacity(min(length, 65_536))
      state = .fixedLengthBody(head, body: body, remaining: length)
    case .chunked:
      state = .chunkedBody(head, body: [], decoder: ChunkedBodyDecoder(limits: limits))
    }
    if head.expectsContinue && bytesAfterHead == 0 { return .continueExpected }
    return .needMoreData
  }

  private mutating func finish(_ head: RequestHead, body: [UInt8], trailers: HTTPFields) -> Event {
    state = .head(RequestHeadParser(limits: limits))
    let request = HTTPRequest(
      method: head.method, target: head.target, version: head.version, headers: head.headers,
      body: body, trailers: trailers)
    return .request(
      ParsedRequest(
        request: request, keepAlive: head.keepAlive, expectedContinue: head.expectsContinue))
  }
}
