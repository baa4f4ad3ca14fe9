import Foundation
import Testing

@testable import ComputeAdvisor

/// Properties over many generated workloads (deterministic seed).
@Suite struct PropertyTests {
  static let count = 500

  static let workloads: [Workload] = {
    var random = SeededGenerator(seed: 20_261_129)
    return (0..<count).map { index in
      let description = WorkloadGenerator.make(&random)
      do {
        return try advisor.resolve(description)
      } catch {
        fatalError("generated workload \(index) is invalid: \(error)\n\(description)")
      }
    }
  }()

  /// Each option's monthly bill, nil where ineligible or unpriced.
  func bills(_ workload: Workload) -> [String: Double] {
    let context = advisor.context(for: workload)
    var result: [String: Double] = [:]
    for option in advisor.registry.options {
      if let cost = advisor.evaluate(option, workload, context).cost {
        result[option.id] = cost.totalUSD.usd
      }
    }
    return result
  }

  func isSane(_ value: Double) -> Bool { value.isFinite && value >= 0 }

  @Test func moneyIsNeverNegativeNaNOrInfinite() {
    for workload in Self.workloads {
      let answer = advisor.recommend(workload)
      for option in answer.options {
        for line in option.monthlyCost?.lines ?? [] {
          #expect(
            isSane(line.amountUSD.usd) && isSane(line.quantity) && isSane(line.unitPriceUSD),
            "\(line)")
        }
        for money in [
          option.monthlyCost?.totalUSD, option.totalCostOfOwnershipUSD, option.weightedCostUSD,
          option.management?.costUSD,
        ].compactMap({ $0 }) {
          #expect(isSane(money.usd))
        }
        if let management = option.management { #expect(isSane(management.hoursPerMonth)) }
      }
      for scenario in answer.sensitivity.scenarios {
        for cost in scenario.costs {
          #expect(
            isSane(cost.monthlyCostUSD?.usd ?? 0) && isSane(cost.totalCostOfOwnershipUSD?.usd ?? 0))
        }
      }
      for point in answer.breakEven { #expect(point.value.isFinite && point.value > 0) }
    }
  }

  @Test func anIneligibleOptionIsNeverRecommended() {
    for workload in Self.workloads {
      let answer = advisor.recommend(workload)
      guard let pick = answer.recommendation else {
        #expect(answer.options.allSatisfy { !$0.eligible })
        continue
      }
      let chosen = answer.option(pick.option)
      #expect(chosen.eligible && chosen.rank == 1)
      // An unpriced option is picked only when no eligible option could be priced.
      if chosen.monthlyCost == nil {
        #expect(answer.options.allSatisfy { !$0.eligible || $0.monthlyCost == nil })
      }
      for option in answer.options where !option.eligible { #expect(option.rank == nil) }
    }
  }

  /// Same input bytes, same answer bytes; and the resolved description, sent back, is the
  /// same workload (only the assumptions, now given values, differ).
  @Test func theSameInputGivesTheSameAnswer() throws {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<60 {
      let input = try Advisor.encode(WorkloadGenerator.make(&random))
      let first = try Advisor.encode(advisor.recommend(try advisor.parseWorkload(input)))
      let again = try Advisor.encode(advisor.recommend(try advisor.parseWorkload(input)))
      #expect(first == again)
      let workload = try advisor.parseWorkload(input)
      let echoed = try advisor.parseWorkload(try Advisor.encode(workload.resolved))
      var left = advisor.recommend(workload)
      var right = advisor.recommend(echoed)
      left.assumptions = []
      right.assumptions = []
      let leftLines = String(decoding: try Advisor.encode(left), as: UTF8.self).split(
        separator: "\n")
      let rightLines = String(decoding: try Advisor.encode(right), as: UTF8.self).split(
        separator: "\n")
      let firstDifference = zip(leftLines, rightLines).first { $0 != $1 }
      #expect(
        firstDifference == nil && leftLines.count == rightLines.count,
        "\(String(describing: firstDifference))")
    }
  }

  @Test func costNeverFallsAsRequestsGrow() {
    for workload in Self.workloads {
      let base = bills(workload)
      let current = workload.value(of: .requestRate)
      for factor in [1.7, 10.0] {
        let grown = bills(workload.with(.requestRate, current * factor))
        for (option, cost) in base {
          guard let more = grown[option] else { continue }
          #expect(
            more >= cost * (1 - 1e-12),
            "\(option): \(cost) -> \(more) at x\(factor)\n\(workload.resolved)")
        }
      }
    }
  }

  @Test func costNeverFallsAsDurationGrows() {
    for workload in Self.workloads where workload.averageDurationMs > 0 {
      let base = bills(workload)
      let grown = bills(workload.with(.duration, workload.averageDurationMs * 1.5))
      for (option, cost) in base {
        guard let more = grown[option] else { continue }
        #expect(more >= cost * (1 - 1e-12), "\(option): \(cost) -> \(more)\n\(workload.resolved)")
      }
    }
  }

  @Test func costNeverFallsAsMemoryGrows() {
    for workload in Self.workloads {
      let base = bills(workload)
      let grown = bills(workload.with(.memory, workload.memoryMiB * 1.5))
      for (option, cost) in base {
        guard let more = grown[option] else { continue }
        #expect(more >= cost * (1 - 1e-12), "\(option): \(cost) -> \(more)\n\(workload.resolved)")
      }
    }
  }

  /// The sweep's fast path prices exactly what the full evaluation bills.
  @Test func sweepPricesMatchTheFullBills() {
    for workload in Self.workloads {
      let sweep = Sweep(advisor: advisor, workload: workload, parameter: .requestRate)
      let fast = sweep.costs(at: workload.value(of: .requestRate))
      let full = bills(workload)
      for (index, option) in advisor.optionIDs.enumerated() {
        let a = fast[index]?.infrastructure
        let b = full[option]
        #expect(
          (a == nil) == (b == nil),
          "\(option): sweep \(String(describing: a)), full \(String(describing: b))")
        if let a, let b { #expect(abs(a - b) <= 1e-9 * max(1, b), "\(option): \(a) vs \(b)") }
      }
    }
  }

  @Test(arguments: [
    #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 1}, "execution": {"averageDurationMs": 1}}"#,
    #"{"pattern": "request-driven", "traffic": {"requestsPerMonth": 10000000000}, "execution": {"averageDurationMs": 20}}"#,
    #"{"pattern": "event-driven", "traffic": {"requestsPerMonth": 1000000}, "execution": {"averageDurationMs": 500}, "resources": {"memoryMiB": 10240}}"#,
    #"{"pattern": "batch", "traffic": {"jobsPerMonth": 1}, "execution": {"averageDurationMs": 7200000}, "resources": {"vcpu": 16, "memoryMiB": 65536}}"#,
    #"{"pattern": "scheduled", "traffic": {"jobsPerMonth": 1000000000}, "execution": {"averageDurationMs": 1}}"#,
    #"{"pattern": "long-running", "traffic": {"replicas": 10000}, "resources": {"vcpu": 0.25, "memoryMiB": 128}}"#,
    #"{"pattern": "request-driven", "traffic": {"requestsPerSecond": {"average": 0.00001, "peak": 4000000}}, "execution": {"averageDurationMs": 2678400000}}"#,
  ])
  func extremeButValidInputsAnswer(json: String) throws {
    let answer = advisor.recommend(try workload(json))
    #expect(answer.recommendation != nil || answer.options.allSatisfy { !$0.eligible })
    for option in answer.options {
      #expect(isSane(option.monthlyCost?.totalUSD.usd ?? 0))
      #expect(isSane(option.totalCostOfOwnershipUSD?.usd ?? 0))
    }
    _ = try Advisor.encode(answer)
  }
}
