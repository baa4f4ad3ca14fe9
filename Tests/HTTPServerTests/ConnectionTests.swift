import Foundation
import Testing

@testable import HTTPServer

/// Connection persistence, HEAD, large writes and handler concurrency, over real sockets.
@Suite("Connections over real sockets")
struct ConnectionTests {
  @Test func http11KeepsTheConnectionByDefault() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      for _ in 0..<3 {
        try client.send(get("/hello"))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == nil)
      }
    }
  }

  @Test func http10ClosesUnlessAskedToKeepAlive() async throws {
    try await withTestServer { port in
      let keepAlive = try RawHTTPClient(port: port)
      try keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
      #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
      try keepAlive.send("GET /hello HTTP/1.0\r\n\r\n")
      let last = try keepAlive.readResponse()
      #expect(last.status == 200)
      #expect(last.header("Connection") == "close")
      #expect(try keepAlive.isClosedByServer())
    }
  }

  @Test func connectionCloseFromTheClientIsHonoured() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello", extraHeaders: "Connection: close\r\n") + get("/hello"))
      #expect(try client.readResponse().header("Connection") == "close")
      #expect(try client.isClosedByServer())
    }
  }

  @Test func connectionCloseFromTheHandlerIsHonoured() async throws {
    let routes: (Router) -> Void = { router in
      router.get("/bye") { _, _ in HTTPResponse(headers: ["Connection": "close"]) }
    }
    try await withTestServer(routes: routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/bye"))
      #expect(try client.readResponse().header("Connection") == "close")
      #expect(try client.isClosedByServer())
    }
  }

  @Test func headAnswersWithTheGetLengthAndNoBody() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n" + get("/items/1"))
      let head = try client.readResponse(forHead: true)
      #expect(head.status == 200)
      #expect(head.header("Content-Length") == "5")
      #expect(try client.readResponse().bodyText == "item 1")  // no stray body in between
    }
  }

  @Test func unknownPathIs404AndTheConnectionStaysOpen() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/nowhere") + "DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
      let missing = try client.readResponse()
      #expect(missing.status == 404)
      #expect(missing.header("Content-Type") == "application/problem+json")
      let wrongMethod = try client.readResponse()
      #expect(wrongMethod.status == 405)
      #expect(wrongMethod.header("Allow") == "GET, HEAD")
      try client.send(get("/hello"))
      #expect(try client.readResponse().status == 200)
    }
  }

  @Test func largeBodiesArriveIntactInBothDirections() async throws {
    let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 4_000_000 }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(
        Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
      )
      let response = try client.readResponse()
      #expect(response.body == body)
    }
  }

  @Test func theRemoteAddressReachesTheHandler() async throws {
    let routes: (Router) -> Void = { router in
      router.get("/peer") { request, _ in .text(request.remoteAddress ?? "unknown") }
    }
    try await withTestServer(routes: routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/peer"))
      #expect(try client.readResponse().bodyText.hasPrefix("127.0.0.1:"))
    }
  }

  /// With one event loop both connections share it, so this also shows that a handler
  /// awaiting something frees its event loop.
  @Test(arguments: [HTTPServerConfiguration.HandlerExecution.eventLoop, .globalExecutor])
  func aWaitingHandlerDoesNotDelayOtherConnections(
    _ execution: HTTPServerConfiguration.HandlerExecution
  ) async throws {
    let configuration = testConfiguration {
      $0.eventLoopCount = 1
      $0.handlerExecution = execution
    }
    let gate = Gate()
    let routes: (Router) -> Void = { router in
      router.get("/blocked") { _, _ in
        await gate.wait()
        return .text("released")
      }
      router.get("/hello") { _, _ in .text("hello") }
    }
    try await withTestServer(configuration, routes: routes) { port in
      let blocked = try RawHTTPClient(port: port)
      try blocked.send(get("/blocked"))
      let other = try RawHTTPClient(port: port)
      try other.send(get("/hello"))
      #expect(try other.readResponse().bodyText == "hello")  // while /blocked still waits
      gate.open()
      #expect(try blocked.readResponse().bodyText == "released")
    }
  }

  @Test func aClientClosingItsSideStillGetsItsAnswer() async throws {
    try await withTestServer { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/slow"))
      client.shutdownWrite()
      let response = try client.readResponse()
      #expect(response.bodyText == "slow")
      #expect(response.header("Connection") == "close")
      #expect(try client.isClosedByServer())
    }
  }
}
