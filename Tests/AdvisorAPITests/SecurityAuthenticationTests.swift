import AdvisorAPI
import Foundation
import Testing

/// API keys over real sockets: 401 and 403, open routes, revocation without a restart.
@Suite struct SecurityAuthenticationTests {
  let writer = TestKey("writer", [.recommend, .read])
  let reader = TestKey("reader", [.read])

  @Test func noKeyIsUnauthorizedWithABearerChallenge() async throws {
    try await SecuredTestServer.run(keys: [writer.record]) { server in
      for (method, target) in [
        ("GET", "/v1/recommendations"), ("POST", "/v1/comparisons"), ("GET", "/v1/options"),
        ("GET", "/v1/no-such-route"),
      ] {
        let response = try await server.send(method, target)
        #expect(response.status == 401, "\(method) \(target)")
        #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(response.headers["content-type"] == "application/problem+json")
      }
      let posted = try await server.recommend(token: nil)
      #expect(posted.status == 401)
    }
  }

  @Test func wrongOrMalformedKeysAreUnauthorized() async throws {
    try await SecuredTestServer.run(keys: [writer.record]) { server in
      var tampered = Array(writer.bearer)
      tampered[tampered.count - 1] = tampered.last == "a" ? "b" : "a"
      for token in [APIKeyToken.generate().text, String(tampered), "secret", writer.token.keyID] {
        let response = try await server.send("GET", "/v1/recommendations", token: token)
        #expect(response.status == 401)
        #expect(response.headers["www-authenticate"]?.contains("invalid_token") == true)
      }
      let basic = try await server.send(
        "GET", "/v1/recommendations", headers: [("Authorization", "Basic \(writer.bearer)")])
      #expect(basic.status == 401)
      let good = try await server.send("GET", "/v1/recommendations", token: writer.bearer)
      #expect(good.status == 200)
    }
  }

  @Test func aReadOnlyKeyCannotPostButCanRead() async throws {
    try await SecuredTestServer.run(keys: [reader.record]) { server in
      let posted = try await server.recommend(token: reader.bearer)
      #expect(posted.status == 403)
      #expect(posted.json("type") as? String == "/docs#problem-insufficient-scope")
      let compared = try await server.send(
        "POST", "/v1/comparisons", token: reader.bearer, body: Array("{}".utf8))
      #expect(compared.status == 403)
      #expect(
        try await server.send("GET", "/v1/recommendations", token: reader.bearer).status == 200)
      #expect(try await server.send("GET", "/v1/pricing", token: reader.bearer).status == 200)
    }
  }

  @Test func probesMetricsAndDocumentationNeedNoKey() async throws {
    try await SecuredTestServer.run(keys: [writer.record]) { server in
      for target in ["/healthz", "/readyz", "/metrics", "/docs", "/openapi.yaml", "/openapi.json"] {
        let response = try await server.send("GET", target)
        #expect(response.status == 200, "\(target)")
      }
    }
  }

  @Test func aRevokedKeyStopsWorkingWithoutARestart() async throws {
    try await SecuredTestServer.run(keys: [writer.record, reader.record]) { server in
      #expect(try await server.recommend(token: writer.bearer).status == 201)
      var document = try APIKeysDocument.load(from: server.keysFile)
      let index = try #require(document.keys.firstIndex { $0.id == writer.token.keyID })
      document.keys[index].revoked = Date()
      try document.save(to: server.keysFile)
      let afterRevocation = try await server.recommend(token: writer.bearer)
      #expect(afterRevocation.status == 401)
      #expect(
        try await server.send("GET", "/v1/recommendations", token: reader.bearer).status == 200)
    }
  }

  @Test func withKeysOffEverythingIsOpenAndShared() async throws {
    try await SecuredTestServer.run(keys: [], keysEnabled: false) { server in
      let created = try await server.recommend(token: nil)
      #expect(created.status == 201)
      let id = try #require(created.json("id") as? String)
      #expect(try await server.send("GET", "/v1/recommendations/\(id)").status == 200)
    }
  }
}
