import HTTPServer
import Testing

/// Binding, the observable port and repeated lifecycle calls.
@Suite("Server lifecycle")
struct ServerLifecycleTests {
  @Test func portZeroBindsAFreePortThatIsReported() async throws {
    let server = HTTPServer(
      configuration: testConfiguration(), responder: ClosureResponder { _, _ in .text("ok") })
    #expect(server.port == nil)
    try server.start()
    let port = try #require(server.port)
    #expect(port > 0)
    try await onOwnThread {
      let client = try RawHTTPClient(port: port)
      try client.send(get("/anything"))
      #expect(try client.readResponse().bodyText == "ok")
    }
    await server.shutdown()
    await server.shutdown()  // a second shutdown returns at once
    try await server.run()  // so does run() after shutdown
  }

  @Test func bindingAPortInUseThrowsASocketError() async throws {
    let first = HTTPServer(
      configuration: testConfiguration(), responder: ClosureResponder { _, _ in .text("1") })
    try first.start()
    let port = try #require(first.port)
    let second = HTTPServer(
      configuration: testConfiguration { $0.port = port },
      responder: ClosureResponder { _, _ in .text("2") })
    #expect(throws: SocketError.self) { try second.start() }
    await first.shutdown()
    await second.shutdown()
  }
}
