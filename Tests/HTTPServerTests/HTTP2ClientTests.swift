import Foundation
import HTTPServer
import Testing

/// HTTP/2 with real clients (nghttp, curl): the same routes as HTTP/1.1, bodies both ways
/// past the flow-control windows, limits, many streams on one connection, and TLS with ALPN.
/// Serialized, like the TLS suite, to keep client processes from crowding other suites.
@Suite("HTTP/2 with real clients", .serialized)
struct HTTP2ClientTests {
  @Test func nghttpPriorKnowledgeGetsTheRoutes() async throws {
    try await withTestServer { port in
      let outcome = try ExternalTool.run(["nghttp", "-nv", "http://127.0.0.1:\(port)/items/7"])
      #expect(outcome.status == 0, "\(outcome.output)")
      #expect(outcome.output.contains(":status: 200"))
      #expect(outcome.output.contains("content-length: 6"))
      let body = try ExternalTool.run(["nghttp", "http://127.0.0.1:\(port)/items/7"])
      #expect(body.output == "item 7")
    }
  }

  @Test func bodiesLargerThanTheFlowControlWindowsTravelBothWays() async throws {
    let large = String(repeating: "0123456789abcdef", count: 16_384)  // 256 KiB: 4 windows
    let big = HTTPResponse.text(String(repeating: "z", count: 1 << 20))  // 16 windows
    let routes: (Router) -> Void = { router in
      defaultRoutes(router)
      router.get("/big") { _, _ in big }
    }
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 1 << 20 }, routes: routes)
    { port in
      let echo = try ExternalTool.run(
        [
          "curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@-",
          "http://127.0.0.1:\(port)/echo",
        ], input: large)
      #expect(echo.status == 0)
      #expect(echo.output == large)
      let big = try ExternalTool.run([
        "curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w",
        "%{http_version} %{size_download}", "http://127.0.0.1:\(port)/big",
      ])
      #expect(big.output == "2 \(1 << 20)")
    }
  }

  @Test func aBodyOverTheLimitIsAnswered413() async throws {
    try await withTestServer(testConfiguration { $0.limits.maxBodyBytes = 1024 }) { port in
      let outcome = try ExternalTool.run(
        [
          "curl", "-sS", "--http2-prior-knowledge", "-w", " %{http_code}", "--data-binary", "@-",
          "http://127.0.0.1:\(port)/echo",
        ], input: String(repeating: "x", count: 100_000))
      #expect(outcome.output.hasSuffix(" 413"), "\(outcome.output)")
      #expect(outcome.output.contains("\"status\":413"))
    }
  }

  @Test func manyConcurrentStreamsOnOneConnectionAreAllAnswered() async throws {
    try await withTestServer { port in
      let outcome = try ExternalTool.run([
        "nghttp", "-n", "-s", "-m", "150", "http://127.0.0.1:\(port)/slow",
      ])
      #expect(outcome.status == 0, "\(outcome.output)")
      let answered = outcome.output.split(separator: "\n").filter { $0.contains(" 200 ") }
      #expect(answered.count == 150)
    }
  }

  @Test func shutdownSendsGoawayAndFinishesOpenStreams() async throws {
    try await withTestServer { server, port in
      let client = try HTTP2FrameClient(port: port)
      try client.sendHeaders(streamID: 1, HTTP2FrameClient.get("/slow"))
      try await Task.sleep(for: .milliseconds(100))
      async let stopped: Void = server.shutdown(drainTimeout: .seconds(5))
      let frames = try await onOwnThread {
        var frames: [HTTP2FrameClient.Frame] = []
        while let frame = try client.readFrame() { frames.append(frame) }
        return frames
      }
      await stopped
      let goaway = try #require(frames.firstIndex { $0.type == HTTP2FrameClient.FrameType.goaway })
      #expect(frames[goaway].errorCode == 0)
      #expect(
        frames[goaway...].contains {
          $0.type == HTTP2FrameClient.FrameType.data && $0.streamID == 1
            && String(decoding: $0.payload, as: UTF8.self) == "slow"
        })
    }
  }

  @Test func curlAndNghttpOverTLSNegotiateH2() async throws {
    let certificate = try await TestCertificate.make()
    defer { certificate.remove() }
    try await withTestServer(testConfiguration { $0.tls = certificate.configuration }) { port in
      let curl = try ExternalTool.run([
        "curl", "-sS", "-i", "--http2", "--cacert", certificate.certificatePath,
        "https://localhost:\(port)/items/9",
      ])
      #expect(curl.output.hasPrefix("HTTP/2 200"), "\(curl.output)")
      #expect(curl.output.contains("strict-transport-security: max-age=63072000"))
      #expect(curl.output.hasSuffix("item 9"))
      let nghttp = try ExternalTool.run(["nghttp", "-nvy", "https://localhost:\(port)/items/9"])
      #expect(nghttp.status == 0, "\(nghttp.output)")
      #expect(nghttp.output.contains("The negotiated protocol: h2"))
      #expect(nghttp.output.contains(":status: 200"))
    }
  }
}
