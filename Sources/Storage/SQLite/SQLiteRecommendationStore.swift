import Foundation
import GRDB

/// Where and how ``SQLiteRecommendationStore`` opens its database.
public struct SQLiteStoreConfiguration: Sendable, Equatable {
  /// The database file; missing parent directories are created.
  public var path: String
  /// Concurrent reader connections (WAL lets them read while the writer writes).
  public var maximumReaderCount: Int
  /// How long a statement waits for a lock held by another process before failing.
  public var busyTimeout: TimeInterval

  /// Creates a configuration for the database file at `path`.
  public init(path: String, maximumReaderCount: Int = 4, busyTimeout: TimeInterval = 5) {
    self.path = path
    self.maximumReaderCount = maximumReaderCount
    self.busyTimeout = busyTimeout
  }
}

/// ``RecommendationStore`` on an SQLite file through GRDB: a `DatabasePool` in WAL mode with
/// `synchronous = FULL`, so an acknowledged insert survives a power loss, and readers never
/// wait for the writer.
public final class SQLiteRecommendationStore: RecommendationStore {
  private let pool: DatabasePool
  private let sql = RecommendationSQL(style: .questionMark)
  private let groupCommit: SQLiteGroupCommit

  /// Opens (creating if needed) the database and applies pending migrations. Blocks while it
  /// opens: call it at startup, not per request.
  public init(configuration: SQLiteStoreConfiguration) throws {
    let directory = URL(fileURLWithPath: configuration.path).deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      var grdbConfiguration = Configuration()
      grdbConfiguration.journalMode = .wal
      grdbConfiguration.maximumReaderCount = max(1, configuration.maximumReaderCount)
      grdbConfiguration.busyMode = .timeout(configuration.busyTimeout)
      grdbConfiguration.label = "compute-advisor.storage"
      pool = try DatabasePool(path: configuration.path, configuration: grdbConfiguration)
      // GRDB sets `synchronous = NORMAL` on the writer when it enables WAL, after any
      // `prepareDatabase` hook has run; only the writer writes, so set FULL on it here.
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      try SQLiteSchema.migrator.migrate(pool)
      groupCommit = SQLiteGroupCommit(pool: pool, sql: sql)
    } catch {
      throw StoreError.unavailable("cannot open SQLite database at \(configuration.path): \(error)")
    }
  }

  /// The writer connection's `PRAGMA synchronous` (2 means FULL), for tests and diagnostics.
  public func writerSynchronousSetting() async throws -> Int {
    try await pool.writeWithoutTransaction { db in
      try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
    }
  }

  /// Stores `record` unless its idempotency key was used; see ``RecommendationStore/insert(_:)``.
  public func insert(_ record: StoredRecommendation) async throws -> InsertOutcome {
    try await groupCommit.insert(record.normalizedForStorage)
  }

  /// The record if it exists and is visible to the caller.
  public func record(id: String, clientID: String?, isAdmin: Bool) async throws
    -> StoredRecommendation?
  {
    let select = sql.selectByID(id, scope: ClientScope(clientID: clientID, isAdmin: isAdmin))
    return try await translatingSQLiteErrors {
      try await pool.read { db in
        try db.fetchRow(select)
          .map(StoredRecommendation.init(sqliteRow:))
      }
    }
  }

  /// Deletes the record if it exists and is visible to the caller; whether one was deleted.
  public func delete(id: String, clientID: String?, isAdmin: Bool) async throws -> Bool {
    let delete = sql.deleteByID(id, scope: ClientScope(clientID: clientID, isAdmin: isAdmin))
    return try await translatingSQLiteErrors {
      try await pool.write { db in
        try db.run(delete)
        return db.changesCount > 0
      }
    }
  }

  /// One page, newest first; see ``RecommendationStore/list(_:)``.
  public func list(_ query: RecommendationListQuery) async throws -> RecommendationPage {
    let (limit, cursor) = try query.validated()
    let select = sql.selectPage(query, after: cursor, fetchLimit: limit + 1)
    let rows = try await translatingSQLiteErrors {
      try await pool.read { db in
        try db.fetchRows(select)
          .map(StoredRecommendation.init(sqliteRow:))
      }
    }
    return RecommendationPage(rowsFetchedWithOneExtra: rows, limit: limit)
  }

  /// Deletes records beyond the policy in small batches, each one short write transaction
  /// with other writers queued between them; how many were deleted.
  public func applyRetention(_ policy: RetentionPolicy, now: Date) async throws -> Int {
    try await policy.apply(
      now: now, sql: sql,
      firstPositionBeyond: { find in
        try await translatingSQLiteErrors {
          try await pool.read { db in
            try db.fetchRow(find).map { row in
              PageCursor(
                createdAt: MicrosecondTimestamp(microsecondsSinceEpoch: row[0]), id: row[1])
            }
          }
        }
      },
      deleteBatch: { batch in
        try await translatingSQLiteErrors {
          try await pool.write { db in
            try db.run(batch)
            return db.changesCount
          }
        }
      })
  }

  /// Bulk-loads records in one transaction, skipping idempotency checks (benchmarks, data
  /// migration). Records must be new: a taken identifier or key fails the whole batch.
  package func importRecords(_ records: [StoredRecommendation]) async throws {
    let statements = stride(from: 0, to: records.count, by: 100).map { start in
      sql.insertMany(records[start..<min(start + 100, records.count)].map(\.normalizedForStorage))
    }
    try await translatingSQLiteErrors {
      try await pool.write { db in
        for statement in statements {
          try db.run(statement)
        }
      }
    }
  }

  /// Throws unless the database answers a trivial query.
  public func checkReadiness() async throws {
    _ = try await translatingSQLiteErrors {
      try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations")
      }
    }
  }

  /// Releases the connections; the store must not be used afterwards.
  public func close() async {
    try? pool.close()
  }
}
