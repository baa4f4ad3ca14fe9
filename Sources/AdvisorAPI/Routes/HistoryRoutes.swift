import ComputeAdvisor
import Foundation
import HTTPServer
import Storage

/// The stored history: `GET /v1/recommendations` (newest first, keyset pages),
/// `GET /v1/recommendations/{id}` (with `ETag` and `If-None-Match`) and
/// `DELETE /v1/recommendations/{id}`.
struct HistoryRoutes: Sendable {
  static let defaultLimit = 20

  let advisor: Advisor
  let store: any RecommendationStore

  func register(on router: Router) {
    router.get(RecommendationRoutes.collectionPath) { request, _ in
      try await list(request, caller: .current)
    }
    router.get(RecommendationRoutes.collectionPath + "/:id") { request, context in
      try await read(request, id: context.parameters.raw("id") ?? "", caller: .current)
    }
    router.delete(RecommendationRoutes.collectionPath + "/:id") { request, context in
      try await remove(id: context.parameters.raw("id") ?? "", caller: .current)
    }
  }

  func read(_ request: HTTPRequest, id: String, caller: CallerIdentity) async throws
    -> HTTPResponse
  {
    _ = try RequestChecks.negotiate(request, offering: ["application/json"])
    guard Self.isIdentifier(id) else { throw APIError.recordNotFound(id) }
    let found = try await storeCall {
      try await store.record(id: id, clientID: caller.clientID, isAdmin: caller.isAdmin)
    }
    guard let record = found else { throw APIError.recordNotFound(id) }
    let tag = RecommendationRoutes.entityTag(of: record)
    if Self.matches(ifNoneMatch: request.headers.values(for: "If-None-Match"), tag: tag) {
      return HTTPResponse(status: .notModified, headers: ["ETag": tag])
    }
    return RecommendationRoutes.documentResponse(record, status: .ok)
  }

  func remove(id: String, caller: CallerIdentity) async throws -> HTTPResponse {
    guard Self.isIdentifier(id) else { throw APIError.recordNotFound(id) }
    let deleted = try await storeCall {
      try await store.delete(id: id, clientID: caller.clientID, isAdmin: caller.isAdmin)
    }
    guard deleted else { throw APIError.recordNotFound(id) }
    return HTTPResponse(status: .noContent)
  }

  func list(_ request: HTTPRequest, caller: CallerIdentity) async throws -> HTTPResponse {
    _ = try RequestChecks.negotiate(request, offering: ["application/json"])
    var query = try ListQueryParser(advisor: advisor).parse(request.queryItems)
    query.scope = ClientScope(clientID: caller.clientID, isAdmin: caller.isAdmin)
    let page: RecommendationPage
    do {
      page = try await storeCall { try await store.list(query) }
    } catch StoreError.invalidCursor {
      throw APIError.invalidQuery([
        .init(
          path: "cursor", code: "cursor.invalid",
          detail: "cursor is not one this service issued; start again without it.")
      ])
    }
    let items = page.records.map { record in
      RecommendationSummary(
        id: record.id, createdAt: Timestamp.format(record.createdAt), region: record.region,
        recommendedOption: record.recommendedOption,
        links: ["self": RecommendationRoutes.location(of: record.id)])
    }
    var links = ["self": request.target]
    var response = HTTPResponse.json([])
    if let next = page.nextCursor {
      let nextLink = ListQueryParser.link(for: query, cursor: next)
      links["next"] = nextLink
      response.headers.append(name: "Link", value: "<\(nextLink)>; rel=\"next\"")
    }
    response.body = Array(
      try Advisor.encode(
        RecommendationList(items: items, nextCursor: page.nextCursor, links: links), pretty: false))
    return response
  }

  /// Runs a store call, turning "storage unreachable" into 503.
  private func storeCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch StoreError.unavailable {
      throw APIError.storageUnavailable
    }
  }

  /// Ids are lower-case UUIDs; anything else cannot exist, so it is a 404 at once.
  static func isIdentifier(_ id: String) -> Bool {
    id.utf8.count == 36 && UUID(uuidString: id) != nil
  }

  /// Weak comparison of `If-None-Match` members against the current tag, `*` matching any
  /// (RFC 9110 section 13.1.2).
  static func matches(ifNoneMatch values: [String], tag: String) -> Bool {
    let opaque = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    return values.flatMap { $0.split(separator: ",") }.contains { member in
      var candidate = member.trimmingWhitespace()
      if candidate == "*" { return true }
      if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
      return candidate == opaque
    }
  }
}
