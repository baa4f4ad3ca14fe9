import AdvisorAPI
import Foundation
import Testing

/// Per-client history over real sockets: a client sees only its own queries, another's id
/// is a 404, idempotency keys are per client, and an admin sees everything.
@Suite struct SecurityHistoryScopeTests {
  let clientA = TestKey("client-a", [.recommend, .read])
  let clientB = TestKey("client-b", [.recommend, .read])
  let admin = TestKey("operator", [.admin])

  private func listedIDs(_ server: SecuredTestServer, token: String) async throws -> Set<String> {
    let listed = try await server.send("GET", "/v1/recommendations?limit=100", token: token)
    #expect(listed.status == 200)
    let items = listed.json("items") as? [[String: Any]] ?? []
    return Set(items.compactMap { $0["id"] as? String })
  }

  @Test func clientsSeeOnlyTheirOwnQueriesAndAdminsSeeAll() async throws {
    try await SecuredTestServer.run(keys: [clientA.record, clientB.record, admin.record]) {
      server in
      let fromA = try await server.recommend(token: clientA.bearer)
      let fromB = try await server.recommend(token: clientB.bearer)
      let idA = try #require(fromA.json("id") as? String)
      let idB = try #require(fromB.json("id") as? String)

      #expect(try await listedIDs(server, token: clientA.bearer) == [idA])
      #expect(try await listedIDs(server, token: clientB.bearer) == [idB])
      #expect(try await listedIDs(server, token: admin.bearer) == [idA, idB])

      let path = "/v1/recommendations/\(idA)"
      let getByB = try await server.send("GET", path, token: clientB.bearer)
      #expect(getByB.status == 404)
      let deleteByB = try await server.send("DELETE", path, token: clientB.bearer)
      #expect(deleteByB.status == 404)
      #expect(try await server.send("GET", path, token: clientA.bearer).status == 200)
      #expect(try await server.send("GET", path, token: admin.bearer).status == 200)
      #expect(try await server.send("DELETE", path, token: admin.bearer).status == 204)
      #expect(try await server.send("GET", path, token: clientA.bearer).status == 404)
    }
  }

  @Test func anotherClientCannotReplayAnIdempotencyKey() async throws {
    try await SecuredTestServer.run(keys: [clientA.record, clientB.record]) { server in
      let first = try await server.recommend(token: clientA.bearer, idempotencyKey: "order-1")
      #expect(first.status == 201)
      let replayByA = try await server.recommend(token: clientA.bearer, idempotencyKey: "order-1")
      #expect(replayByA.headers["idempotent-replayed"] == "true")
      #expect(replayByA.json("id") as? String == first.json("id") as? String)

      let sameKeyByB = try await server.recommend(token: clientB.bearer, idempotencyKey: "order-1")
      #expect(sameKeyByB.status == 201)
      #expect(sameKeyByB.headers["idempotent-replayed"] == nil)
      #expect(sameKeyByB.json("id") as? String != first.json("id") as? String)
    }
  }
}
