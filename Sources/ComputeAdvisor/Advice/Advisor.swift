import Foundation

/// The domain's entry point: parse a workload, recommend, compare.
///
///     let advisor = Advisor()                      // bundled catalog
///     let workload = try advisor.parseWorkload(json)
///     let answer = advisor.recommend(workload)
///     let data = try Advisor.encode(answer)        // sorted keys, money in cents
///
/// Pure and deterministic: no clock, no randomness, no I/O beyond the catalog it was given.
public struct Advisor: Sendable {
  public let catalog: PricingCatalog
  let registry: OptionRegistry

  /// The ids of the options weighed, in answer order.
  public let optionIDs: [String]

  public init(catalog: PricingCatalog = .bundled) {
    self.catalog = catalog
    self.registry = .standard
    optionIDs = registry.options.map(\.id)
  }

  /// Display names by option id.
  public func displayName(of option: String) -> String? { registry.option(option)?.displayName }

  // MARK: Input

  /// Parses JSON bytes into a validated workload with every default resolved, or throws
  /// `.malformedJSON` (with the position) or `.invalid` (every problem, by JSON path).
  public func parseWorkload(_ json: some Collection<UInt8>) throws(WorkloadInputError) -> Workload {
    let value: JSONValue
    do {
      value = try JSONValue.parse(json)
    } catch {
      throw .malformedJSON(error)
    }
    return try workload(from: value, at: "")
  }

  /// A workload from an already-parsed JSON value found at `path` in a larger document (the
  /// problems' paths start with it).
  public func workload(from value: JSONValue, at path: String) throws(WorkloadInputError)
    -> Workload
  {
    let collector = ProblemCollector()
    let description = WorkloadDecoder.description(from: value, path: path, collector: collector)
    guard case .object = value else { throw .invalid(collector.problems) }
    var resolver = WorkloadResolver(catalog: catalog, collector: collector, prefix: path)
    let workload = resolver.resolve(description)
    guard let workload, collector.problems.isEmpty else { throw .invalid(collector.problems) }
    return workload
  }

  /// Validates a description built in Swift and resolves its defaults.
  public func resolve(_ description: WorkloadDescription) throws(WorkloadInputError) -> Workload {
    let collector = ProblemCollector()
    var resolver = WorkloadResolver(catalog: catalog, collector: collector, prefix: "")
    let workload = resolver.resolve(description)
    guard let workload, collector.problems.isEmpty else { throw .invalid(collector.problems) }
    return workload
  }

  // MARK: Output

  /// JSON for any answer: sorted keys, so that the same answer is the same bytes.
  public static func encode(_ value: some Encodable, pretty: Bool = true) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }

  // MARK: Evaluation

  func context(for workload: Workload) -> EvaluationContext {
    EvaluationContext(
      catalog: catalog, model: catalog.model, prices: catalog.prices(in: workload.region))
  }

  /// Evaluates one option fully: eligibility, sizing, the bill line by line, management, TCO.
  func evaluate(
    _ option: any ComputeOption, _ workload: Workload, _ context: EvaluationContext
  ) -> OptionEvaluation {
    let evaluation = OptionEvaluation(
      option: option, ineligibility: option.ineligibility(workload, context))
    guard evaluation.ineligibility.isEmpty else { return evaluation }
    var costs = CostRecorder(recording: true)
    do {
      let sizing = try option.evaluate(workload, context, &costs)
      let management = ManagementModel.estimate(
        option, averageNodes: sizing.averageNodes, workload, context)
      evaluation.pricer = sizing.pricer
      evaluation.sizing = sizing
      evaluation.cost = costs.breakdown
      evaluation.usedPrices = costs.usedPrices
      evaluation.usedFigures = costs.usedFigures
      evaluation.management = management
      evaluation.tco = costs.total + management.costUSD.usd
    } catch {
      evaluation.error = error
    }
    return evaluation
  }
}

/// One option's full evaluation, before ranking and explanation. (A class: the answer hands
/// evaluations around and ranks them in place, and copying one costs a reference count
/// rather than one per array and string it holds.)
final class OptionEvaluation {
  let option: any ComputeOption
  var ineligibility: [Reason]
  var sizing: OptionSizing?
  var cost: CostBreakdown?
  /// The prices and figures the bill used (for the answer's provenance).
  var usedPrices: [PriceRef] = []
  var usedFigures: [FigureRef] = []
  var error: CatalogError?
  var management: Management?
  /// A pricer for the recommendation's own request-rate sweep (the sizing's, kept apart so
  /// that reading it does not copy the sizing).
  var pricer: (any SweepPricer)?
  var tco: Double?
  var weighted: Double?
  var rank: Int?
  /// True when the option needs more operations work than the team can give.
  var beyondCapacity = false

  init(option: any ComputeOption, ineligibility: [Reason], tco: Double? = nil) {
    self.option = option
    self.ineligibility = ineligibility
    self.tco = tco
  }

  var eligible: Bool { ineligibility.isEmpty }
  var priced: Bool { tco != nil }
}
