/// A sentence with a stable code: why an option is ineligible (`lambda.timeout-exceeded`),
/// why it ranks where it does, what dominates its cost.
public struct Reason: Codable, Sendable, Equatable {
  public var code: String
  public var message: String
  /// The limit an eligibility reason names, and the workload's value against it.
  public var limit: Double?
  public var value: Double?

  public init(code: String, message: String, limit: Double? = nil, value: Double? = nil) {
    self.code = code
    self.message = message
    self.limit = limit
    self.value = value
  }
}

/// Something the reader should know: a quota passed, a purchase option that does not apply,
/// a price the catalog lacks.
public struct Warning: Codable, Sendable, Equatable {
  public var code: String
  public var message: String
  /// The option it concerns, if one.
  public var option: String?
}

/// Who carries a duty of running the workload.
public enum Responsibility: String, Codable, Sendable {
  case aws
  case you
  case shared
  case notApplicable = "not-applicable"

  /// How much of the duty stays with the team.
  var teamShare: Double {
    switch self {
    case .you: return 1
    case .shared: return 0.5
    case .aws, .notApplicable: return 0
    }
  }
}

/// The management matrix: each duty `aws`, `you` or `shared` (`not-applicable` where there is
/// no cluster to upgrade).
public struct ResponsibilityMatrix: Codable, Sendable, Equatable {
  public var provisioning: Responsibility
  public var osPatching: Responsibility
  public var runtimePatching: Responsibility
  public var scaling: Responsibility
  public var highAvailability: Responsibility
  public var capacityPlanning: Responsibility
  public var clusterUpgrades: Responsibility

  /// The share of the duties left to the team, 0 (all AWS) to 1 (all yours).
  var demand: Double {
    let sum =
      provisioning.teamShare + osPatching.teamShare + runtimePatching.teamShare + scaling.teamShare
      + highAvailability.teamShare + capacityPlanning.teamShare + clusterUpgrades.teamShare
    return sum / 7
  }
}

/// What an option evaluates against: the catalog, its model figures and one region's prices.
/// (A class: sweeps hand it around many times.)
final class EvaluationContext: Sendable {
  let catalog: PricingCatalog
  let model: ModelFigures
  let prices: RegionalPrices
  let hoursPerMonth: Double
  let secondsPerMonth: Double

  init(catalog: PricingCatalog, model: ModelFigures, prices: RegionalPrices) {
    self.catalog = catalog
    self.model = model
    self.prices = prices
    self.hoursPerMonth = catalog.hoursPerMonth
    self.secondsPerMonth = catalog.hoursPerMonth * 3600
  }
}

/// How an option would be sized, besides its bill.
struct OptionSizing {
  var configuration: Configuration
  /// Instances or nodes running on average over the month (management hours scale with it).
  var averageNodes: Double
  /// Sizing facts worth a sentence (only built when recording).
  var notes: [Reason] = []
  var warnings: [Warning] = []
}

/// One compute option. Adding an option is one new conformance and one registry entry.
protocol ComputeOption: Sendable {
  /// Stable id (`ecs-fargate`).
  var id: String { get }
  var displayName: String { get }
  var responsibilities: ResponsibilityMatrix { get }
  /// The orchestrator a team's existing platform must match to lower the ops hours.
  var orchestrator: ExistingPlatform { get }
  /// Closed to new customers (App Runner): kept in the answer, never recommended.
  var closedToNewCustomers: Bool { get }

  /// Hard limits the workload breaks; empty when eligible.
  func ineligibility(_ workload: Workload, _ context: EvaluationContext) -> [Reason]
  /// Sizes the option and adds its monthly bill to `costs`.
  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing
  /// The option in the seed's terms: OS access, run length, events, containers, orchestrator,
  /// platform.
  func treeReasons(_ workload: Workload, _ context: EvaluationContext) -> [Reason]
  /// A pricer for a request-rate sweep of this workload: it may keep what does not depend on
  /// traffic (instance candidates, task sizes). The default evaluates afresh each time.
  func sweepPricer(_ workload: Workload, _ context: EvaluationContext) -> any SweepPricer
}

extension ComputeOption {
  var closedToNewCustomers: Bool { false }

  func sweepPricer(_ workload: Workload, _ context: EvaluationContext) -> any SweepPricer {
    EvaluatingPricer(option: self, context: context)
  }
}

/// Prices one option many times along a sweep (no cost lines, no sentences).
protocol SweepPricer {
  /// The monthly bill and the instances or nodes running on average; nil when it cannot be
  /// priced.
  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)?
}

/// The pricer that evaluates the option from scratch at every point.
struct EvaluatingPricer: SweepPricer {
  let option: any ComputeOption
  let context: EvaluationContext

  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)? {
    var costs = CostRecorder(recording: false)
    guard let sizing = try? option.evaluate(workload, context, &costs) else { return nil }
    return (costs.total, sizing.averageNodes)
  }
}

/// The options the advisor weighs, in a fixed order (the order of the answer).
struct OptionRegistry: Sendable {
  let options: [any ComputeOption]

  static let standard = OptionRegistry(options: [
    InstanceOption.ec2,
    LambdaOption(),
    InstanceOption.ecsOnEC2,
    FargateOption.ecs,
    InstanceOption.eksOnEC2,
    FargateOption.eks,
  ])

  func option(_ id: String) -> (any ComputeOption)? { options.first { $0.id == id } }
}
