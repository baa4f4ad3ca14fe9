import Foundation
import Testing

@testable import AdvisorAPI

/// The hand-written JSON of the history listing parses back to what was written.
@Suite struct JSONObjectWriterTests {
  @Test func stringsSurviveEscaping() throws {
    let awkward = [
      "plain", "quote \" and backslash \\", "line\nfeed\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
      "naïve 東京 🚀", "/slashes/", "",
    ]
    for text in awkward {
      var writer = JSONObjectWriter()
      writer.string("value", text)
      writer.string("absent", nil)
      let bytes = writer.finish()
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
      #expect(object["value"] as? String == text)
      #expect(object.keys.sorted() == ["value"])
    }
  }

  @Test func aListingPageHasTheContractShape() throws {
    let summaries = [
      RecommendationSummary(
        id: "a", createdAt: "2026-01-01T00:00:00.000000Z", region: "eu-west-1",
        recommendedOption: "lambda"),
      RecommendationSummary(
        id: "b", createdAt: "2026-01-02T00:00:00.000000Z", region: "us-east-1",
        recommendedOption: nil),
    ]
    let list = RecommendationList(
      items: summaries, nextCursor: "next", links: ["self": "/x", "next": "/y"])
    let page = try #require(
      try JSONSerialization.jsonObject(with: Data(list.json)) as? [String: Any])
    #expect(page["nextCursor"] as? String == "next")
    #expect(page["links"] as? [String: String] == ["self": "/x", "next": "/y"])
    let items = try #require(page["items"] as? [[String: Any]])
    #expect(items.count == 2)
    #expect(items[0]["recommendedOption"] as? String == "lambda")
    #expect(items[1]["recommendedOption"] == nil)
    #expect((items[1]["links"] as? [String: String])?["self"] == "/v1/recommendations/b")
    let last = RecommendationList(items: [], nextCursor: nil, links: ["self": "/x"])
    #expect(String(decoding: last.json, as: UTF8.self) == #"{"items":[],"links":{"self":"/x"}}"#)
  }
}
