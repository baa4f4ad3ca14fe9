import Foundation
import HTTPServer

/// `GET /openapi.yaml`, `GET /openapi.json`, `GET /docs` and the docs page's own script
/// and style sheet. Everything is read once at start-up.
struct DocumentationRoutes: Sendable {
  let openAPI: OpenAPIDocument
  let page: [UInt8]
  let script: [UInt8]
  let styleSheet: [UInt8]

  init(openAPI: OpenAPIDocument) throws {
    self.openAPI = openAPI
    page = try Self.resource("docs", "html")
    script = try Self.resource("docs", "js")
    styleSheet = try Self.resource("docs", "css")
  }

  func register(on router: Router) {
    router.get("/openapi.yaml") { [openAPI] _, _ in
      Self.cacheable(HTTPResponse(contentType: "application/yaml", body: openAPI.yaml))
    }
    router.get("/openapi.json") { [openAPI] _, _ in
      Self.cacheable(HTTPResponse(contentType: "application/json", body: openAPI.json))
    }
    router.get("/docs") { [page] _, _ in
      Self.cacheable(HTTPResponse(contentType: "text/html; charset=utf-8", body: page))
    }
    router.get("/docs/docs.js") { [script] _, _ in
      Self.cacheable(HTTPResponse(contentType: "text/javascript; charset=utf-8", body: script))
    }
    router.get("/docs/docs.css") { [styleSheet] _, _ in
      Self.cacheable(HTTPResponse(contentType: "text/css; charset=utf-8", body: styleSheet))
    }
  }

  /// Static documents may be cached but must be revalidated, so a deploy shows at once.
  private static func cacheable(_ response: HTTPResponse) -> HTTPResponse {
    var response = response
    response.headers.replace(name: "Cache-Control", value: "no-cache")
    return response
  }

  private static func resource(_ name: String, _ ext: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name).\(ext)"])
    }
    return Array(try Data(contentsOf: url))
  }
}
