import Testing

@testable import HTTPServer

/// Every parsing rule of the design note, over a real socket: the status, a problem
/// document, `Connection: close`, then the connection closed.
@Suite("Protocol rules over real sockets")
struct ProtocolRuleTests {
  @Test(
    "malformed requests are answered with their status and the connection closed",
    arguments: [
      (
        "CL+TE",
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        400
      ),
      (
        "differing CL",
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400
      ),
      ("malformed CL", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3x\r\n\r\n", 400),
      (
        "TE not ending in chunked",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400
      ),
      (
        "bad chunk size",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", 400
      ),
      (
        "chunk size overflow",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
        400
      ),
      ("whitespace before colon", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A : 1\r\n\r\n", 400),
      ("obs-fold", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n 2\r\n\r\n", 400),
      ("CR without LF", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: 1\r2\r\n\r\n", 400),
      ("LF without CR", "GET /hello HTTP/1.1\r\nHost: t\nX-A: 1\r\n\r\n", 400),
      (
        "control character in value", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: a\u{07}b\r\n\r\n", 400
      ),
      ("control character in name", "GET /hello HTTP/1.1\r\nHost: t\r\nX\u{07}A: 1\r\n\r\n", 400),
      ("missing Host", "GET /hello HTTP/1.1\r\n\r\n", 400),
      ("two Hosts", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
      ("malformed request line", "GET /hello  HTTP/1.1\r\nHost: t\r\n\r\n", 400),
      (
        "unknown transfer coding",
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: br, chunked\r\n\r\n", 501
      ),
      ("HTTP/2.0 version", "GET /hello HTTP/2.0\r\nHost: t\r\n\r\n", 505),
      ("HTTP/1.2 version", "GET /hello HTTP/1.2\r\nHost: t\r\n\r\n", 505),
      (
        "unknown expectation",
        "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", 417
      ),
    ])
  func malformedRequestIsRejected(name: String, request: String, status: Int) async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(request)
      try expectProblemThenClose(client, status: status)
    }
  }

  @Test func smugglingAttemptFollowedByAGetGetsExactlyOne400ThenClose() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "0\r\n\r\n" + get("/hello"))
      try expectProblemThenClose(client, status: 400)
    }
  }

  @Test func malformedRequestBetweenTwoGoodOnesStopsProcessing() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello") + "GET /hello HTTP/1.1\r\nHost : t\r\n\r\n" + get("/hello"))
      #expect(try client.readResponse().status == 200)
      try expectProblemThenClose(client, status: 400)
    }
  }

  @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      let post = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody"
      try client.send(get("/slow") + post + get("/items/7") + get("/hello"))
      #expect(try client.readResponse().bodyText == "slow")
      #expect(try client.readResponse().bodyText == "body")
      #expect(try client.readResponse().bodyText == "item 7")
      #expect(try client.readResponse().bodyText == "hello")
    }
  }

  @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
      #expect(try client.readResponse().status == 100)
      try client.send("hello")
      let response = try client.readResponse()
      #expect(response.status == 200)
      #expect(response.bodyText == "hello")
    }
  }

  @Test func expectContinueWithATooLargeBodyIsRefusedWith413() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 10 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
      try expectProblemThenClose(client, status: 413)
    }
  }

  @Test func chunkedBodiesAreDecodedWithExtensionsIgnored() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4;ext=1\r\nwiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n")
      #expect(try client.readResponse().bodyText == "wikipedia")
      try client.send(get("/hello"))
      #expect(try client.readResponse().bodyText == "hello")
    }
  }

  @Test func absoluteFormTargetsAreRouted() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send("GET http://example.com/items/9?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
      #expect(try client.readResponse().bodyText == "item 9")
    }
  }

  @Test func repeatedHeadersReachTheHandlerAsAList() async throws {
    let routes: (Router) -> Void = { router in
      router.get("/accept") { request, _ in
        .text(request.headers.values(for: "accept").joined(separator: "|"))
      }
    }
    try await withTestServer(routes: routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/accept", extraHeaders: "Accept: a\r\nACCEPT: b\r\naccept: c\r\n"))
      #expect(try client.readResponse().bodyText == "a|b|c")
    }
  }
}
