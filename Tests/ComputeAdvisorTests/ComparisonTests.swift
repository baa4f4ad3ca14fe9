import Foundation
import Testing

@testable import ComputeAdvisor

/// What-if sweeps (POST /v1/comparisons) and the recommendation's own break-even points.
@Suite struct ComparisonTests {
  let web =
    #"{"pattern": "request-driven", "packaging": "container", "traffic": {"requestsPerMonth": 20000000}, "execution": {"averageDurationMs": 120}, "resources": {"vcpu": 1, "memoryMiB": 2048}}"#

  @Test func aRequestRateSweepPricesEveryOptionAtEveryPoint() throws {
    let comparison = try advisor.compare(
      try workload(web), ComparisonRequest(parameter: .requestRate, from: 1e5, to: 1e9, points: 9))
    #expect(comparison.points.count == 9)
    #expect(comparison.points.first?.value == 1e5)
    #expect(comparison.points.last?.value == 1e9)
    #expect(comparison.unit == "requests/month")
    #expect(comparison.current == 2e7)
    for point in comparison.points {
      #expect(point.costs.map(\.option) == advisor.optionIDs)
      let cheapest = point.costs.filter { $0.monthlyCostUSD != nil }.min {
        $0.monthlyCostUSD!.usd < $1.monthlyCostUSD!.usd
      }
      #expect(point.cheapest == cheapest?.option)
    }
    #expect(!comparison.breakEven.isEmpty)
  }

  /// Just below a break-even point the `below` option is cheaper; just above, `above` is.
  @Test func breakEvenPointsAreWhereTheCheapestChanges() throws {
    let input = try workload(web)
    let comparison = try advisor.compare(
      input, ComparisonRequest(parameter: .requestRate, from: 1e5, to: 1e10))
    let sweep = Sweep(advisor: advisor, workload: input, parameter: .requestRate)
    for point in comparison.breakEven {
      let ids = advisor.optionIDs
      let below = ids.firstIndex(of: point.below)!
      let above = ids.firstIndex(of: point.above)!
      let under = sweep.costs(at: point.value / 1.02)
      let over = sweep.costs(at: point.value * 1.02)
      #expect(under[below]!.infrastructure <= under[above]!.infrastructure, "\(point.sentence)")
      #expect(over[above]!.infrastructure <= over[below]!.infrastructure, "\(point.sentence)")
      #expect(point.sentence.hasPrefix("Above "))
    }
  }

  @Test func theRecommendationUsesTheSameBreakEvenCode() throws {
    let input = try workload(web)
    let answer = advisor.recommend(input)
    let factors = [0.01, pow(10, -1.5), 0.1, pow(10, -0.5), 1, pow(10, 0.5), 10, pow(10, 1.5), 100]
    let sweep = Sweep(advisor: advisor, workload: input, parameter: .requestRate)
    let values = factors.map { 2e7 * $0 }
    let columns = values.map { sweep.costs(at: $0) }
    let expected =
      sweep.breakEvens(values: values, columns: columns, metric: .infrastructure)
      + sweep.breakEvens(values: values, columns: columns, metric: .tco)
    #expect(answer.breakEven == expected)
    #expect(!answer.breakEven.isEmpty)
    let scenario = try #require(answer.sensitivity.scenarios.first { $0.factor == 10 })
    #expect(scenario.parameterValue == 2e8)
    #expect(scenario.costs.map(\.option) == advisor.optionIDs)
  }

  @Test func durationAndMemorySweepsMarkIneligibleOptions() throws {
    let input = try workload(
      #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 10000}, "execution": {"averageDurationMs": 60000}}"#
    )
    let duration = try advisor.compare(
      input, ComparisonRequest(parameter: .duration, from: 1000, to: 3_600_000, points: 12))
    let lambda = advisor.optionIDs.firstIndex(of: "lambda")!
    #expect(duration.points.first?.costs[lambda].monthlyCostUSD != nil)
    #expect(duration.points.last?.costs[lambda].monthlyCostUSD == nil)
    #expect(duration.breakEven.contains { $0.below == "lambda" })

    let memory = try advisor.compare(
      input, ComparisonRequest(parameter: .memory, from: 128, to: 16384, points: 8))
    #expect(memory.points.last?.costs[lambda].monthlyCostUSD == nil)
    #expect(memory.unit == "MiB")
  }

  @Test func badRequestsListEveryProblem() throws {
    let input = try workload(web)
    do {
      _ = try advisor.compare(
        input, ComparisonRequest(parameter: .memory, from: 64, to: 1e9, points: 1))
      Issue.record("accepted a bad sweep")
    } catch {
      #expect(Set(error.problems.map(\.path)) == ["points", "from", "to"])
    }
  }

  @Test func parsingAComparisonRequestPrefixesWorkloadPaths() {
    let body =
      #"{"workload": {"pattern": "batch", "traffic": {"jobsPerMonth": -1}, "execution": {"averageDurationMs": 5}}, "parameter": "speed", "points": 2.5, "extra": true}"#
    do {
      _ = try advisor.parseComparison(Array(body.utf8))
      Issue.record("accepted a bad comparison request")
    } catch {
      let paths = Set(error.problems.map(\.path))
      #expect(paths == ["workload.traffic.jobsPerMonth", "parameter", "points", "extra"])
    }
    #expect(throws: WorkloadInputError.self) { try advisor.parseComparison(Array("{".utf8)) }
  }

  @Test func aParsedComparisonRequestRuns() throws {
    let body = #"{"workload": \#(web), "parameter": "requestRate", "points": 5, "metric": "tco"}"#
    let (input, request) = try advisor.parseComparison(Array(body.utf8))
    let comparison = try advisor.compare(input, request)
    #expect(comparison.metric == .tco)
    #expect(comparison.points.count == 5)
    #expect(comparison.points.first?.value == 2e5)
    #expect(comparison.points.last?.value == 2e9)
  }
}
