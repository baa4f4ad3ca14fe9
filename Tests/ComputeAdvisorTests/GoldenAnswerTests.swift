import Foundation
import Testing

@testable import ComputeAdvisor

/// Speed work must not change a single answer: every example's answer is byte for byte the
/// one stored in Golden/ (written by the code before the evaluation was made faster), and
/// 200 generated workloads' answers hash to the stored digests.
///
/// To re-record after an intended change of the answer: `GOLDEN_RECORD=1 swift test --filter
/// GoldenAnswerTests`, then review the diff of Golden/.
@Suite struct GoldenAnswerTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Golden")
  static let recording = ProcessInfo.processInfo.environment["GOLDEN_RECORD"] == "1"

  @Test(arguments: ExamplesTests.names)
  func exampleAnswerIsUnchanged(name: String) throws {
    let answer = advisor.recommend(try advisor.parseWorkload(try exampleData(name)))
    let bytes = try Advisor.encode(answer, pretty: true)
    let file = Self.directory.appendingPathComponent(name + ".answer.json")
    if Self.recording { try bytes.write(to: file) }
    let golden = try Data(contentsOf: file)
    #expect(bytes == golden, "\(name): the answer differs from Golden/\(name).answer.json")
  }

  @Test func generatedAnswersAreUnchanged() throws {
    var random = SeededGenerator(seed: 1_129)
    var digests: [String] = []
    for _ in 0..<200 {
      let answer = advisor.recommend(try advisor.resolve(WorkloadGenerator.make(&random)))
      digests.append(Self.fnv1a(try Advisor.encode(answer, pretty: false)))
    }
    let text = digests.joined(separator: "\n") + "\n"
    let file = Self.directory.appendingPathComponent("generated-answers.fnv1a")
    if Self.recording { try Data(text.utf8).write(to: file) }
    let golden = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    #expect(golden.count == digests.count)
    for (index, (digest, stored)) in zip(digests, golden).enumerated() {
      #expect(digest == stored, "generated workload \(index): the answer changed")
    }
  }

  /// FNV-1a, 64 bits, as 16 hex digits: enough to notice any changed byte of an answer.
  static func fnv1a(_ bytes: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
