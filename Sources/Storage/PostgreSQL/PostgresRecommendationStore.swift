import Foundation

/// Where and how ``PostgresRecommendationStore`` connects.
public struct PostgresStoreConfiguration: Sendable, Equatable {
  /// `DATABASE_URL`: a `postgres://user:pass@host:port/db` URI or any libpq connection
  /// string, parsed by libpq itself.
  public var url: String
  /// Maximum open connections per process (each replica has its own pool).
  public var poolSize: Int
  /// Schema holding the tables, created if missing; `nil` uses the server's `search_path`.
  /// Lowercase letters, digits and `_` only.
  public var schema: String?
  /// Seconds to wait for a connection before failing (a `connect_timeout` in `url` wins).
  public var connectTimeoutSeconds: Int
  /// Attempts per operation when the connection fails (server restart, failover); waits
  /// double from 100 ms between attempts.
  public var maximumAttempts: Int

  /// Creates a configuration.
  public init(
    url: String, poolSize: Int = 4, schema: String? = nil, connectTimeoutSeconds: Int = 5,
    maximumAttempts: Int = 5
  ) {
    self.url = url
    self.poolSize = poolSize
    self.schema = schema
    self.connectTimeoutSeconds = connectTimeoutSeconds
    self.maximumAttempts = maximumAttempts
  }
}

/// ``RecommendationStore`` on PostgreSQL through libpq: parameterised statements with binary
/// parameters and results, a small connection pool, reconnection and retries after a server
/// restart, and migrations under an advisory lock at start.
public final class PostgresRecommendationStore: RecommendationStore {
  private let pool: PostgresConnectionPool
  private let configuration: PostgresStoreConfiguration
  private let sql = RecommendationSQL(style: .numbered)

  /// Connects, then applies pending migrations (one replica at a time).
  public init(configuration: PostgresStoreConfiguration) async throws {
    if let schema = configuration.schema, !PostgresSchema.isValidSchemaName(schema) {
      throw StoreError.unavailable("invalid PostgreSQL schema name \(schema)")
    }
    self.configuration = configuration
    // Notices (such as "relation already exists, skipping") would go to stderr: keep warnings.
    var setup = ["SET client_min_messages TO warning"]
    if let schema = configuration.schema {
      setup.append("SET search_path TO \(PostgresSchema.quotedIdentifier(schema))")
    }
    pool = PostgresConnectionPool(
      settings: .init(
        conninfo: configuration.url, size: max(1, configuration.poolSize),
        connectTimeoutSeconds: configuration.connectTimeoutSeconds,
        sessionSetup: setup))
    do {
      try await withConnection(attempts: configuration.maximumAttempts) { connection, _ in
        try await PostgresSchema.migrate(connection, schema: configuration.schema)
      }
    } catch {
      await pool.close()
      throw error
    }
  }

  /// Stores `record` unless its idempotency key was used; see ``RecommendationStore/insert(_:)``.
  public func insert(_ record: StoredRecommendation) async throws -> InsertOutcome {
    let record = record.normalizedForStorage
    let sql = self.sql
    return try await withConnection { connection, attempt in
      // A row that caused a conflict may be deleted before we read it: then insert again.
      for _ in 0..<3 {
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to finish,
        // then skips: the unique index decides races and the loser reads the winner below.
        let inserted = try await connection.execute(sql.insert(record, skippingConflicts: true))
        if !inserted.rows.isEmpty { return .created(record) }
        let byID = try await connection.execute(sql.selectByID(record.id, scope: .everyone))
        let sameID = try StoredRecommendation.all(in: byID).first
        if attempt > 1, sameID == record {
          // A retry after a lost connection whose first attempt had committed.
          return .created(record)
        }
        if let key = record.idempotencyKey {
          let byKey = try await connection.execute(
            sql.selectByIdempotencyKey(key, clientID: record.clientID))
          if let existing = try StoredRecommendation.all(in: byKey).first {
            guard existing.requestDigest == record.requestDigest else {
              throw StoreError.idempotencyConflict(existingID: existing.id)
            }
            return .replayed(existing)
          }
        }
        if sameID != nil { throw StoreError.duplicateID(record.id) }
      }
      throw StoreError.unavailable("insert of \(record.id) kept conflicting with deleted rows")
    }
  }

  /// The record if it exists and is visible to the caller.
  public func record(id: String, clientID: String?, isAdmin: Bool) async throws
    -> StoredRecommendation?
  {
    let select = sql.selectByID(id, scope: ClientScope(clientID: clientID, isAdmin: isAdmin))
    return try await withConnection { connection, _ in
      try StoredRecommendation.all(in: try await connection.execute(select)).first
    }
  }

  /// Deletes the record if it exists and is visible to the caller; whether one was deleted.
  public func delete(id: String, clientID: String?, isAdmin: Bool) async throws -> Bool {
    let delete = sql.deleteByID(id, scope: ClientScope(clientID: clientID, isAdmin: isAdmin))
    let deleted = ParameterisedSQL(sql: delete.sql + " RETURNING id", parameters: delete.parameters)
    return try await withConnection { connection, _ in
      !(try await connection.execute(deleted).rows.isEmpty)
    }
  }

  /// One page, newest first; see ``RecommendationStore/list(_:)``.
  public func list(_ query: RecommendationListQuery) async throws -> RecommendationPage {
    let (limit, cursor) = try query.validated()
    let select = sql.selectPage(query, after: cursor, fetchLimit: limit + 1)
    let rows = try await withConnection { connection, _ in
      try StoredRecommendation.all(in: try await connection.execute(select))
    }
    return RecommendationPage(rowsFetchedWithOneExtra: rows, limit: limit)
  }

  /// Deletes records beyond the policy in small batches, each one short autocommit
  /// statement with the connection back in the pool between them; how many were deleted.
  public func applyRetention(_ policy: RetentionPolicy, now: Date) async throws -> Int {
    try await policy.apply(
      now: now, sql: sql,
      firstPositionBeyond: { find in
        try await withConnection { connection, _ in
          let result = try await connection.execute(find)
          guard !result.rows.isEmpty else { return PageCursor?.none }
          return PageCursor(
            createdAt: MicrosecondTimestamp(
              microsecondsSinceEpoch: try result.int64(row: 0, column: 0)),
            id: try result.requiredText(row: 0, column: 1))
        }
      },
      deleteBatch: { batch in
        let counted = ParameterisedSQL(
          sql: batch.sql + " RETURNING 1", parameters: batch.parameters)
        return try await withConnection { connection, _ in
          try await connection.execute(counted).rows.count
        }
      })
  }

  /// Bulk-loads records in one transaction, skipping idempotency checks (benchmarks, data
  /// migration). Records must be new: a taken identifier or key fails the whole batch.
  package func importRecords(_ records: [StoredRecommendation]) async throws {
    let statements = stride(from: 0, to: records.count, by: 500).map { start in
      sql.insertMany(records[start..<min(start + 500, records.count)].map(\.normalizedForStorage))
    }
    try await withConnection(attempts: 1) { connection, _ in
      _ = try await connection.execute(ParameterisedSQL(sql: "BEGIN", parameters: []))
      do {
        for statement in statements { _ = try await connection.execute(statement) }
        _ = try await connection.execute(ParameterisedSQL(sql: "COMMIT", parameters: []))
      } catch {
        _ = try? await connection.execute(ParameterisedSQL(sql: "ROLLBACK", parameters: []))
        throw error
      }
    }
  }

  /// Throws unless the database answers a trivial query.
  public func checkReadiness() async throws {
    // Two quick attempts: the first may only discover that a pooled connection died.
    _ = try await withConnection(attempts: 2, backoff: false) { connection, _ in
      try await connection.execute(ParameterisedSQL(sql: "SELECT 1", parameters: []))
    }
  }

  /// Releases the connections; the store must not be used afterwards.
  public func close() async {
    await pool.close()
  }

  /// Borrows a connection for `operation`, resetting it first if it failed before, and retries
  /// the operation on a connection failure. Every operation passed here must be safe to
  /// repeat; `attempt` (from 1) lets ``insert(_:)`` recognise its own committed row.
  private func withConnection<Result: Sendable>(
    attempts: Int? = nil, backoff: Bool = true,
    _ operation: (PostgresConnection, _ attempt: Int) async throws -> Result
  ) async throws -> Result {
    let maximumAttempts = max(1, attempts ?? configuration.maximumAttempts)
    var delayMilliseconds: UInt64 = 100
    for attempt in 1...maximumAttempts {
      do {
        let connection = try await pool.checkOut()
        do {
          if connection.needsReset { try await connection.reset() }
          let result = try await operation(connection, attempt)
          await pool.checkIn(connection)
          return result
        } catch {
          await pool.checkIn(connection)
          throw error
        }
      } catch let error as PostgresError where error.isConnectionFailure {
        guard attempt < maximumAttempts else {
          throw StoreError.unavailable("PostgreSQL: \(error)")
        }
        if backoff {
          try await Task.sleep(nanoseconds: delayMilliseconds * 1_000_000)
          delayMilliseconds *= 2
        }
      } catch let error as PostgresError {
        throw StoreError.unexpected("PostgreSQL: \(error)")
      }
    }
    throw StoreError.unavailable("PostgreSQL: no attempt made")
  }
}
