import Testing

@testable import HTTPServer

@Suite("Request parser")
struct RequestParserTests {
  @Test func parsesASimpleGetWithRepeatedHeaders() throws {
    let input =
      "GET /v1/items?a=1&b=x%20y HTTP/1.1\r\nHost: example\r\nAccept: a\r\naccept: b\r\n\r\n"
    let result = parseAll(input.bytes)
    #expect(result.error == nil)
    let request = try #require(result.requests.first).request
    #expect(request.method == .get)
    #expect(request.path == "/v1/items")
    #expect(request.query == "a=1&b=x%20y")
    #expect(request.queryValue("b") == "x y")
    #expect(request.headers.values(for: "ACCEPT") == ["a", "b"])
    #expect(request.headers["host"] == "example")
    #expect(result.requests.first?.keepAlive == true)
  }

  @Test func trimsOptionalWhitespaceAroundValues() throws {
    let result = parseAll("GET / HTTP/1.1\r\nHost:   h \t\r\nX-Empty:\r\n\r\n".bytes)
    let request = try #require(result.requests.first).request
    #expect(request.headers["Host"] == "h")
    #expect(request.headers["x-empty"] == "")
  }

  @Test func parsesAbsoluteFormTargets() throws {
    let result = parseAll(
      "GET http://example.com/a/b?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n".bytes)
    let request = try #require(result.requests.first).request
    #expect(request.path == "/a/b")
    #expect(request.query == "q=1")
  }

  @Test func readsContentLengthBodies() throws {
    let result = parseAll("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello".bytes)
    #expect(try #require(result.requests.first).request.body == "hello".bytes)
  }

  @Test func decodesChunkedBodiesWithExtensionsAndKeepsTrailersApart() throws {
    let input =
      "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "5;name=value\r\nhello\r\n6 ; x\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n"
    let result = parseAll(input.bytes)
    let request = try #require(result.requests.first).request
    #expect(request.body == "hello world".bytes)
    #expect(request.trailers["x-checksum"] == "42")
    #expect(request.headers["x-checksum"] == nil)
  }

  @Test func http10ClosesUnlessKeepAliveIsAsked() {
    #expect(parseAll("GET / HTTP/1.0\r\n\r\n".bytes).requests.first?.keepAlive == false)
    let keepAlive = parseAll("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".bytes)
    #expect(keepAlive.requests.first?.keepAlive == true)
    let close = parseAll("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".bytes)
    #expect(close.requests.first?.keepAlive == false)
  }

  @Test func parsesPipelinedRequestsInOrder() {
    let one = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
    let two = "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok"
    let result = parseAll((one + two + one).bytes)
    #expect(result.requests.map(\.request.path) == ["/1", "/2", "/1"])
  }

  @Test func ignoresEmptyLinesBeforeARequest() {
    #expect(parseAll("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".bytes).requests.count == 1)
  }

  @Test(
    "rejects each malformed request with its error",
    arguments: [
      (
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        HTTPParseError.contentLengthWithTransferEncoding
      ),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        .invalidContentLength
      ),
      ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n",
        .invalidContentLength
      ),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        .invalidTransferEncoding
      ),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        .unsupportedTransferCoding
      ),
      ("GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n", .invalidChunkSize),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n11111111111111111\r\n",
        .invalidChunkSize
      ),
      (
        "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
        .invalidChunkFraming
      ),
      ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .whitespaceBeforeColon),
      ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n", .obsoleteLineFolding),
      ("GET / HTTP/1.1\r\nHost: h\rX: 1\r\n\r\n", .invalidLineEnding),
      ("GET / HTTP/1.1\nHost: h\n\n", .invalidLineEnding),
      ("GET / HTTP/1.1\r\nHost: h\u{01}\r\n\r\n", .invalidFieldValue),
      ("GET / HTTP/1.1\r\nHo\u{01}st: h\r\n\r\n", .invalidFieldName),
      ("GET / HTTP/1.1\r\n\r\n", .invalidHost),
      ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost),
      ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
      ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine),
      ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .malformedRequestLine),
      ("GET example HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget),
      ("GET * HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget),
      ("GET / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\n\r\n", .unsupportedExpectation),
      ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .invalidTransferEncoding),
    ])
  func rejects(input: String, expected: HTTPParseError) {
    #expect(parseAll(input.bytes).error == expected)
  }

  @Test func enforcesTheRequestLineLimitBeforeTheLineEnds() {
    let longTarget = "/" + String(repeating: "a", count: 100)
    #expect(parseAll("GET \(longTarget)".bytes).error == .requestLineTooLong)
  }

  @Test func enforcesTheHeaderByteLimit() {
    let big = "GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "v", count: 300))"
    #expect(parseAll(big.bytes).error == .headerSectionTooLarge)
  }

  @Test func enforcesTheHeaderFieldCountLimit() {
    let fields = (0..<9).map { "X-\($0): v\r\n" }.joined()
    #expect(
      parseAll("GET / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n".bytes).error == .tooManyHeaderFields)
  }

  @Test func enforcesTheBodyLimitFromContentLengthAndWhileChunking() {
    let declared = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n"
    #expect(parseAll(declared.bytes).error == .contentTooLarge)
    let chunks = String(repeating: "32\r\n\(String(repeating: "x", count: 50))\r\n", count: 3)
    let chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)"
    #expect(parseAll(chunked.bytes).error == .contentTooLarge)
  }

  @Test func stopsAtTheFirstErrorAndParsesNothingAfterIt() {
    let input =
      "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/9.9\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n"
    let result = parseAll(input.bytes)
    #expect(result.requests.map(\.request.path) == ["/1"])
    #expect(result.error == .unsupportedVersion)
  }

  @Test func asksForContinueOnlyBeforeTheBodyArrives() {
    var parser = RequestParser(limits: testLimits)
    let head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
      .bytes
    var consumed = 0
    let event = head.withUnsafeBytes { parser.next($0, consumed: &consumed) }
    guard case .continueExpected = event else {
      Issue.record("expected a request for 100 Continue, got \(event)")
      return
    }
    #expect(consumed == head.count)
    let body = "ok".bytes
    let next = body.withUnsafeBytes { parser.next($0, consumed: &consumed) }
    guard case .request(let parsed) = next else {
      Issue.record("expected the request, got \(next)")
      return
    }
    #expect(parsed.request.body == body)
  }

  @Test func everySplitParsesLikeTheWhole() {
    let input =
      "POST /a?b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\n"
      + "GET /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyzGET /c HTTP/1.1\r\n\r\n"
    let whole = parseAll(input.bytes)
    #expect(whole.requests.count == 2)
    for pieceSize in 1..<input.utf8.count {
      let split = parseAll(input.bytes, pieceSize: pieceSize)
      #expect(split.error == whole.error)
      #expect(split.requests.map(\.request.body) == whole.requests.map(\.request.body))
      #expect(split.requests.map(\.request.trailers) == whole.requests.map(\.request.trailers))
    }
  }
}
