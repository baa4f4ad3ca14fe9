import HTTPServer
import Logging

/// Checks `Authorization: Bearer <token>` against the key ring on every route that needs a
/// key: 401 with `WWW-Authenticate: Bearer` when it is missing or unknown, 403 when the key
/// lacks the route's scope. Its key id goes into the request's access-log line.
///
/// Synchronous, so that ``AccessControlMiddleware`` runs it without an async frame of its
/// own.
struct APIKeyAuthentication: Sendable {
  let keyRing: APIKeyRing
  let metrics: ServiceMetrics?

  /// The caller a request authenticates as, or nil for an open route; throws the 401 or 403
  /// answer when the key is missing, unknown or lacks the route's scope.
  func caller(of request: HTTPRequest, route: String?) throws -> CallerIdentity? {
    let requirement = RouteAccessPolicy.requirement(method: request.method, route: route)
    if requirement == .open { return nil }
    guard let token = Self.bearerToken(in: request) else {
      metrics?.recordAuthenticationFailure(reason: "missing")
      throw Self.unauthorized(
        "Send an API key as `Authorization: Bearer <key>`.", error: nil)
    }
    guard let client = keyRing.authenticate(bearerBytes: token) else {
      metrics?.recordAuthenticationFailure(reason: "invalid")
      throw Self.unauthorized(
        "The API key is not valid (unknown or revoked).", error: "invalid_token")
    }
    RequestObservation.current?.keyID = client.keyID
    if case .scope(let scope) = requirement, !client.scopes.allows(scope) {
      metrics?.recordAuthenticationFailure(reason: "scope")
      throw APIError(
        .forbidden, type: "insufficient-scope", title: "Insufficient scope",
        detail: "API key \(client.keyID) lacks the `\(scope.rawValue)` scope this request needs.")
    }
    return CallerIdentity(clientID: client.keyID, isAdmin: client.scopes.isAdmin)
  }

  /// The token of a single `Authorization: Bearer` field (scheme case-insensitive, spaces
  /// and tabs around the token ignored), as a slice of the request's header bytes: it runs on
  /// every request, so it reads the bytes in place and copies nothing.
  static func bearerToken(in request: HTTPRequest) -> ArraySlice<UInt8>? {
    guard let bytes = request.headers.uniqueValueBytes(for: "Authorization") else { return nil }
    var start = bytes.startIndex
    for expected in "bearer".utf8 {
      guard start < bytes.endIndex, bytes[start] | 0x20 == expected else { return nil }
      start += 1
    }
    guard start < bytes.endIndex, isBlank(bytes[start]) else { return nil }
    var end = bytes.endIndex
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    return start < end ? bytes[start..<end] : nil
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }

  /// 401 with the challenge RFC 6750 asks for.
  static func unauthorized(_ detail: String, error: String?) -> APIError {
    let challenge =
      error.map { "Bearer realm=\"compute-advisor\", error=\"\($0)\"" }
      ?? "Bearer realm=\"compute-advisor\""
    return APIError(
      .unauthorized, type: "unauthorized", title: "Authentication required", detail: detail,
      headers: ["WWW-Authenticate": challenge])
  }
}
