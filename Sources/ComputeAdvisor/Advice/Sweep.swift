import Foundation

/// Prices every option along one parameter and finds where the cheapest option changes: a
/// log-spaced grid, then bisection (in log space) inside each interval whose ends disagree.
/// Used by `Advisor.compare` and by the recommendation's own break-even and sensitivity.
struct Sweep {
  /// The options weighed, in answer order.
  let options: [any ComputeOption]
  let workload: Workload
  let parameter: SweepParameter
  let context: EvaluationContext
  /// A request-rate sweep checks eligibility once (it does not depend on traffic) and keeps a
  /// pricer per eligible option; other sweeps check and evaluate afresh at every point.
  let pricers: [(any SweepPricer)?]?
  /// Per option: fixed management hours a month (after any existing-platform factor) and
  /// hours per node.
  let management: [(fixed: Double, perNode: Double)]

  /// Bisection stops when the bracket is within this ratio: a break-even point is located to
  /// 1% (7 steps from a grid interval of half a decade).
  static let tolerance = 1.01

  /// A sweep that sets up what it needs itself.
  init(advisor: Advisor, workload: Workload, parameter: SweepParameter) {
    let context = advisor.context(for: workload)
    let options = advisor.registry.options
    self.init(
      options: options, workload: workload, parameter: parameter, context: context,
      management: options.map { ManagementModel.figures($0, workload, context) },
      pricers: parameter != .requestRate
        ? nil
        : options.map { option in
          option.ineligibility(workload, context).isEmpty && !option.closedToNewCustomers
            ? option.sweepPricer(workload, context) : nil
        })
  }

  /// A sweep with what a full evaluation already has: the context, each option's management
  /// figures, and its pricer (nil where ineligible or unpriced; `pricers` only for a
  /// request-rate sweep).
  init(
    options: [any ComputeOption], workload: Workload, parameter: SweepParameter,
    context: EvaluationContext, management: [(fixed: Double, perNode: Double)],
    pricers: [(any SweepPricer)?]?
  ) {
    self.options = options
    self.workload = workload
    self.parameter = parameter
    self.context = context
    self.management = management
    self.pricers = pricers
  }

  /// Every option's monthly bill and TCO at one value (nil where ineligible or unpriced).
  func costs(at value: Double) -> [(infrastructure: Double, tco: Double)?] {
    let point = workload.with(parameter, value)
    let count = options.count
    var result: [(infrastructure: Double, tco: Double)?] = []
    result.reserveCapacity(count)
    for index in 0..<count { result.append(cost(of: index, at: point)) }
    return result
  }

  /// One option's monthly bill and TCO at a sweep point (nil where ineligible or unpriced).
  func cost(of index: Int, at point: Workload) -> (infrastructure: Double, tco: Double)? {
    let price: (total: Double, averageNodes: Double)?
    if let pricers {
      price = pricers[index]?.price(point)
    } else {
      let option = options[index]
      if option.ineligibility(point, context).isEmpty && !option.closedToNewCustomers {
        price = EvaluatingPricer(option: option, context: context).price(point)
      } else {
        price = nil
      }
    }
    guard let price else { return nil }
    let hours = management[index].fixed + management[index].perNode * price.averageNodes
    return (price.total, price.total + hours * point.engineerHourlyRateUSD)
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

  /// Whether option `below` is the cheaper of two options by `metric` (what `cheapest` says of
  /// a column holding only the two): priced against unpriced, or lower, or as low and earlier.
  static func cheaper(
    _ below: (index: Int, cost: (infrastructure: Double, tco: Double)?),
    than above: (index: Int, cost: (infrastructure: Double, tco: Double)?),
    _ metric: CostMetric
  ) -> Bool {
    guard let belowCost = below.cost else { return false }
    guard let aboveCost = above.cost else { return true }
    let belowValue = metric == .infrastructure ? belowCost.infrastructure : belowCost.tco
    let aboveValue = metric == .infrastructure ? aboveCost.infrastructure : aboveCost.tco
    return below.index < above.index ? !(aboveValue < belowValue) : belowValue < aboveValue
  }

  /// The points where the cheapest option by `metric` changes, given the grid's columns.
  func breakEvens(
    values: [Double], columns: [[(infrastructure: Double, tco: Double)?]], metric: CostMetric
  ) -> [BreakEven] {
    var result: [BreakEven] = []
    guard values.count > 1 else { return result }
    for index in 0..<(values.count - 1) {
      let low = Self.cheapest(columns[index], metric)
      let high = Self.cheapest(columns[index + 1], metric)
      guard let low, let high, low != high else { continue }
      result.append(
        refine(from: values[index], below: low, to: values[index + 1], above: high, metric))
    }
    return result
  }

  /// Bisects (in log space) between `from`, where `below` is the cheaper of the two, and `to`,
  /// where `above` is, pricing only those two options. A third option that wins strictly
  /// inside one grid interval is not seen: the grid is there to catch it.
  private func refine(from: Double, below: Int, to: Double, above: Int, _ metric: CostMetric)
    -> BreakEven
  {
    var low = from
    var high = to
    var belowPricedAtHigh: Bool?
    while high / low > Self.tolerance {
      let middle = (low * high).squareRoot()
      let point = workload.with(parameter, middle)
      let belowCost = cost(of: below, at: point)
      if Self.cheaper((below, belowCost), than: (above, cost(of: above, at: point)), metric) {
        low = middle
      } else {
        high = middle
        belowPricedAtHigh = belowCost != nil
      }
    }
    let droppedOut =
      !(belowPricedAtHigh ?? (cost(of: below, at: workload.with(parameter, high)) != nil))
    return breakEven(
      at: (low * high).squareRoot(), below: below, above: above, droppedOut: droppedOut, metric)
  }

  private func breakEven(
    at value: Double, below: Int, above: Int, droppedOut: Bool, _ metric: CostMetric
  ) -> BreakEven {
    let rounded = Format.rounded(value, significant: 3)
    let unit = workload.unit(of: parameter)
    let belowName = options[below].displayName
    let aboveName = options[above].displayName
    let amount = parameter == .requestRate ? Format.count(rounded) : Format.number(rounded)
    let sentence: String
    if droppedOut {
      sentence =
        "Above \(amount) \(unit), \(belowName) drops out (ineligible or unpriced); \(aboveName) is the cheapest."
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
