import ComputeAdvisor
import Foundation
import HTTPServer
import Storage

/// `POST /v1/recommendations`: evaluate a workload, store the query and its answer, and
/// answer `201 Created` with the stored document. Honours `Idempotency-Key`.
struct RecommendationRoutes: Sendable {
  static let collectionPath = "/v1/recommendations"
  static let idempotencyKeyHeader = "Idempotency-Key"

  let advisor: Advisor
  let store: any RecommendationStore

  /// The path of one stored recommendation.
  static func location(of id: String) -> String { "\(collectionPath)/\(id)" }

  func register(on router: Router) {
    router.post(Self.collectionPath) { request, context in
      try await create(request, caller: .current)
    }
  }

  func create(_ request: HTTPRequest, caller: CallerIdentity) async throws -> HTTPResponse {
    try RequestChecks.requireJSONBody(request)
    _ = try RequestChecks.negotiate(request, offering: ["application/json"])
    let idempotencyKey = try Self.idempotencyKey(in: request)

    let workload: Workload
    do {
      workload = try advisor.parseWorkload(request.body)
    } catch {
      throw RequestChecks.problem(for: error, describing: "workload")
    }
    let answer = advisor.recommend(workload)
    let id = Self.newIdentifier()
    let createdAt = MicrosecondTimestamp(Date()).date
    let document = try RecommendationDocument(id: id, createdAt: createdAt, answer: answer)
      .encoded()
    let record = StoredRecommendation(
      id: id, createdAt: createdAt, clientID: caller.clientID, idempotencyKey: idempotencyKey,
      requestDigest: SHA256Digest(of: try Advisor.encode(workload.resolved, pretty: false))
        .hexString,
      recommendedOption: answer.recommendation?.option, region: answer.region,
      request: Data(request.body), response: document)

    let outcome: InsertOutcome
    do {
      outcome = try await store.insert(record)
    } catch StoreError.idempotencyConflict(let existingID) {
      throw APIError(
        .unprocessableContent, type: "idempotency-key-reused",
        title: "Idempotency key reused",
        detail: "Idempotency-Key \(idempotencyKey ?? "") was already used for a different "
          + "workload (recommendation \(existingID)); use a new key for a new request.")
    } catch StoreError.unavailable {
      throw APIError.storageUnavailable
    }
    var response = Self.documentResponse(outcome.record, status: .created)
    response.headers.replace(name: "Location", value: Self.location(of: outcome.record.id))
    if case .replayed = outcome {
      response.headers.replace(name: "Idempotent-Replayed", value: "true")
    }
    return response
  }

  /// The stored document as a JSON response with its entity tag.
  static func documentResponse(_ record: StoredRecommendation, status: HTTPStatus) -> HTTPResponse {
    var response = HTTPResponse.json(Array(record.response), status: status)
    response.headers.replace(name: "ETag", value: entityTag(of: record))
    return response
  }

  /// A strong entity tag: a stored document never changes and its id is never reused, so
  /// the id names its bytes exactly. (A digest of the 20-odd KB document cost about 9% of
  /// a POST's CPU time and as much again on every read.)
  static func entityTag(of record: StoredRecommendation) -> String {
    "\"" + record.id + "\""
  }

  /// The `Idempotency-Key`, if sent: 1 to 255 visible ASCII characters, sent once.
  static func idempotencyKey(in request: HTTPRequest) throws(APIError) -> String? {
    let values = request.headers.values(for: idempotencyKeyHeader)
    guard let key = values.first else { return nil }
    let valid =
      values.count == 1 && (1...255).contains(key.utf8.count)
      && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    guard valid else {
      throw APIError(
        .badRequest, type: "invalid-header", title: "Invalid Idempotency-Key",
        detail: "Idempotency-Key must be sent once, as 1 to 255 visible ASCII characters.",
        errors: [.init(path: "Idempotency-Key", code: "header.invalid", detail: "not a valid key")]
      )
    }
    return key
  }

  /// A new record id: 128 random bits as a lower-case UUID.
  static func newIdentifier() -> String {
    RandomIdentifier.uuid()
  }
}
