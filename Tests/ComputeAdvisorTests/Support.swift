import Foundation
import Testing

@testable import ComputeAdvisor

/// The advisor over the bundled catalog, shared by the tests.
let advisor = Advisor()

/// Parses a workload written as JSON text, failing the test with every problem if invalid.
func workload(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Workload
{
  do {
    return try advisor.parseWorkload(Array(json.utf8))
  } catch {
    Issue.record("workload rejected: \(error)", sourceLocation: sourceLocation)
    throw error
  }
}

/// The problems a workload JSON is rejected with (empty when accepted).
func problems(_ json: String) -> [InputProblem] {
  do {
    _ = try advisor.parseWorkload(Array(json.utf8))
    return []
  } catch {
    return error.problems
  }
}

extension Recommendation {
  func option(_ id: String) -> OptionAssessment {
    guard let found = options.first(where: { $0.option == id }) else {
      fatalError("no option \(id)")
    }
    return found
  }
}

extension OptionAssessment {
  /// The cents of the lines of a category (what a worked example itemises).
  func cents(_ category: CostCategory) -> Double {
    Money(
      monthlyCost?.lines.filter { $0.category == category }.reduce(0) { $0 + $1.amountUSD.usd } ?? 0
    ).cents
  }

  var totalCents: Double? { monthlyCost?.totalUSD.cents }

  func lines(_ priceId: String) -> [CostLine] {
    monthlyCost?.lines.filter { $0.priceId == priceId } ?? []
  }
}

/// The repository's examples directory.
let examplesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("examples")

func exampleData(_ name: String) throws -> Data {
  try Data(contentsOf: examplesDirectory.appendingPathComponent(name + ".json"))
}
