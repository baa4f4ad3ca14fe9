import Foundation
import GRDB
import Testing

@testable import Storage

@Suite("SQLite store specifics")
struct SQLiteStoreTests {
  private func temporaryPath() -> (directory: URL, path: String) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sqlite-store-\(UUID().uuidString)")
    return (directory, directory.appendingPathComponent("a/b/advisor.sqlite").path)
  }

  @Test("The writer runs with synchronous = FULL in WAL mode, even after reopening")
  func synchronousFull() async throws {
    let (directory, path) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    for _ in 0..<2 {
      let store = try SQLiteRecommendationStore(configuration: SQLiteStoreConfiguration(path: path))
      #expect(try await store.writerSynchronousSetting() == 2)
      _ = try await store.insert(RecordFactory.record())
      await store.close()
    }
    // An independent connection sees a WAL database with both records.
    let queue = try DatabaseQueue(path: path)
    let (journalMode, count) = try await queue.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "SELECT count(*) FROM recommendation")
      )
    }
    #expect(journalMode == "wal")
    #expect(count == 2)
  }

  @Test("The list query uses an index, not a scan and a sort, for every filter")
  func listQueriesUseIndexes() async throws {
    let (directory, path) = temporaryPath()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteRecommendationStore(configuration: SQLiteStoreConfiguration(path: path))
    await store.close()
    let queue = try DatabaseQueue(path: path)
    let sql = RecommendationSQL(style: .questionMark)
    let cursor = PageCursor(createdAt: MicrosecondTimestamp(microsecondsSinceEpoch: 5), id: "x")
    let queries = [
      RecommendationListQuery(isAdmin: true), RecommendationListQuery(option: "ec2", isAdmin: true),
      RecommendationListQuery(region: "eu-west-1", isAdmin: true),
      RecommendationListQuery(clientID: "alice"),
    ]
    for query in queries {
      let select = sql.selectPage(query, after: cursor, fetchLimit: 51)
      let plan = try await queue.read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + select.sql, arguments: select.arguments)
          .map { $0["detail"] as String }.joined(separator: "; ")
      }
      #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(plan)")
      #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
  }

  @Test("An unusable path is reported as unavailable")
  func unusablePath() throws {
    #expect(throws: StoreError.self) {
      try SQLiteRecommendationStore(
        configuration: SQLiteStoreConfiguration(path: "/proc/compute-advisor/x.sqlite"))
    }
  }
}
