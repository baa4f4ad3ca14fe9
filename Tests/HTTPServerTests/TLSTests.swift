import Foundation
import HTTPServer
import Testing

/// TLS through the system OpenSSL, checked with real clients (curl, openssl s_client)
/// against a certificate each test makes for itself. Serialized: the client processes would
/// otherwise crowd out the other suites' servers on a small machine.
@Suite("TLS", .serialized)
struct TLSTests {
  @Test func curlOverHTTP11GetsTheRoutesWithHSTS() async throws {
    try await withTLSServer { port, certificate in
      let outcome = try ExternalTool.run([
        "curl", "-sS", "-i", "--http1.1", "--cacert", certificate.certificatePath,
        "https://localhost:\(port)/items/42",
      ])
      #expect(outcome.status == 0, "\(outcome.output)")
      #expect(outcome.output.hasPrefix("HTTP/1.1 200"))
      #expect(outcome.output.lowercased().contains("strict-transport-security: max-age=63072000"))
      #expect(outcome.output.hasSuffix("item 42"))
    }
  }

  @Test func curlPostsABodyAndReusesTheConnection() async throws {
    try await withTLSServer { port, certificate in
      let body = String(repeating: "0123456789abcdef", count: 4096)  // 64 KiB: many records
      let outcome = try ExternalTool.run(
        [
          "curl", "-sS", "--http1.1", "--cacert", certificate.certificatePath,
          "--data-binary", "@-", "-w", "\n%{num_connects}\n", "https://localhost:\(port)/echo",
          "--next", "--cacert", certificate.certificatePath, "-w", "\n%{num_connects}",
          "https://localhost:\(port)/hello",
        ], input: body)
      #expect(outcome.status == 0, "\(outcome.output)")
      let lines = outcome.output.split(separator: "\n").map(String.init)
      #expect(lines.first == body)
      #expect(lines.dropFirst() == ["1", "hello", "0"])  // the second request: no new connect
    }
  }

  @Test func tls11IsRefused() async throws {
    try await withTLSServer { port, _ in
      // SECLEVEL=0 lets the client offer TLS 1.1 at all, so the refusal is the server's.
      let outcome = try sClient(port: port, ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"])
      #expect(outcome.status != 0)
      #expect(outcome.output.contains("alert protocol version"), "\(outcome.output)")
      #expect(outcome.output.contains("Cipher is (NONE)"))
    }
  }

  @Test(arguments: [("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3")])
  func tls12And13AreAccepted(flag: String, version: String) async throws {
    try await withTLSServer { port, _ in
      let outcome = try sClient(port: port, [flag])
      #expect(outcome.status == 0, "\(outcome.output)")
      #expect(outcome.output.contains("New, \(version)"))
    }
  }

  @Test func tls12UsesAnIntermediateCipherOnly() async throws {
    try await withTLSServer { port, _ in
      let weak = try sClient(port: port, ["-tls1_2", "-cipher", "AES128-SHA"])
      #expect(weak.status != 0)
      let strong = try sClient(port: port, ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"])
      #expect(strong.output.contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"))
    }
  }

  @Test func alpnSelectsH2WhenOfferedAndHTTP11Otherwise() async throws {
    try await withTLSServer { port, _ in
      let http11 = try sClient(port: port, ["-alpn", "http/1.1"])
      #expect(http11.output.contains("ALPN protocol: http/1.1"), "\(http11.output)")
      let h2 = try sClient(port: port, ["-alpn", "h2,http/1.1"])
      #expect(h2.output.contains("ALPN protocol: h2"))
      let unknown = try sClient(port: port, ["-alpn", "spdy/3"])
      #expect(unknown.output.contains("No ALPN negotiated"))
    }
  }

  @Test func closingSendsCloseNotify() async throws {
    try await withTLSServer { port, _ in
      let outcome = try ExternalTool.run(
        ["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-ign_eof", "-msg"],
        input: "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
      #expect(outcome.output.contains("hello"))
      #expect(outcome.output.contains("<<< TLS 1.3, Alert [length 0002], warning close_notify"))
    }
  }

  @Test func aSilentClientIsClosedAtTheHandshakeTimeout() async throws {
    let certificate = try await TestCertificate.make()
    defer { certificate.remove() }
    var tls = certificate.configuration
    tls.handshakeTimeout = .milliseconds(200)
    try await withTestServer(testConfiguration { $0.tls = tls }) { port in
      let client = try RawHTTPClient(port: port)
      let started = Date()
      #expect(try client.isClosedByServer())
      #expect(Date().timeIntervalSince(started) < 3)
    }
  }

  @Test func cleartextHTTPOnTheTLSPortIsClosed() async throws {
    try await withTLSServer { port, _ in
      let client = try RawHTTPClient(port: port)
      try client.send(get("/hello"))
      #expect(try client.isClosedByServer())
    }
  }

  @Test func reloadServesTheNewCertificateAndKeepsOpenConnections() async throws {
    let certificate = try await TestCertificate.make(commonName: "first")
    let replacement = try await TestCertificate.make(commonName: "second")
    defer {
      certificate.remove()
      replacement.remove()
    }
    let anchors = replacement.directory.appendingPathComponent("anchors.pem").path
    try
      (String(contentsOfFile: certificate.certificatePath, encoding: .utf8)
      + String(contentsOfFile: replacement.certificatePath, encoding: .utf8))
      .write(toFile: anchors, atomically: true, encoding: .utf8)
    let gate = Gate()
    let routes: (Router) -> Void = { router in
      defaultRoutes(router)
      router.get("/wait") { _, _ in
        await gate.wait()
        return .text("waited")
      }
    }
    try await withTestServer(
      testConfiguration { $0.tls = certificate.configuration }, routes: routes
    ) { server, port in
      async let held = onOwnThread {
        try ExternalTool.run([
          "curl", "-sS", "--http1.1", "--cacert", anchors, "-w", " %{num_connects}\n",
          "https://localhost:\(port)/wait", "https://localhost:\(port)/hello",
        ])
      }
      while server.connectionCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
      for file in [\TestCertificate.certificatePath, \TestCertificate.keyPath] {
        try Data(contentsOf: URL(fileURLWithPath: replacement[keyPath: file]))
          .write(to: URL(fileURLWithPath: certificate[keyPath: file]))
      }
      try server.reloadTLSCertificate()
      gate.open()
      let outcome = try await held
      #expect(outcome.output == "waited 1\nhello 0\n", "\(outcome.output)")
      let fresh = try await onOwnThread { try sClient(port: port, []) }
      #expect(fresh.output.contains("CN = second") || fresh.output.contains("CN=second"))
      #expect(!fresh.output.contains("CN = first") && !fresh.output.contains("CN=first"))
    }
  }
}

/// Starts a TLS server on a fresh certificate and runs the blocking client code `body`.
private func withTLSServer(
  _ body: @escaping @Sendable (Int, TestCertificate) throws -> Void
) async throws {
  let certificate = try await TestCertificate.make()
  defer { certificate.remove() }
  try await withTestServer(testConfiguration { $0.tls = certificate.configuration }) { port in
    try body(port, certificate)
  }
}

/// `openssl s_client` against the port with extra flags, sending nothing.
private func sClient(port: Int, _ flags: [String]) throws -> ExternalTool.Outcome {
  try ExternalTool.run(
    ["openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost"] + flags)
}
