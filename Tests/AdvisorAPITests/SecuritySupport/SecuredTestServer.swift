import AdvisorAPI
import ComputeAdvisor
import Foundation
import HTTPServer
import Logging
import Storage
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A response read off a loopback socket by ``SecuredTestServer``.
struct SecuredTestResponse: Sendable {
  /// The status code.
  var status: Int
  /// Header fields with lower-cased names (the last value wins).
  var headers: [String: String]
  /// The body.
  var body: [UInt8]

  /// The body as text.
  var text: String { String(decoding: body, as: UTF8.self) }

  /// A field of the body's JSON object.
  func json(_ key: String) -> Any? {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?[key]
  }
}

/// The API with keys (a keys file the test can rewrite), optional rate limiting and metrics,
/// served on a loopback port over a fresh SQLite file.
struct SecuredTestServer: Sendable {
  /// The server's port.
  let port: Int
  /// The keys file behind the key ring.
  let keysFile: String
  /// The metrics the API records into.
  let metrics: ServiceMetrics

  /// A workload the advisor accepts.
  static let workload = Array(
    #"{"name":"Expense report processor","pattern":"event-driven","packaging":"source","traffic":{"requestsPerMonth":60000},"execution":{"averageDurationMs":1800,"maxDurationSeconds":30},"resources":{"memoryMiB":512},"requirements":{"ingress":"none"},"team":{"opsCapacity":"low"}}"#
      .utf8)

  /// Runs `body` against a server whose keys file holds `keys`; `keysEnabled: false`
  /// serves without a key ring.
  static func run(
    keys: [APIKeyRecord], keysEnabled: Bool = true,
    rateLimiter: TokenBucketRateLimiter? = nil,
    _ body: (SecuredTestServer) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("security-tests-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let keysFile = directory.appendingPathComponent("keys.json").path
    try APIKeysDocument(keys: keys).save(to: keysFile)
    let store = try SQLiteRecommendationStore(
      configuration: SQLiteStoreConfiguration(
        path: directory.appendingPathComponent("store.sqlite").path))
    var logger = Logger(label: "security-tests")
    logger.logLevel = .critical
    let metrics = ServiceMetrics()
    let operations = APIOperations(
      keyRing: keysEnabled
        ? try APIKeyRing(file: keysFile, reloadInterval: .zero, logger: logger) : nil,
      rateLimiter: rateLimiter, metrics: metrics)
    let api = try AdvisorAPI(advisor: Advisor(), store: store, operations: operations)
    var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.accessLog = false
    let server = HTTPServer(
      configuration: configuration, responder: api.buildResponder(), logger: logger)
    metrics.observeConnections { server.connectionCount }
    try server.start()
    let running = SecuredTestServer(
      port: try #require(server.port), keysFile: keysFile, metrics: metrics)
    do {
      try await body(running)
    } catch {
      await server.shutdown(drainTimeout: .seconds(1))
      await store.close()
      throw error
    }
    await server.shutdown(drainTimeout: .seconds(1))
    await store.close()
  }

  /// One request on a new connection, with `token` as the bearer key when given.
  func send(
    _ method: String, _ target: String, token: String? = nil,
    headers: [(String, String)] = [], body: [UInt8]? = nil
  ) async throws -> SecuredTestResponse {
    var fields = headers
    if let token { fields.append(("Authorization", "Bearer \(token)")) }
    if body != nil { fields.append(("Content-Type", "application/json")) }
    let request = Self.encode(method, target, fields, body)
    let port = port
    return try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try Self.exchange(request, port: port) })
      }.start()
    }
  }

  /// `POST /v1/recommendations` of the test workload.
  func recommend(token: String?, idempotencyKey: String? = nil) async throws
    -> SecuredTestResponse
  {
    try await send(
      "POST", "/v1/recommendations", token: token,
      headers: idempotencyKey.map { [("Idempotency-Key", $0)] } ?? [], body: Self.workload)
  }

  private static func encode(
    _ method: String, _ target: String, _ headers: [(String, String)], _ body: [UInt8]?
  ) -> [UInt8] {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
    return Array(head.utf8) + (body ?? [])
  }

  /// Sends the request on a blocking socket and reads until the server closes.
  private static func exchange(_ request: [UInt8], port: Int) throws -> SecuredTestResponse {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    _ = request.withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      received.append(contentsOf: chunk[..<count])
    }
    guard let headEnd = received.firstRange(of: Array("\r\n\r\n".utf8)) else {
      throw POSIXError(.EBADMSG)
    }
    let lines = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
      .components(separatedBy: "\r\n")
    let status = Int(lines[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    return SecuredTestResponse(
      status: status, headers: headers, body: Array(received[headEnd.upperBound...]))
  }
}

/// A clock tests move by hand, so rate-limit tests do not depend on how fast requests run.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds = 1_000.0

  /// The current reading in seconds.
  var now: Double { lock.withLock { seconds } }

  /// Moves the clock forward.
  func advance(_ delta: Double) { lock.withLock { seconds += delta } }
}

/// A key for tests: its token (to send) and its record (for the keys file).
struct TestKey {
  let token: APIKeyToken
  let record: APIKeyRecord

  init(_ name: String, _ scopes: [APIKeyScope]) {
    token = APIKeyToken.generate()
    record = APIKeyRecord(token: token, name: name, scopes: scopes, created: Date())
  }

  /// The bearer token text.
  var bearer: String { token.text }
}
