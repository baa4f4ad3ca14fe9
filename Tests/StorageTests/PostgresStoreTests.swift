import Foundation
import Testing

@testable import Storage

/// Says, visibly, that the PostgreSQL half of the contract suite did not run (outside CI).
@Test(
  "PostgreSQL contract suite",
  .disabled(
    if: !PostgresTestServer.isCovered,
    "COMPUTE_ADVISOR_TEST_POSTGRES_URL is not set; run scripts/with-postgres swift test"))
func postgresContractSuiteRuns() throws {
  #expect(try PostgresTestServer.requireURL().hasPrefix("postgres"))
}

extension StoreContractTests {
  @Test(
    "PostgreSQL: operations recover after the server restarts",
    .enabled(if: PostgresTestServer.isCovered))
  func postgresReconnectsAfterRestart() async throws {
    let configuration = try PostgresTestServer.freshConfiguration(poolSize: 2)
    let store = try await PostgresRecommendationStore(configuration: configuration)
    let before = RecordFactory.record(idempotencyKey: "before")
    _ = try await store.insert(before)
    // Use both pooled connections so that both die with the server.
    async let first = store.list(RecommendationListQuery(isAdmin: true))
    async let second = store.record(id: before.id, clientID: nil, isAdmin: false)
    _ = try await (first, second)

    try PostgresTestServer.control(["restart", "-m", "fast"])
    try await store.checkReadiness()
    let after = RecordFactory.record(
      createdAt: RecordFactory.baseDate + 1, idempotencyKey: "after")
    #expect(try await store.insert(after) == .created(after.normalizedForStorage))
    #expect(try await store.record(id: before.id, clientID: nil, isAdmin: false) != nil)
    #expect(try await store.allRecords().map(\.id) == [after.id, before.id])

    try PostgresTestServer.control(["stop", "-m", "fast"])
    await #expect(throws: StoreError.self) { try await store.checkReadiness() }
    try PostgresTestServer.control(["start"])
    try await store.checkReadiness()
    #expect(try await store.insert(before) == .replayed(before.normalizedForStorage))
    await store.close()
    await PostgresTestServer.dropSchema(of: configuration)
  }

  @Test(
    "PostgreSQL: replicas starting together migrate once",
    .enabled(if: PostgresTestServer.isCovered))
  func postgresConcurrentMigrations() async throws {
    let configuration = try PostgresTestServer.freshConfiguration(poolSize: 1)
    let stores = try await withThrowingTaskGroup(of: PostgresRecommendationStore.self) { group in
      for _ in 0..<6 {
        group.addTask { try await PostgresRecommendationStore(configuration: configuration) }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(stores.count == 6)
    let record = RecordFactory.record()
    _ = try await stores[0].insert(record)
    for store in stores {
      #expect(try await store.record(id: record.id, clientID: nil, isAdmin: true) != nil)
      await store.close()
    }
    await PostgresTestServer.dropSchema(of: configuration)
  }

  @Test("PostgreSQL: an unreachable DATABASE_URL is reported as unavailable")
  func postgresUnreachable() async throws {
    await #expect {
      try await PostgresRecommendationStore(
        configuration: PostgresStoreConfiguration(
          url: "postgres://nobody@127.0.0.1:1/none", connectTimeoutSeconds: 1,
          maximumAttempts: 2))
    } throws: { error in
      guard case .unavailable = error as? StoreError else { return false }
      return true
    }
  }

  // In the serialized contract suite: the reconnect test restarts the server.
  @Test(
    "Borrowers beyond the pool size wait and get a returned connection",
    .enabled(if: PostgresTestServer.isCovered))
  func waitersGetReturnedConnections() async throws {
    let pool = PostgresConnectionPool(
      settings: .init(
        conninfo: try PostgresTestServer.requireURL(), size: 2, connectTimeoutSeconds: 5,
        sessionSetup: []))
    let backends = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<12 {
        group.addTask {
          let connection = try await pool.checkOut()
          let result = try await connection.execute(
            ParameterisedSQL(sql: "SELECT pg_backend_pid()::text", parameters: []))
          await pool.checkIn(connection)
          return try result.requiredText(row: 0, column: 0)
        }
      }
      return try await group.reduce(into: Set<String>()) { $0.insert($1) }
    }
    #expect(backends.count <= 2)
    await pool.close()
  }

  @Test(
    "PostgreSQL: parameterised statements are prepared once per session",
    .enabled(if: PostgresTestServer.isCovered))
  func postgresPreparesOnce() async throws {
    let connection = try await PostgresConnection.connect(
      conninfo: try PostgresTestServer.requireURL(), connectTimeoutSeconds: 5, sessionSetup: [],
      label: "test-prepared")
    for value in ["a", "b", "c"] {
      let echoed = try await connection.execute(
        ParameterisedSQL(sql: "SELECT $1::text || '!'", parameters: [.text(value)]))
      #expect(try echoed.requiredText(row: 0, column: 0) == value + "!")
    }
    let prepared = try await connection.execute(
      ParameterisedSQL(
        sql: "SELECT count(*)::bigint FROM pg_prepared_statements", parameters: []))
    #expect(try prepared.int64(row: 0, column: 0) == 1)
    await connection.close()
  }
}
