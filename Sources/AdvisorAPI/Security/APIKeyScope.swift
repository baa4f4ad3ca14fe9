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
  /// One bit per granted scope (see `bit(_:)`): checked on every request, so it is a mask
  /// test rather than a hashed set lookup.
  private let mask: UInt8

  /// Wraps granted scopes.
  public init<Scopes: Sequence>(_ scopes: Scopes) where Scopes.Element == APIKeyScope {
    granted = Set(scopes)
    mask = granted.reduce(0) { $0 | Self.bit($1) }
  }

  /// Whether the key may use any history, not only its own.
  public var isAdmin: Bool { mask & Self.bit(.admin) != 0 }

  /// Whether a route needing `scope` is allowed; `admin` allows everything.
  public func allows(_ scope: APIKeyScope) -> Bool {
    isAdmin || mask & Self.bit(scope) != 0
  }

  private static func bit(_ scope: APIKeyScope) -> UInt8 {
    switch scope {
    case .recommend: 1
    case .read: 2
    case .admin: 4
    }
  }
}
