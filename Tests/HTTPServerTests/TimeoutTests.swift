import Foundation
import Testing

@testable import HTTPServer

/// Each connection timer, over a real socket, with short timeouts.
@Suite("Timeouts over real sockets")
struct TimeoutTests {
  @Test func slowHeadersAreAnswered408AndClosed() async throws {
    try await withTestServer(testConfiguration { $0.timeouts.header = .milliseconds(300) }) {
      port in
      let client = try RawHTTPClient(port: port)
      let started = Date()
      try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
      Thread.sleep(forTimeInterval: 0.1)
      try client.send("X-Slow: 1\r\n")  // progress does not extend the header deadline
      try expectProblemThenClose(client, status: 408)
      #expect(Date().timeIntervalSince(started) < 3)
    }
  }

  @Test func aConnectionThatNeverSendsIsClosedAtTheHeaderTimeout() async throws {
    try await withTestServer(testConfiguration { $0.timeouts.header = .milliseconds(300) }) {
      port in
      let client = try RawHTTPClient(port: port)
      #expect(try client.isClosedByServer())
    }
  }

  @Test func slowBodiesAreAnswered408AndClosed() async throws {
    try await withTestServer(testConfiguration { $0.timeouts.body = .milliseconds(300) }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
      try expectProblemThenClose(client, status: 408)
    }
  }

  @Test func idleKeepAliveConnectionsAreClosed() async throws {
    try await withTestServer(testConfiguration { $0.timeouts.idle = .milliseconds(300) }) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello"))
      #expect(try client.readResponse().status == 200)
      let started = Date()
      #expect(try client.isClosedByServer())
      #expect(Date().timeIntervalSince(started) < 3)
    }
  }

  @Test func aClientThatStopsReadingIsClosedAtTheWriteStallTimeout() async throws {
    let size = 32 * 1024 * 1024
    let routes: (Router) -> Void = { router in
      router.get("/big") { _, _ in HTTPResponse(body: [UInt8](repeating: 0x61, count: size)) }
    }
    try await withTestServer(
      testConfiguration { $0.timeouts.writeStall = .milliseconds(300) }, routes: routes
    ) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/big"))
      // However long the handler takes on a loaded machine, start the clock only once the
      // server is writing; then read nothing for far longer than the stall timeout.
      #expect(client.waitForUnreadInput(seconds: 20))
      Thread.sleep(forTimeInterval: 1.5)
      let completed = (try? client.readResponse()).map { $0.body.count == size } ?? false
      #expect(!completed, "the whole response arrived: the stalled write was not cut off")
    }
  }
}
