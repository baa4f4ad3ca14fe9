/// What an API key may do. `admin` includes the other two.
public enum APIKeyScope: String, Codable, Sendable, CaseIterable, Comparable {
  /// Evaluate workloads: `POST /v1/recommendations` and `POST /v1/comparisons`.
  case recommend
  /// Read and delete the key's own history.
  case read
  /// Read and delete every client's history.
  case admin

  /// Orders scopes by name, for stable listings.
  public static func < (lhs: APIKeyScope, rhs: APIKeyScope) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// The scopes a key holds, answering whether a route's requirement is met.
public struct APIKeyScopes: Sendable, Equatable {
  /// The scopes as granted.
  public let granted: Set<APIKeyScope>

  /// Wraps granted scopes.
  public init<Scopes: Sequence>(_ scopes: Scopes) where Scopes.Element == APIKeyScope {
    granted = Set(scopes)
  }

  /// Whether the key may use any history, not only its own.
  public var isAdmin: Bool { granted.contains(.admin) }

  /// Whether a route needing `scope` is allowed; `admin` allows everything.
  public func allows(_ scope: APIKeyScope) -> Bool {
    isAdmin || granted.contains(scope)
  }
}
