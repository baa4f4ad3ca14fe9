import Foundation
import HTTPServer

/// A self-signed certificate for `localhost` and `127.0.0.1`, made by `openssl req` in a
/// fresh temporary folder: no key material is ever committed.
struct TestCertificate {
  /// The folder holding the files.
  let directory: URL
  /// The certificate (PEM), also the trust anchor clients are given.
  var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
  /// The private key (PEM).
  var keyPath: String { directory.appendingPathComponent("key.pem").path }

  /// Makes a certificate on a thread of its own: `openssl req` must not hold one of the
  /// concurrency runtime's few threads, on which every test server's handlers run.
  static func make(commonName: String = "compute-advisor-test") async throws -> TestCertificate {
    try await onOwnThread { try TestCertificate(commonName: commonName) }
  }

  /// Creates a new folder and a certificate with `commonName` in it (blocking).
  init(commonName: String = "compute-advisor-test") throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tls-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try regenerate(commonName: commonName)
  }

  /// Replaces the certificate and key with a new pair for `commonName`.
  func regenerate(commonName: String) throws {
    let outcome = try ExternalTool.run([
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "1", "-subj", "/CN=\(commonName)",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout", keyPath, "-out", certificatePath,
    ])
    guard outcome.status == 0 else { throw CertificateError.openssl(outcome.output) }
  }

  /// A TLS configuration serving this certificate.
  var configuration: TLSConfiguration {
    TLSConfiguration(certificateChainPath: certificatePath, privateKeyPath: keyPath)
  }

  /// Deletes the folder.
  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }

  enum CertificateError: Error {
    case openssl(String)
  }
}
