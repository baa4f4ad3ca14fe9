import Foundation
import Storage

/// A store that times every operation and counts failures and evaluations into
/// ``ServiceMetrics``, then delegates to the real store unchanged.
struct InstrumentedRecommendationStore: RecommendationStore {
  let base: any RecommendationStore
  let metrics: ServiceMetrics

  func insert(_ record: StoredRecommendation) async throws -> InsertOutcome {
    let outcome = try await measure("insert") { try await base.insert(record) }
    metrics.recordEvaluation(option: record.recommendedOption)
    return outcome
  }

  func record(id: String, clientID: String?, isAdmin: Bool) async throws -> StoredRecommendation? {
    try await measure("get") { try await base.record(id: id, clientID: clientID, isAdmin: isAdmin) }
  }

  func delete(id: String, clientID: String?, isAdmin: Bool) async throws -> Bool {
    try await measure("delete") {
      try await base.delete(id: id, clientID: clientID, isAdmin: isAdmin)
    }
  }

  func list(_ query: RecommendationListQuery) async throws -> RecommendationPage {
    try await measure("list") { try await base.list(query) }
  }

  func applyRetention(_ policy: RetentionPolicy, now: Date) async throws -> Int {
    try await measure("retention") { try await base.applyRetention(policy, now: now) }
  }

  func checkReadiness() async throws {
    try await measure("readiness") { try await base.checkReadiness() }
  }

  func close() async {
    await base.close()
  }

  /// Runs one store call, recording its duration and whether it threw. An idempotency
  /// conflict or a bad cursor is the caller's mistake, not a store failure.
  private func measure<Result>(_ operation: String, _ body: () async throws -> Result)
    async throws -> Result
  {
    let start = ContinuousClock.now
    do {
      let result = try await body()
      metrics.recordStoreOperation(operation, duration: .now - start, failed: false)
      return result
    } catch let error as StoreError {
      metrics.recordStoreOperation(
        operation, duration: .now - start, failed: Self.isStoreFailure(error))
      throw error
    } catch {
      metrics.recordStoreOperation(operation, duration: .now - start, failed: true)
      throw error
    }
  }

  private static func isStoreFailure(_ error: StoreError) -> Bool {
    switch error {
    case .idempotencyConflict, .invalidCursor, .invalidLimit: false
    default: true
    }
  }
}
