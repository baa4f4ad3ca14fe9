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

  /// The JSON bytes stored and served for this document (sorted keys: deterministic),
  /// written by ``RecommendationJSON``: the same bytes as `Advisor.encode(self, pretty:
  /// false)` (``encodedWithFoundation()``) at about a tenth of the CPU time.
  func encoded() throws -> Data {
    Data(try RecommendationJSON.bytes(answer, merging: envelopeMembers))
  }

  /// The same bytes through Foundation's `JSONEncoder` and `encode(to:)`: the reference the
  /// hand-written path is tested against.
  func encodedWithFoundation() throws -> Data {
    try Advisor.encode(self, pretty: false)
  }

  /// `id`, `createdAt` and `links` as JSON text, to merge with the answer's members.
  private var envelopeMembers: [(key: String, json: [UInt8])] {
    func quoted(_ text: String) -> [UInt8] {
      var buffer = JSONBuffer(capacity: text.utf8.count + 8)
      buffer.string(text)
      return buffer.bytes
    }
    var links = JSONBuffer(capacity: 64)
    links.beginObject()
    links.key("self")
    links.string(RecommendationRoutes.location(of: id))
    links.endObject()
    return [
      (key: "createdAt", json: quoted(Timestamp.format(createdAt))),
      (key: "id", json: quoted(id)),
      (key: "links", json: links.bytes),
    ]
  }
}

/// One entry of the history listing: enough to pick a record without fetching it.
struct RecommendationSummary {
  let id: String
  let createdAt: String
  let region: String
  let recommendedOption: String?

  /// `{"createdAt", "id", "links": {"self"}, "recommendedOption", "region"}`.
  var json: [UInt8] {
    var links = JSONObjectWriter(capacity: 64)
    links.string("self", RecommendationRoutes.location(of: id))
    var writer = JSONObjectWriter(capacity: 200)
    writer.string("createdAt", createdAt)
    writer.string("id", id)
    writer.json("links", links.finish())
    writer.string("recommendedOption", recommendedOption)
    writer.string("region", region)
    return writer.finish()
  }
}

/// A page of the history listing.
struct RecommendationList {
  let items: [RecommendationSummary]
  let nextCursor: String?
  /// `self`, and `next` when there is a next page.
  let links: [String: String]

  /// `{"items": [...], "links": {...}, "nextCursor"}`, written by hand: see
  /// ``JSONObjectWriter``.
  var json: [UInt8] {
    var linkWriter = JSONObjectWriter(capacity: 128)
    for (name, target) in links.sorted(by: { $0.key < $1.key }) {
      linkWriter.string(name, target)
    }
    var writer = JSONObjectWriter(capacity: 200 * items.count + 256)
    writer.array("items", items.map(\.json))
    writer.json("links", linkWriter.finish())
    writer.string("nextCursor", nextCursor)
    return writer.finish()
  }
}
