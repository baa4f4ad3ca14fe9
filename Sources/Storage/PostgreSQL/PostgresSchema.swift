/// The PostgreSQL schema and its migrator: numbered migrations, each applied once in its own
/// transaction, under a session advisory lock so that replicas starting together take turns.
enum PostgresSchema {
  /// One schema change.
  struct Migration: Sendable {
    /// Position in the sequence; recorded in `storage_migrations` once applied.
    var version: Int64
    /// What the change is for.
    var summary: String
    /// The DDL statements, without parameters (libpq runs one statement per call).
    var statements: [String]
  }

  /// The advisory lock key migrations hold ("compadv" in ASCII, distinct from other users).
  static let migrationLockKey: Int64 = 0x0063_6f6d_7061_6476

  /// All migrations, oldest first. Never edit a shipped migration: append a new one.
  static let migrations: [Migration] = [
    Migration(
      version: 1, summary: "recommendation table and list indexes",
      statements: [
        """
        CREATE TABLE recommendation (
          id text COLLATE "C" NOT NULL PRIMARY KEY,
          created_at_us bigint NOT NULL,
          client_id text COLLATE "C",
          idempotency_key text COLLATE "C",
          request_digest text NOT NULL,
          recommended_option text COLLATE "C",
          region text COLLATE "C" NOT NULL,
          request bytea NOT NULL,
          response bytea NOT NULL
        )
        """,
        // Decides idempotent inserts: one key per client (anonymous clients share '').
        """
        CREATE UNIQUE INDEX recommendation_idempotency
          ON recommendation ((coalesce(client_id, '')), idempotency_key)
          WHERE idempotency_key IS NOT NULL
        """,
        // Newest-first keyset pagination, with and without each filter.
        "CREATE INDEX recommendation_newest ON recommendation (created_at_us, id)",
        """
        CREATE INDEX recommendation_by_option
          ON recommendation (recommended_option, created_at_us, id)
        """,
        "CREATE INDEX recommendation_by_region ON recommendation (region, created_at_us, id)",
        "CREATE INDEX recommendation_by_client ON recommendation (client_id, created_at_us, id)",
      ])
  ]

  /// Applies pending migrations on `connection`, creating `schema` first when given.
  static func migrate(_ connection: PostgresConnection, schema: String?) async throws {
    let lockKey = [SQLParameter.integer(migrationLockKey)]
    _ = try await connection.execute(
      ParameterisedSQL(sql: "SELECT pg_advisory_lock($1)", parameters: lockKey))
    do {
      try await applyPending(connection, schema: schema)
    } catch {
      _ = try? await connection.execute(
        ParameterisedSQL(sql: "SELECT pg_advisory_unlock($1)", parameters: lockKey))
      throw error
    }
    _ = try await connection.execute(
      ParameterisedSQL(sql: "SELECT pg_advisory_unlock($1)", parameters: lockKey))
  }

  private static func applyPending(_ connection: PostgresConnection, schema: String?)
    async throws
  {
    func run(_ sql: String, _ parameters: [SQLParameter] = []) async throws -> PostgresResult {
      try await connection.execute(ParameterisedSQL(sql: sql, parameters: parameters))
    }
    if let schema {
      _ = try await run("CREATE SCHEMA IF NOT EXISTS \(quotedIdentifier(schema))")
    }
    _ = try await run(
      """
      CREATE TABLE IF NOT EXISTS storage_migrations (
        version bigint PRIMARY KEY, summary text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())
      """)
    let applied = try await run("SELECT version FROM storage_migrations")
    let appliedVersions = Set(
      try applied.rows.indices.map { try applied.int64(row: $0, column: 0) })
    for migration in migrations where !appliedVersions.contains(migration.version) {
      _ = try await run("BEGIN")
      do {
        for statement in migration.statements { _ = try await run(statement) }
        _ = try await run(
          "INSERT INTO storage_migrations (version, summary) VALUES ($1, $2)",
          [.integer(migration.version), .text(migration.summary)])
        _ = try await run("COMMIT")
      } catch {
        _ = try? await run("ROLLBACK")
        throw error
      }
    }
  }

  /// Whether `name` is a plain lowercase identifier, safe to splice into DDL.
  static func isValidSchemaName(_ name: String) -> Bool {
    guard let first = name.first, !first.isNumber, name.utf8.count <= 63 else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
  }

  /// `name` as a double-quoted identifier (callers validate it first).
  static func quotedIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
