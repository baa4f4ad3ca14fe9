import Foundation
import Testing

@testable import ComputeAdvisor

/// The hand-written answer JSON is byte for byte what `JSONEncoder` writes.
@Suite struct RecommendationJSONTests {
  static func expectSameBytes(_ answer: Recommendation, _ label: String) throws {
    let expected = try Advisor.encode(answer, pretty: false)
    let written = try RecommendationJSON.bytes(answer)
    #expect(
      written == Array(expected),
      "\(label):\nexpected \(String(decoding: expected, as: UTF8.self))\nwritten  \(String(decoding: written, as: UTF8.self))"
    )
  }

  @Test(arguments: ExamplesTests.names)
  func everyExampleMatchesTheEncoder(name: String) throws {
    let answer = advisor.recommend(try advisor.parseWorkload(try exampleData(name)))
    try Self.expectSameBytes(answer, name)
  }

  @Test func generatedWorkloadsMatchTheEncoder() throws {
    var random = SeededGenerator(seed: 4_242)
    for index in 0..<300 {
      var description = WorkloadGenerator.make(&random)
      if index % 3 == 0 { description.name = "w/\(index) \"q\" \\ é\n\t\u{1}\u{8}\u{c}\u{1F}" }
      let answer = advisor.recommend(try advisor.resolve(description))
      try Self.expectSameBytes(answer, "generated workload \(index)")
    }
  }

  @Test func extraMembersMergeInSortedKeyOrder() throws {
    let answer = advisor.recommend(try advisor.parseWorkload(try exampleData("web-backend")))
    let written = try RecommendationJSON.bytes(
      answer,
      merging: [
        (key: "links", json: Array(#"{"self":"/x"}"#.utf8)),
        (key: "id", json: Array(#""abc""#.utf8)),
        (key: "createdAt", json: Array(#""2026-01-01T00:00:00Z""#.utf8)),
      ])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
    #expect(object["id"] as? String == "abc")
    let text = String(decoding: written, as: UTF8.self)
    let order = ["\"breakEven\":", "\"createdAt\":", "\"id\":", "\"links\":", "\"options\":"]
    let positions = order.compactMap { text.range(of: $0)?.lowerBound }
    #expect(positions.count == order.count && positions == positions.sorted())
  }

  @Test func nonFiniteNumbersAreRefusedAsTheEncoderRefusesThem() {
    var buffer = JSONBuffer()
    #expect(throws: JSONBufferError.nonFiniteNumber(.infinity)) { try buffer.number(.infinity) }
  }

  @Test(arguments: [0, -0.0, 3, -3, 0.1, 1e-7, 123_456_789_012_345, 1e15, 1e16, 2.5e300, -1.25])
  func numbersAreWrittenAsTheEncoderWritesThem(value: Double) throws {
    var buffer = JSONBuffer()
    buffer.beginArray()
    try buffer.number(value)
    buffer.endArray()
    #expect(buffer.bytes == Array(try Advisor.encode([value], pretty: false)))
  }
}
