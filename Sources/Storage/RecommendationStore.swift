import Foundation

/// What ``RecommendationStore/insert(_:)`` did with a record.
public enum InsertOutcome: Sendable, Equatable {
  /// A new row was stored; the associated record is the stored one (normalised).
  case created(StoredRecommendation)
  /// The same client already stored the same request under the same idempotency key; nothing
  /// was written and the associated record is the one stored earlier.
  case replayed(StoredRecommendation)

  /// The stored record, whichever way it got there.
  public var record: StoredRecommendation {
    switch self {
    case .created(let record), .replayed(let record): record
    }
  }
}

/// Durable storage of past queries, implemented by ``SQLiteRecommendationStore`` and
/// ``PostgresRecommendationStore`` with identical, contract-tested behaviour.
///
/// Scoping: an administrator (`isAdmin: true`) sees every record; anyone else only records
/// whose client identifier equals theirs, `nil` matching `nil` (see ``ClientScope``).
public protocol RecommendationStore: Sendable {
  /// Stores `record` unless its `(clientID, idempotencyKey)` was used before.
  ///
  /// - Same key and same ``StoredRecommendation/requestDigest``: returns
  ///   ``InsertOutcome/replayed(_:)`` with the existing record and writes nothing.
  /// - Same key, different digest: throws ``StoreError/idempotencyConflict(existingID:)``.
  /// - Race-free under concurrent inserts with the same key (a unique index decides).
  /// - Throws ``StoreError/duplicateID(_:)`` when the identifier is taken.
  func insert(_ record: StoredRecommendation) async throws -> InsertOutcome

  /// The record with this identifier if it exists and is visible to the caller.
  func record(id: String, clientID: String?, isAdmin: Bool) async throws -> StoredRecommendation?

  /// Deletes the record with this identifier if it exists and is visible to the caller;
  /// returns whether a record was deleted.
  func delete(id: String, clientID: String?, isAdmin: Bool) async throws -> Bool

  /// One page of records, newest first (by `createdAt`, then `id`), filtered by `query`.
  ///
  /// Keyset pagination: the page's ``RecommendationPage/nextCursor`` continues strictly after
  /// its last record, so records inserted meanwhile (newer ones) never cause duplicates or
  /// skips. Throws ``StoreError/invalidCursor`` or ``StoreError/invalidLimit(_:)``.
  func list(_ query: RecommendationListQuery) async throws -> RecommendationPage

  /// Deletes records older than the policy's maximum age and beyond its maximum count, in
  /// small batches so that concurrent requests are never blocked long; returns how many
  /// records were deleted.
  func applyRetention(_ policy: RetentionPolicy, now: Date) async throws -> Int

  /// Throws ``StoreError/unavailable(_:)`` unless the database answers a trivial query
  /// (for `/readyz`).
  func checkReadiness() async throws

  /// Releases the database connections; the store must not be used afterwards.
  func close() async
}
