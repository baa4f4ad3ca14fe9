import HTTPServer
import Logging
import Testing

/// Starts a server on a free loopback port with the given routes, runs the blocking client
/// code `body` with the port on a thread of its own, then shuts the server down.
func withTestServer(
  _ configuration: HTTPServerConfiguration = testConfiguration(),
  routes: (Router) -> Void = defaultRoutes,
  _ body: @escaping @Sendable (Int) throws -> Void
) async throws {
  try await withTestServer(configuration, routes: routes) { _, port in
    try await onOwnThread { try body(port) }
  }
}

/// Starts a server on a free loopback port with the given routes, runs `body` with the
/// server and its port, then shuts the server down and waits for it. Blocking client calls
/// inside `body` must go through `onOwnThread`.
func withTestServer(
  _ configuration: HTTPServerConfiguration = testConfiguration(),
  routes: (Router) -> Void = defaultRoutes,
  _ body: (HTTPServer, Int) async throws -> Void
) async throws {
  let router = Router()
  routes(router)
  var logger = Logger(label: "test")
  logger.logLevel = .warning
  let server = HTTPServer(
    configuration: configuration, responder: router.buildResponder(), logger: logger)
  try server.start()
  let port = try #require(server.port)
  do {
    try await body(server, port)
  } catch {
    await server.shutdown(drainTimeout: .seconds(1))
    throw error
  }
  await server.shutdown(drainTimeout: .seconds(1))
}

/// A configuration for a loopback server on a free port, without access log, adjusted by
/// `adjust`.
func testConfiguration(_ adjust: (inout HTTPServerConfiguration) -> Void = { _ in })
  -> HTTPServerConfiguration
{
  var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
  configuration.accessLog = false
  adjust(&configuration)
  return configuration
}

/// `GET /hello` answers "hello"; `POST /echo` echoes the body; `GET /items/:id` echoes
/// the id; `GET /slow` answers after 300 ms.
func defaultRoutes(_ router: Router) {
  router.get("/hello") { _, _ in .text("hello") }
  router.post("/echo") { request, _ in
    HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
  }
  router.get("/items/:id") { _, context in .text("item \(context.parameters["id"] ?? "?")") }
  router.get("/slow") { _, _ in
    try await Task.sleep(for: .milliseconds(300))
    return .text("slow")
  }
}

/// A minimal GET with a Host header.
func get(_ path: String, extraHeaders: String = "") -> String {
  "GET \(path) HTTP/1.1\r\nHost: test\r\n\(extraHeaders)\r\n"
}
