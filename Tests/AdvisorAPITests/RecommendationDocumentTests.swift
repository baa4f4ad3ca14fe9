import ComputeAdvisor
import Foundation
import Storage
import Testing

@testable import AdvisorAPI

/// The stored and served document, written by hand, is the bytes the Codable path writes.
@Suite struct RecommendationDocumentTests {
  static let examples: [URL] = {
    let directory = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("examples")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.sorted().map {
      directory.appendingPathComponent($0)
    }
  }()

  @Test func thereAreExamples() {
    #expect(Self.examples.count >= 7)
  }

  @Test(arguments: examples)
  func handWrittenDocumentMatchesTheCodablePath(example: URL) throws {
    let answer = sharedAdvisor.recommend(
      try sharedAdvisor.parseWorkload(try Data(contentsOf: example)))
    let document = RecommendationDocument(
      id: RecommendationRoutes.newIdentifier(),
      createdAt: MicrosecondTimestamp(Date()).date, answer: answer)
    let written = try document.encoded()
    let reference = try document.encodedWithFoundation()
    #expect(
      written == reference,
      "\(example.lastPathComponent):\n\(String(decoding: written, as: UTF8.self))")
  }
}
