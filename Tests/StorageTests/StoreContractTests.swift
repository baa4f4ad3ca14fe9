import Foundation
import Testing

@testable import Storage

/// The behaviour every ``RecommendationStore`` must have, run against each store kind.
///
/// Serialized: the PostgreSQL reconnect test restarts the shared server, which must not
/// happen under another test's feet. Concurrency is exercised inside the tests instead.
@Suite("Store contract", .serialized)
struct StoreContractTests {
  @Test("Insert then read round-trips every field, byte for byte", arguments: StoreKind.covered)
  func roundTrip(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let input = RecordFactory.record(clientID: "key-1", idempotencyKey: "k1")
      let outcome = try await fixture.store.insert(input)
      guard case .created(let stored) = outcome else {
        Issue.record("expected .created, got \(outcome)")
        return
      }
      #expect(stored == input.normalizedForStorage)
      #expect(
        MicrosecondTimestamp(stored.createdAt).microsecondsSinceEpoch
          == 1_790_000_000_123_456)
      let read = try await fixture.store.record(id: input.id, clientID: "key-1", isAdmin: false)
      #expect(read == stored)
      #expect(read?.request == input.request)
      #expect(read?.response == input.response)

      let anonymous = RecordFactory.record(clientID: "", option: nil)
      #expect(try await fixture.store.insert(anonymous).record.clientID == nil)
      let readAnonymous = try await fixture.store.record(
        id: anonymous.id, clientID: nil, isAdmin: false)
      #expect(readAnonymous?.recommendedOption == nil)
      #expect(readAnonymous == anonymous.normalizedForStorage)
    }
  }

  @Test("A repeated idempotency key with the same digest replays", arguments: StoreKind.covered)
  func idempotentReplay(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let first = RecordFactory.record(clientID: "key-1", idempotencyKey: "retry-me")
      let created = try await fixture.store.insert(first)
      let again = RecordFactory.record(
        createdAt: RecordFactory.baseDate.addingTimeInterval(5), clientID: "key-1",
        idempotencyKey: "retry-me")
      #expect(try await fixture.store.insert(again) == .replayed(created.record))
      #expect(try await fixture.store.allRecords().map(\.id) == [first.id])
    }
  }

  @Test("Same key, different body: conflict naming the record", arguments: StoreKind.covered)
  func idempotencyConflict(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let first = RecordFactory.record(clientID: "key-1", idempotencyKey: "k")
      _ = try await fixture.store.insert(first)
      let different = RecordFactory.record(
        clientID: "key-1", idempotencyKey: "k", digestOf: "{\"workload\":2}")
      await #expect(throws: StoreError.idempotencyConflict(existingID: first.id)) {
        try await fixture.store.insert(different)
      }
      // Keys are scoped by client: another client and anonymous callers may reuse "k".
      let otherClient = RecordFactory.record(
        clientID: "key-2", idempotencyKey: "k", digestOf: "{\"workload\":2}")
      #expect(
        try await fixture.store.insert(otherClient) == .created(otherClient.normalizedForStorage))
      let anonymous = RecordFactory.record(idempotencyKey: "k", digestOf: "{\"workload\":3}")
      #expect(try await fixture.store.insert(anonymous) == .created(anonymous.normalizedForStorage))
      #expect(try await fixture.store.allRecords().count == 3)
    }
  }

  @Test("A reused record id is reported, not overwritten", arguments: StoreKind.covered)
  func duplicateID(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let first = RecordFactory.record(id: "same-id")
      _ = try await fixture.store.insert(first)
      await #expect(throws: StoreError.duplicateID("same-id")) {
        try await fixture.store.insert(RecordFactory.record(id: "same-id", region: "us-east-1"))
      }
      #expect(
        try await fixture.store.record(id: "same-id", clientID: nil, isAdmin: true)
          == first.normalizedForStorage)
    }
  }

  @Test(
    "32 concurrent inserts with one key create exactly one record", arguments: StoreKind.covered)
  func concurrentSameKey(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
        for index in 0..<32 {
          group.addTask {
            try await store.insert(
              RecordFactory.record(
                createdAt: RecordFactory.baseDate.addingTimeInterval(Double(index)),
                clientID: "key-1", idempotencyKey: "race"))
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      let created = outcomes.filter { if case .created = $0 { true } else { false } }
      #expect(created.count == 1)
      #expect(Set(outcomes.map(\.record.id)).count == 1)
      #expect(try await store.allRecords().count == 1)
    }
  }

  @Test(
    "Concurrent inserts with mixed outcomes each get their own answer",
    arguments: StoreKind.covered)
  func concurrentMixedOutcomes(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let existing = RecordFactory.record(id: "taken", clientID: "alice", idempotencyKey: "k")
      _ = try await store.insert(existing)
      enum Expected: Sendable { case created, replayed, conflict, duplicate }
      var cases: [(StoredRecommendation, Expected)] = (0..<24).map {
        (RecordFactory.record(id: "fresh-\($0)"), .created)
      }
      cases.append((RecordFactory.record(id: "taken", region: "us-east-1"), .duplicate))
      cases.append(
        (RecordFactory.record(clientID: "alice", idempotencyKey: "k", digestOf: "other"), .conflict)
      )
      cases.append((RecordFactory.record(clientID: "alice", idempotencyKey: "k"), .replayed))
      let results = await withTaskGroup(of: (Expected, Bool).self) { group in
        for (record, expected) in cases {
          group.addTask {
            do {
              switch (try await store.insert(record), expected) {
              case (.created(let stored), .created): return (expected, stored.id == record.id)
              case (.replayed(let stored), .replayed): return (expected, stored.id == "taken")
              default: return (expected, false)
              }
            } catch StoreError.idempotencyConflict(let id) {
              return (expected, expected == .conflict && id == "taken")
            } catch StoreError.duplicateID(let id) {
              return (expected, expected == .duplicate && id == "taken")
            } catch {
              return (expected, false)
            }
          }
        }
        return await group.reduce(into: []) { $0.append($1) }
      }
      #expect(results.count == cases.count)
      let wrong = results.filter { !$0.1 }.map(\.0)
      #expect(wrong.isEmpty, "unexpected outcomes for \(wrong)")
      #expect(try await store.allRecords().count == 25)
    }
  }

  @Test("Non-admins see only their own records; admins see all", arguments: StoreKind.covered)
  func scoping(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let mine = RecordFactory.record(clientID: "alice")
      let theirs = RecordFactory.record(clientID: "bob")
      let anonymous = RecordFactory.record(clientID: nil)
      for record in [mine, theirs, anonymous] { _ = try await store.insert(record) }

      #expect(try await store.record(id: mine.id, clientID: "alice", isAdmin: false) != nil)
      #expect(try await store.record(id: mine.id, clientID: "bob", isAdmin: false) == nil)
      #expect(try await store.record(id: mine.id, clientID: nil, isAdmin: false) == nil)
      #expect(try await store.record(id: anonymous.id, clientID: nil, isAdmin: false) != nil)
      #expect(try await store.record(id: anonymous.id, clientID: "alice", isAdmin: false) == nil)
      #expect(try await store.record(id: theirs.id, clientID: "alice", isAdmin: true) != nil)

      let alicePage = try await store.list(RecommendationListQuery(clientID: "alice"))
      #expect(alicePage.records.map(\.id) == [mine.id])
      let anonymousPage = try await store.list(RecommendationListQuery(clientID: nil))
      #expect(anonymousPage.records.map(\.id) == [anonymous.id])
      let adminPage = try await store.list(RecommendationListQuery(isAdmin: true))
      #expect(Set(adminPage.records.map(\.id)) == [mine.id, theirs.id, anonymous.id])
    }
  }

  @Test("Delete is scoped, then the record is gone", arguments: StoreKind.covered)
  func deleteThenGone(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      let store = fixture.store
      let record = RecordFactory.record(clientID: "alice")
      _ = try await store.insert(record)
      #expect(try await store.delete(id: record.id, clientID: "bob", isAdmin: false) == false)
      #expect(try await store.record(id: record.id, clientID: "alice", isAdmin: false) != nil)
      #expect(try await store.delete(id: record.id, clientID: "alice", isAdmin: false))
      #expect(try await store.record(id: record.id, clientID: "alice", isAdmin: false) == nil)
      #expect(try await store.delete(id: record.id, clientID: "alice", isAdmin: false) == false)

      let adminDeleted = RecordFactory.record(clientID: "carol")
      _ = try await store.insert(adminDeleted)
      #expect(try await store.delete(id: adminDeleted.id, clientID: nil, isAdmin: true))
      #expect(try await store.allRecords().isEmpty)
    }
  }

  @Test("Readiness succeeds on an open store", arguments: StoreKind.covered)
  func readiness(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      try await fixture.store.checkReadiness()
    }
  }

  @Test("Close and reopen keeps every record", arguments: StoreKind.covered)
  func durability(kind: StoreKind) async throws {
    try await StoreFixture.with(kind) { fixture in
      var stored: [StoredRecommendation] = []
      for index in 0..<50 {
        let record = RecordFactory.record(
          createdAt: RecordFactory.baseDate.addingTimeInterval(Double(index) * 0.000_001),
          clientID: index.isMultiple(of: 2) ? "alice" : nil,
          idempotencyKey: "key-\(index)")
        stored.append(try await fixture.store.insert(record).record)
      }
      await fixture.store.close()
      let reopened = try await fixture.reopen()
      let all = try await reopened.allRecords(pageSize: 7)
      await reopened.close()
      #expect(all == stored.sorted(by: newestFirst))
    }
  }
}
