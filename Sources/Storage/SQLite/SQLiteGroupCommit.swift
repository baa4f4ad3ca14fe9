import GRDB

/// Group commit for SQLite inserts: concurrent inserts are written together in one write
/// transaction, so that one `fsync` (with `synchronous = FULL`) acknowledges many of them.
///
/// SQLite has one writer; with a commit per insert, throughput is bounded by the disk's
/// flush latency. Here an insert waits at most for the transaction in progress plus its own.
/// Each record is still checked in arrival order inside the transaction (idempotency key,
/// identifier), so two inserts with one key in the same batch behave as if sequential, and
/// no caller is answered before the transaction holding its record has committed.
actor SQLiteGroupCommit {
  private typealias Waiter = CheckedContinuation<InsertOutcome, any Error>

  private let pool: DatabasePool
  private let sql: RecommendationSQL
  private let maximumBatchSize: Int
  private var pending: [(record: StoredRecommendation, waiter: Waiter)] = []
  private var isWriting = false

  /// Writes through `pool`, at most `maximumBatchSize` records per transaction.
  init(pool: DatabasePool, sql: RecommendationSQL, maximumBatchSize: Int = 256) {
    self.pool = pool
    self.sql = sql
    self.maximumBatchSize = maximumBatchSize
  }

  /// Inserts a normalised record with the next transaction; returns once it has committed.
  func insert(_ record: StoredRecommendation) async throws -> InsertOutcome {
    try await withCheckedThrowingContinuation { waiter in
      pending.append((record, waiter))
      if !isWriting {
        isWriting = true
        Task { await writePending() }
      }
    }
  }

  /// Writes batches until nothing is pending; inserts arriving meanwhile join the next batch.
  private func writePending() async {
    while !pending.isEmpty {
      let batch = Array(pending.prefix(maximumBatchSize))
      pending.removeFirst(batch.count)
      let records = batch.map(\.record)
      let sql = self.sql
      do {
        let outcomes = try await translatingSQLiteErrors {
          try await pool.write { db in
            try records.map { record -> Result<InsertOutcome, StoreError> in
              do {
                return .success(try Self.insertChecked(record, into: db, sql: sql))
              } catch let refusal as StoreError {
                // Our own refusals happen before any write: the transaction stays intact.
                return .failure(refusal)
              }
              // Any other error escapes and rolls back the whole batch.
            }
          }
        }
        for (entry, outcome) in zip(batch, outcomes) {
          entry.waiter.resume(with: outcome.mapError { $0 as any Error })
        }
      } catch {
        for entry in batch { entry.waiter.resume(throwing: error) }
      }
    }
    isWriting = false
  }

  /// One record's insert inside the batch transaction: replay, conflict, duplicate or insert.
  private static func insertChecked(
    _ record: StoredRecommendation, into db: Database, sql: RecommendationSQL
  ) throws -> InsertOutcome {
    if let key = record.idempotencyKey {
      let lookup = sql.selectByIdempotencyKey(key, clientID: record.clientID)
      if let row = try db.fetchRow(lookup) {
        let existing = StoredRecommendation(sqliteRow: row)
        guard existing.requestDigest == record.requestDigest else {
          throw StoreError.idempotencyConflict(existingID: existing.id)
        }
        return .replayed(existing)
      }
    }
    let byID = sql.selectByID(record.id, scope: .everyone)
    if try db.fetchRow(byID) != nil {
      throw StoreError.duplicateID(record.id)
    }
    let insert = sql.insert(record, skippingConflicts: false)
    try db.run(insert)
    return .created(record)
  }
}
