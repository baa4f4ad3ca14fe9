import Foundation

/// How many past queries to keep: records older than ``maxAge`` and records beyond the newest
/// ``maxCount`` are deleted by ``RecommendationStore/applyRetention(_:now:)``.
public struct RetentionPolicy: Sendable, Equatable {
  /// Records created more than this many seconds before `now` are deleted; `nil`: no age limit.
  public var maxAge: TimeInterval?
  /// Only the newest this many records are kept; `nil`: no count limit.
  public var maxCount: Int?
  /// Records deleted per transaction; small so that writers waiting behind a batch wait little.
  public var batchSize: Int

  /// Creates a policy; with neither limit it deletes nothing.
  public init(maxAge: TimeInterval? = nil, maxCount: Int? = nil, batchSize: Int = 500) {
    self.maxAge = maxAge
    self.maxCount = maxCount
    self.batchSize = batchSize
  }

  /// Checks the limits, throwing ``StoreError/invalidRetentionPolicy(_:)``.
  func validate() throws {
    if let maxAge, !(maxAge >= 0) {
      throw StoreError.invalidRetentionPolicy("maxAge must be >= 0, got \(maxAge)")
    }
    if let maxCount, maxCount < 0 {
      throw StoreError.invalidRetentionPolicy("maxCount must be >= 0, got \(maxCount)")
    }
    guard batchSize > 0 else {
      throw StoreError.invalidRetentionPolicy("batchSize must be > 0, got \(batchSize)")
    }
  }

  /// The oldest creation time kept under ``maxAge`` at `now`, if there is an age limit.
  func ageCutoff(now: Date) -> MicrosecondTimestamp? {
    maxAge.map { MicrosecondTimestamp(now.addingTimeInterval(-$0)) }
  }

  /// Applies the policy through a store's two primitives, the same way for every store:
  /// records older than the age cutoff, then records beyond the newest ``maxCount`` (found by
  /// `firstPositionBeyond`), each deleted by `deleteBatch` until a batch comes back short, so
  /// writers waiting behind one batch wait little. Returns how many were deleted.
  func apply(
    now: Date, sql: RecommendationSQL,
    firstPositionBeyond: (ParameterisedSQL) async throws -> PageCursor?,
    deleteBatch: (ParameterisedSQL) async throws -> Int
  ) async throws -> Int {
    try validate()
    func deleteInBatches(_ batch: ParameterisedSQL) async throws -> Int {
      var total = 0
      while true {
        let count = try await deleteBatch(batch)
        total += count
        if count < batchSize { return total }
        await Task.yield()
      }
    }
    var deleted = 0
    if let cutoff = ageCutoff(now: now) {
      deleted += try await deleteInBatches(
        sql.deleteBatch(createdBefore: cutoff, batchSize: batchSize))
    }
    if let maxCount,
      let position = try await firstPositionBeyond(sql.selectFirstPositionBeyond(keep: maxCount))
    {
      deleted += try await deleteInBatches(
        sql.deleteBatch(atOrBefore: position, batchSize: batchSize))
    }
    return deleted
  }
}
