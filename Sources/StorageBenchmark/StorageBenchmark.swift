import ArgumentParser
import Foundation
import Storage

/// Measures a store: insert throughput and latency at N concurrent writers (each insert is
/// durable when it returns), then list latency (`limit` 50, newest first, with the API's
/// filter mix) once the store holds many rows.
@main
struct StorageBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Insert throughput and list latency of the SQLite or PostgreSQL store.")

  @Option(help: "sqlite or postgres.")
  var store: String = "sqlite"
  @Option(help: "SQLite file (default: a fresh temporary file, removed afterwards).")
  var path: String?
  @Option(help: "PostgreSQL URL (default: $COMPUTE_ADVISOR_TEST_POSTGRES_URL, then $DATABASE_URL).")
  var databaseURL: String?
  @Option(help: "PostgreSQL connections in the pool.")
  var poolSize: Int = 8
  @Option(help: "Concurrent writers in the insert phase.")
  var writers: Int = 32
  @Option(help: "Inserts in the insert phase.")
  var inserts: Int = 10_000
  @Option(help: "Rows in the store for the list phase (bulk-loaded up to this count).")
  var rows: Int = 1_000_000
  @Option(help: "Bytes per response document.")
  var responseBytes: Int = 2_048
  @Option(help: "List requests per concurrency level.")
  var listRequests: Int = 2_000
  @Option(help: "Concurrent readers in the list phase (comma-separated levels).")
  var readers: String = "1,8"

  func run() async throws {
    let records = SyntheticRecords(responseBytes: responseBytes)
    let (store, importRecords, cleanup) = try await openStore()
    print("store: \(self.store), response \(responseBytes) B, rows target \(rows)")

    let insertStart = ContinuousClock.now
    let insertLatencies = try await insertPhase(store, records: records)
    let insertSeconds = LatencySummary.milliseconds(ContinuousClock.now - insertStart) / 1_000
    print(
      String(
        format: "insert c=%d: %.0f inserts/s over %d inserts; ", writers,
        Double(inserts) / insertSeconds, inserts) + "latency \(LatencySummary(insertLatencies))")

    let seedStart = ContinuousClock.now
    try await seed(records: records, importRecords: importRecords)
    print(
      String(
        format: "bulk-loaded to %d rows in %.1f s", max(rows, inserts),
        LatencySummary.milliseconds(ContinuousClock.now - seedStart) / 1_000))

    for level in readers.split(separator: ",").compactMap({ Int($0) }) {
      let latencies = try await listPhase(store, concurrency: level)
      print("list limit=50 c=\(level): \(LatencySummary(latencies))")
    }
    await store.close()
    cleanup()
  }

  private func openStore() async throws -> (
    any RecommendationStore, @Sendable ([StoredRecommendation]) async throws -> Void,
    () -> Void
  ) {
    switch store {
    case "sqlite":
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("storage-benchmark-\(UUID().uuidString)")
      let file = path ?? directory.appendingPathComponent("bench.sqlite").path
      let sqlite = try SQLiteRecommendationStore(
        configuration: SQLiteStoreConfiguration(path: file))
      return (
        sqlite, { try await sqlite.importRecords($0) },
        { if path == nil { try? FileManager.default.removeItem(at: directory) } }
      )
    case "postgres":
      let environment = ProcessInfo.processInfo.environment
      guard
        let url = databaseURL ?? environment["COMPUTE_ADVISOR_TEST_POSTGRES_URL"]
          ?? environment["DATABASE_URL"]
      else { throw ValidationError("give --database-url for the postgres store") }
      let schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
      let postgres = try await PostgresRecommendationStore(
        configuration: PostgresStoreConfiguration(url: url, poolSize: poolSize, schema: schema))
      print("postgres schema: \(schema)")
      return (postgres, { try await postgres.importRecords($0) }, {})
    default:
      throw ValidationError("--store must be sqlite or postgres")
    }
  }

  private func insertPhase(_ store: any RecommendationStore, records: SyntheticRecords)
    async throws -> [Duration]
  {
    let writers = self.writers
    let inserts = self.inserts
    return try await withThrowingTaskGroup(of: [Duration].self) { group in
      for writer in 0..<writers {
        group.addTask {
          var latencies: [Duration] = []
          for number in stride(from: writer, to: inserts, by: writers) {
            let record = records.record(
              id: "live-\(number)", number: number, createdAt: Date(),
              idempotencyKey: number.isMultiple(of: 2) ? "idem-\(number)" : nil)
            let start = ContinuousClock.now
            _ = try await store.insert(record)
            latencies.append(ContinuousClock.now - start)
          }
          return latencies
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
  }

  /// Bulk-loads older rows (spread over the 90 days before now) up to `rows`.
  private func seed(
    records: SyntheticRecords,
    importRecords: @Sendable ([StoredRecommendation]) async throws -> Void
  ) async throws {
    let now = Date()
    let missing = max(0, rows - inserts)
    let spacing = 90 * 86_400 / Double(max(1, missing))
    var number = 0
    while number < missing {
      let batch = (number..<min(number + 5_000, missing)).map { index in
        records.record(
          id: "seed-\(index)", number: index,
          createdAt: now.addingTimeInterval(-1 - Double(index) * spacing), idempotencyKey: nil)
      }
      try await importRecords(batch)
      number += batch.count
    }
  }

  /// Each reader browses like a client: a first page with a filter mix, then up to four
  /// next pages through the cursor.
  private func listPhase(_ store: any RecommendationStore, concurrency: Int) async throws
    -> [Duration]
  {
    let perReader = max(1, listRequests / concurrency)
    return try await withThrowingTaskGroup(of: [Duration].self) { group in
      for reader in 0..<concurrency {
        group.addTask {
          var latencies: [Duration] = []
          var session = reader
          while latencies.count < perReader {
            var query = Self.firstPageQuery(session: session)
            for _ in 0..<5 where latencies.count < perReader {
              let start = ContinuousClock.now
              let page = try await store.list(query)
              latencies.append(ContinuousClock.now - start)
              guard let next = page.nextCursor else { break }
              query.cursor = next
            }
            session += concurrency
          }
          return latencies
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
  }

  /// The filter mix: 40% unfiltered (admin), 20% by option, 20% by region, 20% a client's own.
  private static func firstPageQuery(session: Int) -> RecommendationListQuery {
    switch session % 5 {
    case 0, 1: RecommendationListQuery(limit: 50, isAdmin: true)
    case 2:
      RecommendationListQuery(
        limit: 50, option: SyntheticRecords.options[session % 6], isAdmin: true)
    case 3:
      RecommendationListQuery(
        limit: 50, region: SyntheticRecords.regions[session % 4], isAdmin: true)
    default:
      RecommendationListQuery(
        limit: 50, clientID: SyntheticRecords.clients[session % SyntheticRecords.clients.count])
    }
  }
}
