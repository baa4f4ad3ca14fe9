import ComputeAdvisor
import Foundation

/// A stored recommendation as the API returns it: the domain's answer with the record's
/// `id`, `createdAt` and a link to itself at the top level.
struct RecommendationDocument: Encodable {
  let id: String
  let createdAt: Date
  let answer: Recommendation

  private enum CodingKeys: String, CodingKey {
    case id, createdAt, links
  }

  func encode(to encoder: any Encoder) throws {
    // The answer's keys and ours share one JSON object.
    try answer.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
    try container.encode(["self": RecommendationRoutes.location(of: id)], forKey: .links)
  }

  /// The JSON bytes stored and served for this document (sorted keys: deterministic).
  func encoded() throws -> Data {
    try Advisor.encode(self, pretty: false)
  }
}

/// One entry of the history listing: enough to pick a record without fetching it.
struct RecommendationSummary: Encodable {
  let id: String
  let createdAt: String
  let region: String
  let recommendedOption: String?
  let links: [String: String]
}

/// A page of the history listing.
struct RecommendationList: Encodable {
  let items: [RecommendationSummary]
  let nextCursor: String?
  let links: [String: String]
}
