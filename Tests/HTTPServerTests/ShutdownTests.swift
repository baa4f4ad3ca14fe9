import Foundation
import HTTPServer
import Logging
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Graceful shutdown over real sockets.
@Suite("Graceful shutdown")
struct ShutdownTests {
  @Test func requestsInFlightFinishIdleConnectionsCloseAndNewOnesAreRefused() async throws {
    let running = ArrivalCounter()
    let routes: (Router) -> Void = { router in
      defaultRoutes(router)
      router.get("/in-flight") { _, _ in
        running.arrive()
        try await Task.sleep(for: .milliseconds(300))
        return .text("finished")
      }
    }
    try await withTestServer(routes: routes) { server, port in
      let idle = try await onOwnThread {
        let client = try RawHTTPClient(port: port)
        try client.send(get("/hello"))
        _ = try client.readResponse()
        return client
      }
      let clients = try await onOwnThread {
        try (0..<5).map { _ in
          let client = try RawHTTPClient(port: port)
          try client.send(get("/in-flight"))
          return client
        }
      }
      await running.waitFor(5)  // the five handlers are running, whatever the machine's load
      let started = ContinuousClock.now
      await server.shutdown(drainTimeout: .seconds(5))
      #expect(ContinuousClock.now - started < .seconds(3))
      let answers = try await onOwnThread {
        try clients.map { client in
          let response = try client.readResponse()
          return (response.status, response.header("Connection"), try client.isClosedByServer())
        }
      }
      for (status, connection, closed) in answers {
        #expect(status == 200)
        #expect(connection == "close")
        #expect(closed)
      }
      #expect(try await onOwnThread { try idle.isClosedByServer() })
      #expect(throws: RawHTTPClient.ClientError.self) { try RawHTTPClient(port: port) }
      #expect(server.connectionCount == 0)
    }
  }

  @Test func theDrainTimeoutBoundsHowLongShutdownWaits() async throws {
    let routes: (Router) -> Void = { router in
      router.get("/hang") { _, _ in
        try? await Task.sleep(for: .seconds(10))
        return .text("too late")
      }
    }
    try await withTestServer(routes: routes) { server, port in
      let client = try await onOwnThread {
        let client = try RawHTTPClient(port: port)
        try client.send(get("/hang"))
        return client
      }
      try await Task.sleep(for: .milliseconds(100))
      let started = ContinuousClock.now
      await server.shutdown(drainTimeout: .milliseconds(300))
      #expect(ContinuousClock.now - started < .seconds(3))
      #expect(try await onOwnThread { try client.isClosedByServer() })
    }
  }

  @Test func runReturnsAfterSIGTERM() async throws {
    let router = Router()
    router.get("/hello") { _, _ in .text("hello") }
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let server = HTTPServer(
      configuration: testConfiguration(), responder: router.buildResponder(), logger: logger)
    server.installSignalHandlers([SIGTERM])
    defer { signal(SIGTERM, SIG_DFL) }
    let running = Task { try await server.run() }
    while server.port == nil { try await Task.sleep(for: .milliseconds(10)) }
    let port = try #require(server.port)
    let client = try await onOwnThread {
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello"))
      _ = try client.readResponse()
      return client
    }
    kill(getpid(), SIGTERM)
    try await running.value
    #expect(try await onOwnThread { try client.isClosedByServer() })
  }
}
