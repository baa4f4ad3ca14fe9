import Logging
import Testing

@testable import HTTPServer

/// The router called directly, without sockets.
@Suite("Router")
struct RouterTests {
  private let context = RequestContext(logger: Logger(label: "test"))

  private func respond(_ responder: RouterResponder, _ method: HTTPMethod, _ target: String)
    async throws -> HTTPResponse
  {
    try await responder.respond(
      to: HTTPRequest(method: method, target: target, headers: ["Host": "t"]), context: context)
  }

  private func text(_ response: HTTPResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
  }

  @Test func literalSegmentsWinOverCapturesAndCapturesOverWildcards() async throws {
    let router = Router()
    router.get("/items/special") { _, _ in .text("literal") }
    router.get("/items/:id") { _, context in .text("capture \(context.parameters["id"]!)") }
    router.get("/items/*/x") { _, _ in .text("wildcard") }
    router.get("/files/**") { _, context in .text("rest \(context.parameters["**"]!)") }
    let responder = router.buildResponder()
    #expect(text(try await respond(responder, .get, "/items/special")) == "literal")
    #expect(text(try await respond(responder, .get, "/items/42")) == "capture 42")
    #expect(text(try await respond(responder, .get, "/items/42/x")) == "wildcard")
    #expect(text(try await respond(responder, .get, "/files/a/b.txt")) == "rest a/b.txt")
  }

  @Test func parametersArePercentDecodedAndTheRouteIsRecorded() async throws {
    let router = Router()
    router.get("/v1/recommendations/:id") { _, context in
      .text("\(context.route!) \(context.parameters["id"]!) \(context.parameters.raw("id")!)")
    }
    let response = try await respond(router.buildResponder(), .get, "/v1/recommendations/a%20b")
    #expect(text(response) == "/v1/recommendations/:id a b a%20b")
  }

  @Test func unknownPathsAre404ProblemDocuments() async throws {
    let router = Router()
    router.get("/known") { _, _ in .text("ok") }
    let response = try await respond(router.buildResponder(), .get, "/unknown")
    #expect(response.status == .notFound)
    #expect(response.headers["Content-Type"] == "application/problem+json")
  }

  @Test func knownPathsWithAnotherMethodAre405WithAllow() async throws {
    let router = Router()
    router.get("/thing") { _, _ in .text("ok") }
    router.delete("/thing") { _, _ in HTTPResponse(status: .noContent) }
    let response = try await respond(router.buildResponder(), .post, "/thing")
    #expect(response.status == .methodNotAllowed)
    #expect(response.headers["Allow"] == "DELETE, GET, HEAD")
  }

  @Test func headIsServedByTheGetHandler() async throws {
    let router = Router()
    router.get("/thing") { request, _ in .text("method \(request.method)") }
    #expect(text(try await respond(router.buildResponder(), .head, "/thing")) == "method HEAD")
  }

  @Test func middlewareRunsInOrderAroundHandlers() async throws {
    let router = Router()
    router.add { request, context, next in
      var response = try await next(request, context)
      response.headers.append(name: "X-Order", value: "outer")
      return response
    }
    router.add { request, context, next in
      var response = try await next(request, context)
      response.headers.append(name: "X-Order", value: "inner")
      response.headers.append(name: "X-Route", value: context.route ?? "none")
      return response
    }
    router.get("/a/:x") { _, _ in .text("a") }
    let found = try await respond(router.buildResponder(), .get, "/a/1")
    #expect(found.headers.values(for: "X-Order") == ["inner", "outer"])
    #expect(found.headers["X-Route"] == "/a/:x")
  }

  @Test func middlewareSeesTheRouters404And405AsThrownErrors() async throws {
    let router = Router()
    router.add { request, context, next in
      do {
        return try await next(request, context)
      } catch let error as HTTPError {
        return .text("middleware saw \(error.status.code)", status: error.status)
      }
    }
    router.get("/a") { _, _ in .text("a") }
    let responder = router.buildResponder()
    #expect(text(try await respond(responder, .get, "/b")) == "middleware saw 404")
    #expect(text(try await respond(responder, .post, "/a")) == "middleware saw 405")
  }

  @Test func middlewareCanAnswerWithoutCallingNext() async throws {
    let router = Router()
    router.add { request, context, next in
      guard request.headers["Authorization"] != nil else { throw HTTPError(.unauthorized) }
      return try await next(request, context)
    }
    router.get("/private") { _, _ in .text("secret") }
    let response = try await respond(router.buildResponder(), .get, "/private")
    #expect(response.status == .unauthorized)
  }

  @Test func theRouterIsFrozenWhenBuilt() async throws {
    let router = Router()
    router.get("/a") { _, _ in .text("a") }
    let responder = router.buildResponder()
    router.get("/b") { _, _ in .text("b") }
    #expect(try await respond(responder, .get, "/b").status == .notFound)
  }
}
