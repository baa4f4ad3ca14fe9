import Foundation
import Testing

@testable import Storage

@Suite("Store selection from DATABASE_URL")
struct StoreSelectionTests {
  @Test("DATABASE_URL selects PostgreSQL; unset or blank keeps SQLite")
  func selection() {
    #expect(
      StoreSelection(databaseURL: "postgres://u:p@db:5432/advisor", sqlitePath: "/data/a.sqlite")
        == .postgres(PostgresStoreConfiguration(url: "postgres://u:p@db:5432/advisor")))
    #expect(
      StoreSelection(databaseURL: nil, sqlitePath: "/data/a.sqlite")
        == .sqlite(SQLiteStoreConfiguration(path: "/data/a.sqlite")))
    #expect(
      StoreSelection(databaseURL: "  ", sqlitePath: "/data/a.sqlite")
        == .sqlite(SQLiteStoreConfiguration(path: "/data/a.sqlite")))
  }

  @Test(
    "Passwords never reach the logs",
    arguments: [
      ("postgres://app:s3cr%40t@db:5432/advisor", "postgres://app:***@db:5432/advisor"),
      ("postgresql://app@db/advisor", "postgresql://app@db/advisor"),
      ("host=db user=app password=s3cret dbname=x", "host=db user=app password=*** dbname=x"),
      ("host=db password='a b' dbname=x", "host=db password=*** dbname=x"),
    ])
  func redaction(url: String, expected: String) {
    #expect(StoreSelection.maskingPassword(in: url) == expected)
    #expect(
      StoreSelection.postgres(PostgresStoreConfiguration(url: url)).redactedDescription
        == "postgres (pool 4): \(expected)")
  }

  @Test("Opening SQLite through the selection gives a working store")
  func opensSQLite() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("selection-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try await StoreSelection(
      databaseURL: nil, sqlitePath: directory.appendingPathComponent("x.sqlite").path
    ).open()
    try await store.checkReadiness()
    await store.close()
  }
}
