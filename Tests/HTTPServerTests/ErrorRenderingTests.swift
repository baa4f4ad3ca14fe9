import Logging
import Testing

@testable import HTTPServer

/// A failure whose description must never reach a client.
private struct DatabaseExploded: Error, CustomStringConvertible {
  var description: String { "password=hunter2 at /srv/db.swift:42" }
}

/// An application error rendering its own problem document.
private struct QuotaExceeded: HTTPResponseError {
  var status: HTTPStatus { .tooManyRequests }
  var responseHeaders: HTTPFields { ["Retry-After": "60"] }
  func response(for request: HTTPRequest) -> HTTPResponse {
    var response = ProblemDetails(
      status: status, detail: "quota exceeded for \(request.path)",
      type: "https://errors.example/quota"
    ).response(headers: responseHeaders)
    response.headers.append(name: "X-Custom", value: "1")
    return response
  }
}

@Suite("Error rendering")
struct ErrorRenderingTests {
  private static func routes(_ router: Router) {
    router.get("/explode") { _, _ in throw DatabaseExploded() }
    router.get("/conflict") { _, _ in throw HTTPError(.conflict, detail: "version \"2\" exists") }
    router.get("/quota") { _, _ in throw QuotaExceeded() }
  }

  @Test func unknownErrorsBecomeAnOpaque500AndTheConnectionStaysUsable() async throws {
    try await withTestServer(routes: Self.routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/explode"))
      let response = try client.readResponse()
      #expect(response.status == 500)
      #expect(response.header("Content-Type") == "application/problem+json")
      #expect(
        response.bodyText
          == #"{"type":"about:blank","title":"Internal Server Error","status":500}"#)
      #expect(!response.bodyText.contains("hunter2"))
      try client.send(get("/conflict"))
      #expect(try client.readResponse().status == 409)
    }
  }

  @Test func httpErrorsRenderTheirStatusAndEscapedDetail() async throws {
    try await withTestServer(routes: Self.routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/conflict"))
      let response = try client.readResponse()
      #expect(response.status == 409)
      #expect(
        response.bodyText
          == #"{"type":"about:blank","title":"Conflict","status":409,"detail":"version \"2\" exists"}"#
      )
    }
  }

  @Test func applicationErrorsRenderThemselves() async throws {
    try await withTestServer(routes: Self.routes) { port in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/quota"))
      let response = try client.readResponse()
      #expect(response.status == 429)
      #expect(response.header("Retry-After") == "60")
      #expect(response.header("X-Custom") == "1")
      #expect(response.bodyText.contains("https://errors.example/quota"))
    }
  }

  @Test func theApplicationCanReplaceTheErrorRenderer() async throws {
    let router = Router()
    router.get("/explode") { _, _ in throw DatabaseExploded() }
    router.errorRenderer = { error, _ in
      let status = (error as? any HTTPResponseError)?.status ?? .serviceUnavailable
      return .json(Array("{\"error\":\(status.code)}".utf8), status: status)
    }
    let responder = router.buildResponder()
    let context = RequestContext(logger: Logger(label: "test"))
    let exploded = try await responder.respond(
      to: HTTPRequest(method: .get, target: "/explode"), context: context)
    #expect(exploded.status == .serviceUnavailable)
    #expect(exploded.body == Array("{\"error\":503}".utf8))
    let missing = try await responder.respond(
      to: HTTPRequest(method: .get, target: "/nothing"), context: context)
    #expect(missing.body == Array("{\"error\":404}".utf8))
  }

  @Test func theApplicationRendersTheErrorsTheServerAnswersItself() async throws {
    let configuration = testConfiguration {
      $0.serverErrorRenderer = { problem in
        var response = problem.response(headers: ["X-Rendered-By": "application"])
        response.headers.append(name: "Connection", value: "keep-alive")  // must not win
        return response
      }
    }
    try await withTestServer(configuration) { port in
      let client = try RawHTTPClient(port: port)
      try client.send("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + get("/hello"))
      let response = try client.readResponse()
      #expect(response.status == 400)
      #expect(response.header("X-Rendered-By") == "application")
      #expect(response.header("Content-Type") == "application/problem+json")
      #expect(response.header("Connection") == "close")
      #expect(try client.isClosedByServer())
    }
  }

  @Test func problemDocumentsEscapeControlCharacters() {
    let problem = ProblemDetails(status: .badRequest, detail: "line\nbreak\u{01}")
    #expect(
      String(decoding: problem.jsonBytes, as: UTF8.self)
        == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"line\nbreak\u0001"}"#
    )
  }
}
