import Foundation
import Testing

/// `Idempotency-Key` on `POST /v1/recommendations`: a retry is a replay, a reused key is
/// rejected, and neither stores a second record.
@Suite struct IdempotencyTests {
  @Test func sameKeyAndBodyReplaysTheStoredAnswer() async throws {
    try await withAPIServer { server in
      let body = ContractExamples.webBackend(named: "idempotent")
      let key = [("Idempotency-Key", "order-7f3a")]
      let first = try await server.postJSON("/v1/recommendations", body, headers: key)
      #expect(first.status == 201)
      #expect(first.header("Idempotent-Replayed") == nil)

      let retry = try await server.postJSON("/v1/recommendations", body, headers: key)
      #expect(retry.status == 201)
      #expect(retry.header("Idempotent-Replayed") == "true")
      #expect(retry.body == first.body)
      #expect(retry.header("Location") == first.header("Location"))
      #expect(retry.header("ETag") == first.header("ETag"))
      #expect(try await server.storedRecordCount() == 1)
    }
  }

  @Test func theSameWorkloadWrittenDifferentlyIsStillAReplay() async throws {
    try await withAPIServer { server in
      let key = [("Idempotency-Key", "respaced")]
      let compact = ContractExamples.webBackend(named: "spacing")
      let spaced = Array(
        String(decoding: compact, as: UTF8.self).replacingOccurrences(of: ",", with: ",\n  ")
          .utf8)
      let first = try await server.postJSON("/v1/recommendations", compact, headers: key)
      let retry = try await server.postJSON("/v1/recommendations", spaced, headers: key)
      #expect(first.status == 201)
      #expect(retry.header("Idempotent-Replayed") == "true")
      #expect(try retry.jsonObject()["id"] as? String == first.jsonObject()["id"] as? String)
    }
  }

  @Test func reusingAKeyForAnotherWorkloadIs422AndStoresNothing() async throws {
    try await withAPIServer { server in
      let key = [("Idempotency-Key", "reused-key")]
      let first = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "first"), headers: key)
      let firstID = try #require(try first.jsonObject()["id"] as? String)

      let other = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "second"), headers: key)
      #expect(other.status == 422)
      #expect(other.header("Content-Type") == "application/problem+json")
      let problem = try other.jsonObject()
      #expect(problem["type"] as? String == "/docs#problem-idempotency-key-reused")
      #expect((problem["detail"] as? String)?.contains(firstID) == true)
      #expect(try await server.storedRecordCount() == 1)
    }
  }

  @Test func keysAreIndependent() async throws {
    try await withAPIServer { server in
      let body = ContractExamples.webBackend(named: "two keys")
      let one = try await server.postJSON(
        "/v1/recommendations", body, headers: [("Idempotency-Key", "key-one")])
      let two = try await server.postJSON(
        "/v1/recommendations", body, headers: [("Idempotency-Key", "key-two")])
      #expect(one.header("Location") != two.header("Location"))
      #expect(try await server.storedRecordCount() == 2)
    }
  }

  @Test(arguments: [String(repeating: "k", count: 256), "has space", "naïve"])
  func anInvalidKeyIs400AndStoresNothing(key: String) async throws {
    try await withAPIServer { server in
      let response = try await server.postJSON(
        "/v1/recommendations", ContractExamples.webBackend(named: "bad key"),
        headers: [("Idempotency-Key", key)])
      #expect(response.status == 400)
      #expect(try response.jsonObject()["type"] as? String == "/docs#problem-invalid-header")
      #expect(try await server.storedRecordCount() == 0)
    }
  }
}
