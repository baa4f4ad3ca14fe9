/// Failures a ``RecommendationStore`` reports, each one the API can map to an HTTP status.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The idempotency key was already used by this client with a different request body
  /// (HTTP 409 or 422). `existingID` is the record the key belongs to.
  case idempotencyConflict(existingID: String)
  /// A record with this identifier already exists (an API bug or a reused id; HTTP 500 or 409).
  case duplicateID(String)
  /// The pagination cursor was not produced by this store or was altered (HTTP 400).
  case invalidCursor
  /// The page size is outside ``RecommendationListQuery/limitRange`` (HTTP 400).
  case invalidLimit(Int)
  /// The retention policy has a negative age or count (a configuration error).
  case invalidRetentionPolicy(String)
  /// The database cannot be reached or refused the operation for now (HTTP 503).
  case unavailable(String)
  /// The database answered something the store did not expect (HTTP 500).
  case unexpected(String)

  /// A one-line explanation for logs and problem details.
  public var description: String {
    switch self {
    case .idempotencyConflict(let existingID):
      "idempotency key already used with a different request (record \(existingID))"
    case .duplicateID(let id): "a record with id \(id) already exists"
    case .invalidCursor: "invalid pagination cursor"
    case .invalidLimit(let limit):
      "limit \(limit) is outside \(RecommendationListQuery.limitRange)"
    case .invalidRetentionPolicy(let reason): "invalid retention policy: \(reason)"
    case .unavailable(let reason): "storage unavailable: \(reason)"
    case .unexpected(let reason): "unexpected storage failure: \(reason)"
    }
  }
}
