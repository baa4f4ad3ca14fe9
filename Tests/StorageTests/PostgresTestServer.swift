import Foundation
import Testing

@testable import Storage

/// The PostgreSQL server the contract suite runs against, from `scripts/with-postgres`.
enum PostgresTestServer {
  /// `COMPUTE_ADVISOR_TEST_POSTGRES_URL`, set by `scripts/with-postgres`.
  static let url = environment("COMPUTE_ADVISOR_TEST_POSTGRES_URL")
  /// `COMPUTE_ADVISOR_TEST_POSTGRES_CTL`: a `pg_ctl` for that server, to restart it.
  static let control = environment("COMPUTE_ADVISOR_TEST_POSTGRES_CTL")
  /// Whether this run is CI, where the PostgreSQL suite may not be skipped.
  static let isCI = environment("CI") != nil
  /// Whether PostgreSQL tests run: with a server, or in CI (where they then fail).
  static let isCovered = url != nil || isCI

  private static func environment(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The server URL, or a failure explaining how to provide one.
  static func requireURL() throws -> String {
    guard let url else {
      throw StoreError.unavailable(
        "CI is set but COMPUTE_ADVISOR_TEST_POSTGRES_URL is not: run the tests through "
          + "scripts/with-postgres so that the PostgreSQL contract suite really runs")
    }
    return url
  }

  /// A configuration for a fresh schema of its own, so tests never see each other's rows.
  static func freshConfiguration(poolSize: Int = 4) throws -> PostgresStoreConfiguration {
    let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    return PostgresStoreConfiguration(url: try requireURL(), poolSize: poolSize, schema: schema)
  }

  static func makeFixture() async throws -> StoreFixture {
    let configuration = try freshConfiguration()
    let store = try await PostgresRecommendationStore(configuration: configuration)
    return StoreFixture(
      kind: .postgres, store: store,
      reopen: { try await PostgresRecommendationStore(configuration: configuration) },
      discard: { await dropSchema(of: configuration) })
  }

  /// Drops a test schema and everything in it.
  static func dropSchema(of configuration: PostgresStoreConfiguration) async {
    guard let schema = configuration.schema,
      let connection = try? await PostgresConnection.connect(
        conninfo: configuration.url, connectTimeoutSeconds: 5,
        sessionSetup: ["SET client_min_messages TO warning"],
        label: "test-cleanup")
    else { return }
    _ = try? await connection.execute(
      ParameterisedSQL(
        sql: "DROP SCHEMA IF EXISTS \(PostgresSchema.quotedIdentifier(schema)) CASCADE",
        parameters: []))
    await connection.close()
  }

  /// Runs `pg_ctl` with `arguments` on the test server, failing unless it succeeds.
  static func control(_ arguments: [String]) throws {
    guard let control else {
      throw StoreError.unavailable(
        "COMPUTE_ADVISOR_TEST_POSTGRES_CTL is not set: run the tests through scripts/with-postgres")
    }
    // posix_spawn and waitpid: Foundation's Process sometimes misses the exit of a child
    // started from a test (seen here: a reaped-late `runuser` left waitUntilExit hanging).
    let argv = ([control] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, control, nil, nil, argv, environ)
    guard spawned == 0 else {
      throw StoreError.unexpected("cannot run \(control): error \(spawned)")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else {
      throw StoreError.unexpected("pg_ctl \(arguments) failed with wait status \(status)")
    }
  }
}
