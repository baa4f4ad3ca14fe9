import Foundation
import Testing

/// The headers every response carries: security headers, caching policy and the request id.
@Suite struct ResponseHeaderTests {
  private func expectSecurityHeaders(
    _ response: WireResponse, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(response.header("X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
    #expect(response.header("X-Frame-Options") == "DENY", sourceLocation: sourceLocation)
    #expect(response.header("Referrer-Policy") == "no-referrer", sourceLocation: sourceLocation)
    let policy = response.header("Content-Security-Policy") ?? ""
    #expect(policy.contains("default-src 'none'"), sourceLocation: sourceLocation)
    #expect(policy.contains("frame-ancestors 'none'"), sourceLocation: sourceLocation)
  }

  @Test func everyKindOfResponseCarriesTheSecurityHeaders() async throws {
    try await withAPIServer { server in
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "headers"))
      let responses = [
        created,
        try await server.send("GET", try #require(created.header("Location"))),
        try await server.send("GET", "/v1/recommendations"),
        try await server.send("GET", "/v1/options"),
        try await server.send("GET", "/healthz"),
        try await server.send("GET", "/openapi.yaml"),
        try await server.send("GET", "/docs"),
        try await server.send("GET", "/missing"),
        try await server.postJSON("/v1/recommendations", Array("{".utf8)),
      ]
      for response in responses { expectSecurityHeaders(response) }
    }
  }

  /// Requests no route sees (rejected by the HTTP server itself) are answered like any API
  /// error: the security headers, `no-store`, and a request id quoted in the document.
  @Test(arguments: [
    "GET / HTTP/1.1\r\n\r\n",  // no Host
    "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
    "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
  ])
  func errorsTheServerAnswersItselfCarryTheSameHeaders(request: String) async throws {
    try await withAPIServer { server in
      let port = server.port
      let response = try await onOwnThread {
        let client = try SocketHTTPClient(port: port)
        try client.send(Array(request.utf8))
        return try client.readResponse()
      }
      #expect([400, 505].contains(response.status))
      #expect(response.header("Connection") == "close")
      #expect(response.header("Content-Type") == "application/problem+json")
      expectSecurityHeaders(response)
      #expect(response.header("Cache-Control") == "no-store")
      let requestID = try #require(response.header("X-Request-ID"))
      #expect(UUID(uuidString: requestID) != nil)
      #expect(try response.jsonObject()["requestId"] as? String == requestID)
    }
  }

  @Test func apiResponsesAreNotStoredByCachesAndDocumentsAreRevalidated() async throws {
    try await withAPIServer { server in
      let created = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "caching"))
      #expect(created.header("Cache-Control") == "no-store")
      for path in ["/v1/recommendations", "/v1/options", "/v1/pricing", "/healthz", "/nowhere"] {
        #expect(try await server.send("GET", path).header("Cache-Control") == "no-store", "\(path)")
      }
      for path in ["/docs", "/docs/docs.js", "/docs/docs.css", "/openapi.yaml", "/openapi.json"] {
        #expect(try await server.send("GET", path).header("Cache-Control") == "no-cache", "\(path)")
      }
    }
  }

  @Test func theDocsPageGetsAPolicyThatLetsItsOwnScriptRun() async throws {
    try await withAPIServer { server in
      let policy = try #require(
        try await server.send("GET", "/docs").header("Content-Security-Policy"))
      #expect(policy.contains("script-src 'self'"))
      #expect(policy.contains("style-src 'self'"))
      #expect(policy.contains("connect-src 'self'"))
      #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
      let apiPolicy = try await server.send("GET", "/v1/options").header("Content-Security-Policy")
      #expect(apiPolicy?.contains("script-src") == false)
    }
  }

  @Test(arguments: ["trace-42", "Root=1-67891233-abcdef012345678912345678", "a.b_c:d+e=f/g"])
  func aSaneRequestIDIsEchoed(id: String) async throws {
    try await withAPIServer { server in
      let ok = try await server.send("GET", "/healthz", headers: [("X-Request-ID", id)])
      #expect(ok.header("X-Request-ID") == id)
      let failed = try await server.send("GET", "/nowhere", headers: [("X-Request-ID", id)])
      #expect(failed.header("X-Request-ID") == id)
      #expect(try failed.jsonObject()["requestId"] as? String == id)
    }
  }

  @Test(arguments: ["has space", "quote\"d", String(repeating: "x", count: 129), "<script>"])
  func anUnreasonableRequestIDIsReplaced(id: String) async throws {
    try await withAPIServer { server in
      let response = try await server.send("GET", "/nowhere", headers: [("X-Request-ID", id)])
      let generated = try #require(response.header("X-Request-ID"))
      #expect(generated != id)
      #expect(UUID(uuidString: generated) != nil)
      #expect(try response.jsonObject()["requestId"] as? String == generated)
    }
  }

  @Test func aMissingRequestIDIsGeneratedFreshEachTime() async throws {
    try await withAPIServer { server in
      let first = try #require(try await server.send("GET", "/healthz").header("X-Request-ID"))
      let second = try #require(try await server.send("GET", "/healthz").header("X-Request-ID"))
      #expect(UUID(uuidString: first) != nil)
      #expect(first != second)
    }
  }
}
