import AdvisorAPI
import Foundation
import Testing

/// Rate limiting over real sockets: 429 with `Retry-After`, recovery, exempt probes.
@Suite struct SecurityRateLimitTests {
  let client = TestKey("client", [.recommend, .read])
  let other = TestKey("other", [.read])

  @Test func answers429WithRetryAfterThenRecovers() async throws {
    let clock = ManualClock()
    let limiter = TokenBucketRateLimiter(
      policy: .init(ratePerSecond: 2, burst: 2), now: { clock.now })
    try await SecuredTestServer.run(keys: [client.record, other.record], rateLimiter: limiter) {
      server in
      let first = try await server.send("GET", "/v1/recommendations", token: client.bearer)
      #expect(first.status == 200)
      #expect(first.headers["ratelimit-limit"] == "2")
      #expect(first.headers["ratelimit-remaining"] == "1")
      #expect(first.headers["ratelimit-reset"] != nil)
      _ = try await server.send("GET", "/v1/recommendations", token: client.bearer)
      let refused = try await server.send("GET", "/v1/recommendations", token: client.bearer)
      #expect(refused.status == 429)
      #expect(refused.headers["retry-after"] == "1")
      #expect(refused.headers["ratelimit-remaining"] == "0")
      #expect(refused.json("type") as? String == "/docs#problem-rate-limited")

      // Another key has its own bucket; probes and metrics are never limited.
      #expect(
        try await server.send("GET", "/v1/recommendations", token: other.bearer).status == 200)
      for _ in 0..<5 {
        #expect(try await server.send("GET", "/healthz").status == 200)
        #expect(try await server.send("GET", "/metrics").status == 200)
      }
      let metrics = try await server.send("GET", "/metrics")
      #expect(
        metrics.text.contains("compute_advisor_rate_limited_total{route=\"/v1/recommendations\"} 1")
      )

      clock.advance(0.5)
      let recovered = try await server.send("GET", "/v1/recommendations", token: client.bearer)
      #expect(recovered.status == 200)
    }
  }

  @Test func errorAnswersToAdmittedRequestsCarryTheLimitFields() async throws {
    let limiter = TokenBucketRateLimiter(policy: .init(ratePerSecond: 1, burst: 5))
    try await SecuredTestServer.run(keys: [client.record], rateLimiter: limiter) { server in
      let missing = try await server.send(
        "GET", "/v1/recommendations/00000000-0000-4000-8000-000000000000", token: client.bearer)
      #expect(missing.status == 404)
      #expect(missing.headers["ratelimit-limit"] == "5")
      #expect(missing.headers["ratelimit-remaining"] == "4")
      #expect(missing.headers["ratelimit-reset"] != nil)
    }
  }

  /// Requests without a valid key draw from their address's bucket: guessing keys is
  /// limited, and a valid key from the same address keeps its own bucket.
  @Test func refusedKeysAreLimitedByAddress() async throws {
    let limiter = TokenBucketRateLimiter(policy: .init(ratePerSecond: 0.01, burst: 2))
    try await SecuredTestServer.run(keys: [client.record], rateLimiter: limiter) { server in
      let wrong = "ca_0123456789abcdef_" + String(repeating: "0", count: 64)
      let first = try await server.send("GET", "/v1/recommendations", token: wrong)
      #expect(first.status == 401)
      #expect(first.headers["ratelimit-remaining"] == "1")
      #expect(try await server.send("GET", "/v1/recommendations").status == 401)
      let refused = try await server.send("GET", "/v1/recommendations", token: wrong)
      #expect(refused.status == 429)
      #expect(refused.headers["retry-after"] != nil)
      let valid = try await server.send("GET", "/v1/recommendations", token: client.bearer)
      #expect(valid.status == 200)
      #expect(valid.headers["ratelimit-remaining"] == "1")
    }
  }

  @Test func withoutKeysTheClientAddressIsLimited() async throws {
    let limiter = TokenBucketRateLimiter(policy: .init(ratePerSecond: 0.01, burst: 1))
    try await SecuredTestServer.run(keys: [], keysEnabled: false, rateLimiter: limiter) { server in
      #expect(try await server.send("GET", "/v1/options").status == 200)
      let refused = try await server.send("GET", "/v1/options")
      #expect(refused.status == 429)
      #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 >= 1)
    }
  }
}
