import Foundation

/// Prices every option along one parameter and finds where the cheapest option changes: a
/// log-spaced grid, then bisection (in log space) inside each interval whose ends disagree.
/// Used by `Advisor.compare` and by the recommendation's own break-even and sensitivity.
struct Sweep {
  let advisor: Advisor
  let workload: Workload
  let parameter: SweepParameter
  let metric: CostMetric
  let context: EvaluationContext
  /// Eligibility does not depend on traffic, so a request-rate sweep checks it once.
  let fixedEligibility: [Bool]?

  /// Bisection steps per change: the bracket shrinks by 2^10 in log space.
  static let refinementSteps = 10

  init(advisor: Advisor, workload: Workload, parameter: SweepParameter, metric: CostMetric) {
    self.advisor = advisor
    self.workload = workload
    self.parameter = parameter
    self.metric = metric
    let context = advisor.context(for: workload)
    self.context = context
    fixedEligibility =
      parameter == .requestRate
      ? advisor.registry.options.map { $0.ineligibility(workload, context).isEmpty } : nil
  }

  func costs(at value: Double) -> [(infrastructure: Double, tco: Double)?] {
    advisor.quickCosts(workload.with(parameter, value), context, eligible: fixedEligibility)
  }

  static func logSpace(_ from: Double, _ to: Double, count: Int) -> [Double] {
    guard count > 1 else { return [from] }
    let low = log(from)
    let step = (log(to) - low) / Double(count - 1)
    return (0..<count).map { index in
      index == 0 ? from : index == count - 1 ? to : exp(low + step * Double(index))
    }
  }

  /// The index of the cheapest option by `metric`; ties go to the earlier option.
  static func cheapest(_ costs: [(infrastructure: Double, tco: Double)?], _ metric: CostMetric)
    -> Int?
  {
    var best: (index: Int, cost: Double)?
    for (index, cost) in costs.enumerated() {
      guard let cost else { continue }
      let value = metric == .infrastructure ? cost.infrastructure : cost.tco
      if best == nil || value < best!.cost { best = (index, value) }
    }
    return best?.index
  }

  func breakEvens(values: [Double], columns: [[(infrastructure: Double, tco: Double)?]])
    -> [BreakEven]
  {
    var result: [BreakEven] = []
    guard values.count > 1 else { return result }
    for index in 0..<(values.count - 1) {
      let low = Self.cheapest(columns[index], metric)
      let high = Self.cheapest(columns[index + 1], metric)
      guard let low, let high, low != high else { continue }
      result += refine(from: values[index], winner: low, to: values[index + 1], columns[index + 1])
    }
    return result
  }

  /// Finds each change of the cheapest option between `from` (where `winner` is cheapest) and
  /// `to`; more than one when a third option wins in between.
  private func refine(
    from: Double, winner: Int, to: Double, _ endCosts: [(infrastructure: Double, tco: Double)?]
  ) -> [BreakEven] {
    var result: [BreakEven] = []
    var lowValue = from
    var lowWinner = winner
    for _ in 0..<4 {
      guard let endWinner = Self.cheapest(endCosts, metric), endWinner != lowWinner else { break }
      var low = lowValue
      var high = to
      var highCosts = endCosts
      for _ in 0..<Self.refinementSteps {
        let middle = (low * high).squareRoot()
        let costs = self.costs(at: middle)
        if Self.cheapest(costs, metric) == lowWinner {
          low = middle
        } else {
          high = middle
          highCosts = costs
        }
      }
      guard let next = Self.cheapest(highCosts, metric) else { break }
      result.append(
        breakEven(at: (low * high).squareRoot(), below: lowWinner, above: next, highCosts))
      lowValue = high
      lowWinner = next
    }
    return result
  }

  private func breakEven(
    at value: Double, below: Int, above: Int, _ costsAbove: [(infrastructure: Double, tco: Double)?]
  ) -> BreakEven {
    let options = advisor.registry.options
    let rounded = Format.rounded(value, significant: 3)
    let unit = workload.unit(of: parameter)
    let belowName = options[below].displayName
    let aboveName = options[above].displayName
    let amount = parameter == .requestRate ? Format.count(rounded) : Format.number(rounded)
    let sentence: String
    if costsAbove[below] == nil {
      sentence =
        "Above \(amount) \(unit), \(belowName) no longer qualifies; \(aboveName) is the cheapest."
    } else if metric == .infrastructure {
      sentence =
        "Above \(amount) \(unit), \(aboveName) costs less than \(belowName) on the monthly AWS bill."
    } else {
      sentence =
        "Above \(amount) \(unit), \(aboveName) has a lower total cost of ownership than \(belowName)."
    }
    return BreakEven(
      parameter: parameter, unit: unit, metric: metric, value: rounded, below: options[below].id,
      above: options[above].id, sentence: sentence)
  }
}
