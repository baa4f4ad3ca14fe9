import AdvisorAPI
import Foundation
import Testing

/// `/metrics` over real sockets: the exposition lists every family and the counters move.
@Suite struct SecurityMetricsTests {
  let client = TestKey("client", [.recommend, .read])

  /// The value of the sample line starting with `series` (name and labels exactly).
  private func sample(_ series: String, in text: String) -> Double? {
    text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
      .flatMap { Double($0.split(separator: " ").last ?? "") }
  }

  @Test func countersMoveAsRequestsAreMade() async throws {
    try await SecuredTestServer.run(keys: [client.record]) { server in
      let recommendations =
        #"http_requests_total{route="/v1/recommendations",method="POST",status="201"}"#
      let before = try await server.send("GET", "/metrics")
      #expect(before.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
      #expect(sample(recommendations, in: before.text) == nil)

      for _ in 0..<3 { _ = try await server.recommend(token: client.bearer) }
      _ = try await server.send("GET", "/v1/recommendations")
      let after = try await server.send("GET", "/metrics").text

      #expect(sample(recommendations, in: after) == 3)
      #expect(
        sample(#"compute_advisor_authentication_failures_total{reason="missing"}"#, in: after) == 1)
      let evaluations = after.split(separator: "\n").filter {
        $0.hasPrefix("compute_advisor_evaluations_total{option=")
      }
      #expect(
        evaluations.compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +) == 3)
      #expect(after.contains("# TYPE http_request_duration_seconds histogram"))
      #expect(
        after.contains(
          #"compute_advisor_store_operation_duration_seconds_count{operation="insert"} 3"#))
      #expect(sample("http_requests_in_flight", in: after) == 1, "the scrape itself is in flight")
      #expect((sample("http_open_connections", in: after) ?? 0) >= 1)
    }
  }
}
