import Foundation
import Testing

@testable import Storage

extension StoreContractTests {
  @Test(
    "Pages are newest first, without duplicates or skips under concurrent inserts",
    arguments: StoreKind.covered)
  func paginationUnderConcurrentInserts(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      var initial: [StoredRecommendation] = []
      for index in 0..<45 {
        // Groups of three share a timestamp: the id breaks ties.
        let createdAt = RecordFactory.baseDate.addingTimeInterval(Double(index / 3))
        initial.append(
          try await store.insert(RecordFactory.record(id: "r\(index)", createdAt: createdAt))
            .record)
      }
      var seen: [StoredRecommendation] = []
      var cursor: String?
      var page = 0
      repeat {
        let result = try await store.list(
          RecommendationListQuery(limit: 10, cursor: cursor, isAdmin: true))
        #expect(result.records.count <= 10)
        seen += result.records
        cursor = result.nextCursor
        page += 1
        // Newer records arrive while the client pages; they must not disturb the walk.
        let arrivalPage = page
        try await withThrowingTaskGroup(of: Void.self) { group in
          for writer in 0..<4 {
            group.addTask {
              _ = try await store.insert(
                RecordFactory.record(
                  id: "new-\(arrivalPage)-\(writer)",
                  createdAt: RecordFactory.baseDate.addingTimeInterval(
                    1_000 + Double(arrivalPage))))
            }
          }
          try await group.waitForAll()
        }
      } while cursor != nil
      #expect(page == 5)
      #expect(seen == initial.sorted(by: newestFirst))
      #expect(try await store.allRecords().count == 45 + 5 * 4)
    }
  }

  @Test("Filters by option, region, since and client combine", arguments: StoreKind.covered)
  func filters(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let base = RecordFactory.baseDate
      let records = [
        RecordFactory.record(id: "a", createdAt: base, option: "lambda", region: "eu-west-1"),
        RecordFactory.record(
          id: "b", createdAt: base + 10, option: "ec2", region: "eu-west-1"),
        RecordFactory.record(
          id: "c", createdAt: base + 20, clientID: "alice", option: "lambda",
          region: "us-east-1"),
        RecordFactory.record(id: "d", createdAt: base + 30, option: nil, region: "us-east-1"),
        RecordFactory.record(id: "e", createdAt: base + 40, option: "lambda", region: "eu-west-1"),
      ]
      for record in records { _ = try await store.insert(record) }

      func ids(_ query: RecommendationListQuery) async throws -> [String] {
        try await store.list(query).records.map(\.id)
      }
      #expect(
        try await ids(RecommendationListQuery(option: "lambda", isAdmin: true)) == ["e", "c", "a"])
      #expect(
        try await ids(RecommendationListQuery(region: "us-east-1", isAdmin: true)) == ["d", "c"])
      #expect(
        try await ids(RecommendationListQuery(since: base + 20, isAdmin: true)) == ["e", "d", "c"])
      #expect(
        try await ids(
          RecommendationListQuery(
            option: "lambda", region: "eu-west-1", since: base + 1, isAdmin: true))
          == ["e"])
      #expect(try await ids(RecommendationListQuery(option: "fargate", isAdmin: true)).isEmpty)
      #expect(try await ids(RecommendationListQuery(option: "lambda", clientID: "alice")) == ["c"])
      #expect(try await ids(RecommendationListQuery(option: "lambda")) == ["e", "a"])

      let firstPage = try await store.list(
        RecommendationListQuery(limit: 1, option: "lambda", isAdmin: true))
      let secondPage = try await store.list(
        RecommendationListQuery(
          limit: 2, cursor: firstPage.nextCursor, option: "lambda", isAdmin: true))
      #expect(firstPage.records.map(\.id) == ["e"])
      #expect(secondPage.records.map(\.id) == ["c", "a"])
      #expect(secondPage.nextCursor == nil)
    }
  }

  @Test("A malformed cursor or limit is rejected", arguments: StoreKind.covered)
  func invalidCursorAndLimit(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      for record in (0..<3).map({ RecordFactory.record(id: "r\($0)") }) {
        _ = try await store.insert(record)
      }
      let valid = try #require(
        try await store.list(RecommendationListQuery(limit: 1, isAdmin: true)).nextCursor)
      let malformed = [
        "not a cursor!", "", "YWJj", String(valid.dropLast(3)) + "***",
        Data("12:".utf8).base64EncodedString(), Data("-5:r1".utf8).base64EncodedString(),
        Data("x:r1".utf8).base64EncodedString(),
      ]
      for cursor in malformed {
        await #expect(throws: StoreError.invalidCursor, "cursor \(cursor)") {
          try await store.list(RecommendationListQuery(cursor: cursor, isAdmin: true))
        }
      }
      for limit in [0, -1, 201] {
        await #expect(throws: StoreError.invalidLimit(limit)) {
          try await store.list(RecommendationListQuery(limit: limit, isAdmin: true))
        }
      }
      #expect(
        try await store.list(RecommendationListQuery(limit: 200, isAdmin: true)).records.count == 3)
    }
  }

  @Test("Retention by age deletes only older records, in batches", arguments: StoreKind.covered)
  func retentionByAge(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let now = RecordFactory.baseDate
      let day: TimeInterval = 86_400
      let old = (0..<7).map {
        RecordFactory.record(id: "old\($0)", createdAt: now - 10 * day - Double($0))
      }
      let recent = (0..<3).map { RecordFactory.record(id: "new\($0)", createdAt: now - Double($0)) }
      for record in old + recent { _ = try await store.insert(record) }

      let deleted = try await store.applyRetention(
        RetentionPolicy(maxAge: 2 * day, batchSize: 2), now: now)
      #expect(deleted == 7)
      #expect(Set(try await store.allRecords().map(\.id)) == Set(recent.map(\.id)))
      #expect(try await store.applyRetention(RetentionPolicy(maxAge: 2 * day), now: now) == 0)
    }
  }

  @Test("Retention by count keeps the newest records", arguments: StoreKind.covered)
  func retentionByCount(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let base = RecordFactory.baseDate
      // Two records share each timestamp, so the cut falls between equal timestamps.
      let records = (0..<9).map {
        RecordFactory.record(id: "r\($0)", createdAt: base + Double($0 / 2))
      }
      for record in records { _ = try await store.insert(record) }
      let expectedKept = records.map(\.normalizedForStorage).sorted(by: newestFirst).prefix(3)

      #expect(
        try await store.applyRetention(RetentionPolicy(maxCount: 3, batchSize: 2), now: base) == 6)
      #expect(try await store.allRecords() == Array(expectedKept))
      #expect(try await store.applyRetention(RetentionPolicy(maxCount: 3), now: base) == 0)
      #expect(try await store.applyRetention(RetentionPolicy(maxCount: 0), now: base) == 3)
      #expect(try await store.allRecords().isEmpty)
      await #expect(throws: StoreError.self) {
        try await store.applyRetention(RetentionPolicy(maxCount: -1), now: base)
      }
    }
  }
}
