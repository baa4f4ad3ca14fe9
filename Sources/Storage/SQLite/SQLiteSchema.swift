import GRDB

/// The SQLite schema, applied by GRDB's `DatabaseMigrator` (each migration once, in order, in
/// its own transaction, recorded in `grdb_migrations`).
enum SQLiteSchema {
  /// All migrations, oldest first. Never edit a shipped migration: append a new one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: recommendation table and list indexes") { db in
      try db.execute(
        sql: """
          CREATE TABLE recommendation (
            id TEXT NOT NULL PRIMARY KEY,
            created_at_us INTEGER NOT NULL,
            client_id TEXT,
            idempotency_key TEXT,
            request_digest TEXT NOT NULL,
            recommended_option TEXT,
            region TEXT NOT NULL,
            request BLOB NOT NULL,
            response BLOB NOT NULL
          );
          -- Decides idempotent inserts: one key per client (anonymous clients share '').
          CREATE UNIQUE INDEX recommendation_idempotency
            ON recommendation (coalesce(client_id, ''), idempotency_key)
            WHERE idempotency_key IS NOT NULL;
          -- Newest-first keyset pagination, with and without each filter.
          CREATE INDEX recommendation_newest ON recommendation (created_at_us, id);
          CREATE INDEX recommendation_by_option
            ON recommendation (recommended_option, created_at_us, id);
          CREATE INDEX recommendation_by_region ON recommendation (region, created_at_us, id);
          CREATE INDEX recommendation_by_client ON recommendation (client_id, created_at_us, id);
          """)
    }
    return migrator
  }
}
