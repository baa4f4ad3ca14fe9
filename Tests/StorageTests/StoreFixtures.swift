import Foundation
import Testing

@testable import Storage

/// The stores the contract suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres

  var testDescription: String { rawValue }

  /// The kinds this run covers: SQLite always; PostgreSQL when a server is given, or in CI,
  /// where a missing server must fail the run instead of skipping it.
  static var covered: [StoreKind] {
    PostgresTestServer.isCovered ? [.sqlite, .postgres] : [.sqlite]
  }
}

/// A fresh, empty store of one kind, and how to reopen and discard it.
struct StoreFixture: Sendable {
  let kind: StoreKind
  let store: any RecommendationStore
  /// Closes nothing: opens a second store over the same data (the caller closes both).
  let reopen: @Sendable () async throws -> any RecommendationStore
  let discard: @Sendable () async -> Void

  /// Runs `body` with a fresh store, then closes and discards it.
  static func with(
    _ kind: StoreKind, _ body: (StoreFixture) async throws -> Void
  ) async throws {
    let fixture = try await make(kind)
    do {
      try await body(fixture)
    } catch {
      await fixture.store.close()
      await fixture.discard()
      throw error
    }
    await fixture.store.close()
    await fixture.discard()
  }

  private static func make(_ kind: StoreKind) async throws -> StoreFixture {
    switch kind {
    case .sqlite:
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("storage-tests-\(UUID().uuidString)")
      let configuration = SQLiteStoreConfiguration(
        path: directory.appendingPathComponent("nested/dir/advisor.sqlite").path)
      let store = try SQLiteRecommendationStore(configuration: configuration)
      return StoreFixture(
        kind: kind, store: store,
        reopen: { try SQLiteRecommendationStore(configuration: configuration) },
        discard: { try? FileManager.default.removeItem(at: directory) })
    case .postgres:
      return try await PostgresTestServer.makeFixture()
    }
  }
}

/// Builds records for tests: distinct bytes in every field, so that a swapped column shows.
enum RecordFactory {
  /// A fixed base instant with sub-microsecond digits (stores keep microseconds).
  static let baseDate = Date(timeIntervalSince1970: 1_790_000_000.123_456_7)

  static func record(
    id: String = UUID().uuidString.lowercased(),
    createdAt: Date = baseDate,
    clientID: String? = nil,
    idempotencyKey: String? = nil,
    digestOf body: String = "{\"workload\":1}",
    option: String? = "lambda",
    region: String = "eu-west-1"
  ) -> StoredRecommendation {
    // Non-ASCII text, a NUL byte and invalid UTF-8 prove the documents are stored as bytes.
    var request = Data(body.utf8)
    request.append(contentsOf: [0x00, 0xff, 0xfe])
    let response = Data("{\"id\":\"\(id)\",\"note\":\"caf\u{e9} \u{1F680}\"}".utf8)
    return StoredRecommendation(
      id: id, createdAt: createdAt, clientID: clientID, idempotencyKey: idempotencyKey,
      requestDigest: SHA256Digest(of: Array(body.utf8)).hexString,
      recommendedOption: option, region: region, request: request, response: response)
  }
}

extension RecommendationStore {
  /// Every record visible to an administrator, newest first, following cursors.
  func allRecords(pageSize: Int = 200) async throws -> [StoredRecommendation] {
    var records: [StoredRecommendation] = []
    var cursor: String?
    repeat {
      let page = try await list(
        RecommendationListQuery(limit: pageSize, cursor: cursor, isAdmin: true))
      records += page.records
      cursor = page.nextCursor
    } while cursor != nil
    return records
  }
}

/// Newest-first order of the stores: `createdAt` descending, then `id` descending.
func newestFirst(_ lhs: StoredRecommendation, _ rhs: StoredRecommendation) -> Bool {
  lhs.createdAt != rhs.createdAt ? lhs.createdAt > rhs.createdAt : lhs.id > rhs.id
}
