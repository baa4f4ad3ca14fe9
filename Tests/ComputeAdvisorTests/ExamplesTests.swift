import Foundation
import Testing

@testable import ComputeAdvisor

/// Every example in examples/ parses and gets a sound answer; the seed's own cases get the
/// answer the seed expects.
@Suite struct ExamplesTests {
  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }()

  @Test func thereAreExamplesForTheSeedsCases() {
    for name in [
      "expense-report-processor", "web-backend", "gpu-training-job",
      "containerised-service-kubernetes",
      "containerised-service", "nightly-batch", "websocket-server",
    ] {
      #expect(Self.names.contains(name), "missing example \(name)")
    }
  }

  @Test(arguments: names)
  func everyExampleAnswers(name: String) throws {
    let input = try advisor.parseWorkload(try exampleData(name))
    let answer = advisor.recommend(input)
    let pick = try #require(answer.recommendation, "\(name): no recommendation")
    #expect(pick.monthlyCostUSD.map { $0.usd.isFinite && $0.usd >= 0 } == true)
    #expect(answer.option(pick.option).eligible)
    #expect(!answer.pricing.figures.isEmpty)
    _ = try Advisor.encode(answer)
  }

  @Test(arguments: [
    ("expense-report-processor", ["lambda"]),
    ("gpu-training-job", ["ec2"]),
    ("containerised-service-kubernetes", ["eks-ec2", "eks-fargate"]),
    ("containerised-service", ["ecs-fargate", "ecs-ec2"]),
    ("nightly-batch", ["ecs-fargate", "ec2", "ecs-ec2"]),
    ("websocket-server", ["ecs-fargate", "ecs-ec2", "ec2"]),
  ])
  func theSeedsCasesGetTheExpectedKindOfAnswer(name: String, expected: [String]) throws {
    let answer = advisor.recommend(try advisor.parseWorkload(try exampleData(name)))
    #expect(
      expected.contains(answer.recommendation?.option ?? "none"),
      "\(name): \(answer.recommendation?.option ?? "none")")
  }

  @Test func theWebsocketServerIsNotLambda() throws {
    let answer = advisor.recommend(try advisor.parseWorkload(try exampleData("websocket-server")))
    let codes = answer.option("lambda").ineligibility.map(\.code)
    #expect(codes.contains("lambda.long-running-unsupported"))
    #expect(codes.contains("lambda.persistent-connections-unsupported"))
  }
}
