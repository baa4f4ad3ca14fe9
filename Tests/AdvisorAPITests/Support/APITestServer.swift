import AdvisorAPI
import ComputeAdvisor
import Foundation
import HTTPServer
import Logging
import Storage
import Testing

/// A running API server on a loopback port, backed by a store the test can inspect.
struct APITestServer: Sendable {
  /// The port the server listens on.
  let port: Int
  /// The store behind the API (a temp-file SQLite store unless the test gave another).
  let store: any RecommendationStore

  /// One request on a new connection, made from a thread of its own so that the blocking
  /// socket never occupies the concurrency runtime's threads, which run the handlers.
  func send(
    _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil
  ) async throws -> WireResponse {
    let port = port
    return try await onOwnThread {
      try SocketHTTPClient(port: port).request(method, target, headers: headers, body: body)
    }
  }

  /// `POST` of a JSON body with the JSON content type, plus any extra fields.
  func postJSON(_ target: String, _ body: [UInt8], headers: [(String, String)] = [])
    async throws -> WireResponse
  {
    try await send(
      "POST", target, headers: [("Content-Type", "application/json")] + headers, body: body)
  }

  /// How many records the store holds, every client's, counted page by page.
  func storedRecordCount() async throws -> Int {
    var query = RecommendationListQuery(
      limit: RecommendationListQuery.limitRange.upperBound, isAdmin: true)
    var count = 0
    while true {
      let page = try await store.list(query)
      count += page.records.count
      guard let next = page.nextCursor else { return count }
      query.cursor = next
    }
  }
}

/// The advisor every test server shares: loading the catalog once keeps the suite fast.
let sharedAdvisor = Advisor()

/// Starts the API on a free loopback port over a new SQLite file (or over `store`, e.g. a
/// test double), runs `body`, then stops the server and removes the file.
func withAPIServer(
  maxBodyBytes: Int? = nil,
  store givenStore: (any RecommendationStore)? = nil,
  _ body: (APITestServer) async throws -> Void
) async throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("advisor-api-tests-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: directory) }
  let path = directory.appendingPathComponent("recommendations.sqlite").path
  let store: any RecommendationStore =
    try givenStore
    ?? SQLiteRecommendationStore(configuration: SQLiteStoreConfiguration(path: path))
  var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
  configuration.accessLog = false
  if let maxBodyBytes { configuration.limits.maxBodyBytes = maxBodyBytes }
  var logger = Logger(label: "advisor-api-tests")
  logger.logLevel = .critical
  configuration.serverErrorRenderer = { [logger] problem in
    AdvisorAPI.renderServerError(
      status: problem.status, detail: problem.detail, logger: logger)
  }
  let api = try AdvisorAPI(advisor: sharedAdvisor, store: store)
  let server = HTTPServer(
    configuration: configuration, responder: api.buildResponder(), logger: logger)
  try server.start()
  let running = APITestServer(port: try #require(server.port), store: store)
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

/// Runs blocking code on a thread of its own and awaits its result.
func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws
  -> Result
{
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
  }
}
