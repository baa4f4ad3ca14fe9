import Foundation
import Storage

/// A store whose database never answers: every call fails as an unreachable database
/// does, so tests can see `/readyz` and the routes turn that into 503.
struct UnavailableStore: RecommendationStore {
  private var failure: StoreError { .unavailable("test double: the database is down") }

  func insert(_ record: StoredRecommendation) async throws -> InsertOutcome { throw failure }

  func record(id: String, clientID: String?, isAdmin: Bool) async throws -> StoredRecommendation? {
    throw failure
  }

  func delete(id: String, clientID: String?, isAdmin: Bool) async throws -> Bool { throw failure }

  func list(_ query: RecommendationListQuery) async throws -> RecommendationPage { throw failure }

  func applyRetention(_ policy: RetentionPolicy, now: Date) async throws -> Int { throw failure }

  func checkReadiness() async throws { throw failure }

  func close() async {}
}
