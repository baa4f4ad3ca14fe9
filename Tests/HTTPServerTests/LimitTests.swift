import Testing

@testable import HTTPServer

/// Each configurable limit, over a real socket.
@Suite("Limits over real sockets")
struct LimitTests {
  @Test func requestLineOverTheLimitIs414() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxRequestLineLength = 100 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: t\r\n\r\n")
      try expectProblemThenClose(client, status: 414)
    }
  }

  @Test func requestLineAtTheLimitIsAccepted() async throws {
    let target = "/items/" + String(repeating: "a", count: 100 - "GET /items/ HTTP/1.1".count)
    try await withTestServer(testConfiguration { $0.limits.maxRequestLineLength = 100 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n")
      #expect(try client.readResponse().status == 200)
    }
  }

  @Test func headerSectionOverTheByteLimitIs431() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxHeaderBytes = 256 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        get("/hello", extraHeaders: "X-Big: \(String(repeating: "b", count: 300))\r\n"))
      try expectProblemThenClose(client, status: 431)
    }
  }

  @Test func headerFieldCountOverTheLimitIs431() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxHeaderFields = 5 }) { port in
      let client = try RawHTTPClient(port: port)
      let fields = (1...5).map { "X-\($0): v\r\n" }.joined()
      try client.send(get("/hello", extraHeaders: fields))
      try expectProblemThenClose(client, status: 431)
    }
  }

  @Test func declaredBodyOverTheLimitIs413BeforeItIsSent() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 10 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\n")
      try expectProblemThenClose(client, status: 413)
    }
  }

  @Test func chunkedBodyGrowingOverTheLimitIs413() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 10 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n")
      try expectProblemThenClose(client, status: 413)
    }
  }

  @Test func requestsPerConnectionAreBounded() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxRequestsPerConnection = 2 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello") + get("/hello") + get("/hello"))
      #expect(try client.readResponse().header("Connection") == nil)
      let second = try client.readResponse()
      #expect(second.status == 200)
      #expect(second.header("Connection") == "close")
      #expect(try client.isClosedByServer())
    }
  }

  @Test func connectionsBeyondTheCapWaitUntilOneCloses() async throws {
    try await withTestServer(testConfiguration { $0.maxConnections = 1 }) { port in
      var first: RawHTTPClient? = try RawHTTPClient(port: port)
      try first?.send(get("/hello"))
      #expect(try first?.readResponse().status == 200)
      let second = try RawHTTPClient(port: port, timeoutSeconds: 1)
      try second.send(get("/hello"))
      #expect(throws: RawHTTPClient.ClientError.self) { try second.readResponse() }
      first = nil  // closes the first connection, freeing the only slot
      // Waiting for the freed slot must not depend on how loaded the machine is.
      second.setReadTimeout(seconds: 10)
      #expect(try second.readResponse().status == 200)
    }
  }
}
