import Foundation

/// A what-if sweep (POST /v1/comparisons): vary one parameter over a range on a log scale and
/// price every option at each point.
public struct ComparisonRequest: Codable, Sendable, Equatable {
  public var parameter: SweepParameter
  /// The range, in the parameter's unit (requests or jobs a month, replicas, ms, MiB).
  /// Defaults: a hundredth to a hundred times today's traffic; a tenth to ten times the
  /// duration; a quarter to four times the memory (within what any option offers).
  public var from: Double?
  public var to: Double?
  /// Points on the log scale, 2 to 200 (default 25).
  public var points: Int?
  /// Which cost decides "cheapest" (default infrastructure).
  public var metric: CostMetric?

  public init(
    parameter: SweepParameter, from: Double? = nil, to: Double? = nil, points: Int? = nil,
    metric: CostMetric? = nil
  ) {
    self.parameter = parameter
    self.from = from
    self.to = to
    self.points = points
    self.metric = metric
  }

  public static let defaultPoints = 25
  public static let maximumPoints = 200
}

/// The sweep's answer: every option's cost at every point, and the break-even points.
public struct Comparison: Codable, Sendable, Equatable {
  public var parameter: SweepParameter
  public var unit: String
  public var metric: CostMetric
  /// The workload's own value of the parameter.
  public var current: Double
  public var points: [ComparisonPoint]
  public var breakEven: [BreakEven]
}

public struct ComparisonPoint: Codable, Sendable, Equatable {
  public var value: Double
  /// Every option in registry order; costs absent where it is ineligible or unpriced.
  public var costs: [OptionCost]
  public var cheapest: String?
}

extension Advisor {
  /// Runs a sweep. Throws `.invalid` with the request's problems (paths `parameter`, `from`,
  /// `to`, `points`).
  public func compare(
    _ workload: Workload, _ request: ComparisonRequest
  ) throws(WorkloadInputError) -> Comparison {
    let problems = problems(in: request, for: workload, prefix: "")
    guard problems.isEmpty else { throw .invalid(problems) }
    let range = self.range(request, workload)
    let points = request.points ?? ComparisonRequest.defaultPoints
    let metric = request.metric ?? .infrastructure
    let sweep = Sweep(advisor: self, workload: workload, parameter: request.parameter)
    let values = Sweep.logSpace(range.from, range.to, count: points)
    var columns: [[(infrastructure: Double, tco: Double)?]] = []
    var result: [ComparisonPoint] = []
    for value in values {
      let costs = sweep.costs(at: value)
      columns.append(costs)
      result.append(
        ComparisonPoint(
          value: value, costs: optionCosts(costs),
          cheapest: Sweep.cheapest(costs, metric).map { optionIDs[$0] }))
    }
    return Comparison(
      parameter: request.parameter, unit: workload.unit(of: request.parameter), metric: metric,
      current: workload.value(of: request.parameter), points: result,
      breakEven: sweep.breakEvens(values: values, columns: columns, metric: metric))
  }

  /// Parses a comparison request body: `{"workload": {...}, "parameter", "from", "to",
  /// "points", "metric"}`. Workload problems have paths under `workload.`.
  public func parseComparison(
    _ json: some Collection<UInt8>
  ) throws(WorkloadInputError) -> (workload: Workload, request: ComparisonRequest) {
    let value: JSONValue
    do {
      value = try JSONValue.parse(json)
    } catch {
      throw .malformedJSON(error)
    }
    let collector = ProblemCollector()
    guard var root = ObjectReader(value, path: "", collector: collector) else {
      throw .invalid(collector.problems)
    }
    let workloadValue = root.object("workload")
    let parameter = root.enumeration("parameter", SweepParameter.self)
    let request = ComparisonRequest(
      parameter: parameter ?? .requestRate, from: root.number("from"), to: root.number("to"),
      points: root.integer("points"), metric: root.enumeration("metric", CostMetric.self))
    root.finish()
    if parameter == nil && !collector.hasReported("parameter") {
      collector.report(
        "parameter", ProblemCode.required,
        "give the parameter to vary: \(SweepParameter.allowedValues.joined(separator: ", "))")
    }
    var workload: Workload?
    if workloadValue == nil && !collector.hasReported("workload") {
      collector.report("workload", ProblemCode.required, "give the workload to compare")
    } else if case .object? = memberValue(value, "workload") {
      do {
        workload = try self.workload(from: memberValue(value, "workload")!, at: "workload")
      } catch {
        for problem in error.problems {
          collector.report(problem.path, problem.code, problem.message, allowed: problem.allowed)
        }
      }
    }
    if let workload, parameter != nil {
      for problem in problems(in: request, for: workload, prefix: "") {
        collector.report(problem.path, problem.code, problem.message)
      }
    }
    guard let workload, collector.problems.isEmpty else { throw .invalid(collector.problems) }
    return (workload, request)
  }

  private func memberValue(_ value: JSONValue, _ key: String) -> JSONValue? {
    guard case .object(let members) = value else { return nil }
    return members.last { $0.key == key }?.value
  }

  func optionCosts(_ costs: [(infrastructure: Double, tco: Double)?]) -> [OptionCost] {
    zip(optionIDs, costs).map { id, cost in
      OptionCost(
        option: id, monthlyCostUSD: cost.map { Money($0.infrastructure) },
        totalCostOfOwnershipUSD: cost.map { Money($0.tco) })
    }
  }

  /// The range a request sweeps, defaults filled in.
  func range(_ request: ComparisonRequest, _ workload: Workload) -> (from: Double, to: Double) {
    let current = workload.value(of: request.parameter)
    let bounds = sweepBounds(request.parameter, workload)
    let spread: Double
    switch request.parameter {
    case .requestRate: spread = 100
    case .duration: spread = 10
    case .memory: spread = 4
    }
    let from = request.from ?? max(bounds.lowerBound, current / spread)
    let to = request.to ?? min(bounds.upperBound, current * spread)
    return (from, to)
  }

  /// Values a sweep may take: the workload's own validation ranges.
  func sweepBounds(_ parameter: SweepParameter, _ workload: Workload) -> ClosedRange<Double> {
    switch parameter {
    case .requestRate:
      if workload.pattern.isJob { return 1e-3...1e9 }
      return workload.requestsPerMonth > 0 ? 1e-3...1e13 : 1...10_000
    case .duration: return 1e-3...(31 * 86_400_000)
    case .memory:
      let resolver = WorkloadResolver(catalog: catalog, collector: ProblemCollector(), prefix: "")
      return 128...resolver.capacityLimits.memoryMiB
    }
  }

  func problems(in request: ComparisonRequest, for workload: Workload, prefix: String)
    -> [InputProblem]
  {
    var problems: [InputProblem] = []
    func report(_ field: String, _ code: String, _ message: String) {
      problems.append(InputProblem(path: joinPath(prefix, field), code: code, message: message))
    }
    if let points = request.points, !(2...ComparisonRequest.maximumPoints).contains(points) {
      report(
        "points", points < 2 ? ProblemCode.belowMinimum : ProblemCode.aboveMaximum,
        "must be 2 to \(ComparisonRequest.maximumPoints); got \(points)")
    }
    if workload.value(of: request.parameter) <= 0 {
      report(
        "parameter", ProblemCode.trafficNotApplicable,
        "the workload has no \(request.parameter.rawValue) to vary (give execution.averageDurationMs)"
      )
      return problems
    }
    let bounds = sweepBounds(request.parameter, workload)
    let unit = workload.unit(of: request.parameter)
    for (field, value) in [("from", request.from), ("to", request.to)] {
      guard let value else { continue }
      if value < bounds.lowerBound {
        report(
          field, ProblemCode.belowMinimum,
          "must be at least \(Format.number(bounds.lowerBound)) \(unit)")
      } else if value > bounds.upperBound {
        report(
          field, ProblemCode.aboveMaximum,
          "must be at most \(Format.number(bounds.upperBound)) \(unit)")
      }
    }
    let range = self.range(request, workload)
    if problems.isEmpty && !(range.to > range.from) {
      report(
        "to", ProblemCode.belowMinimum,
        "must be greater than from (\(Format.number(range.from)) \(unit))")
    }
    return problems
  }
}
