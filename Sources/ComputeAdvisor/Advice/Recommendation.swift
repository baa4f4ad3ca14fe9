/// The answer (domain.md section 5): the pick, every option assessed, where the answer flips,
/// the assumptions made, warnings, and the prices used. The HTTP API wraps it with an id and
/// a creation time.
public struct Recommendation: Codable, Sendable, Equatable {
  public var workloadName: String?
  public var region: String
  /// Absent when no option is eligible.
  public var recommendation: Pick?
  /// Every option in registry order, eligible or not.
  public var options: [OptionAssessment]
  /// Where the cheapest option changes along the request rate.
  public var breakEven: [BreakEven]
  /// Costs at 0.1x and 10x today's traffic.
  public var sensitivity: Sensitivity
  public var assumptions: [Assumption]
  public var warnings: [Warning]
  public var pricing: PricingProvenance
}

/// The recommended option.
public struct Pick: Codable, Sendable, Equatable {
  public var option: String
  public var displayName: String
  public var configuration: Configuration?
  public var monthlyCostUSD: Money?
  public var totalCostOfOwnershipUSD: Money?
  /// One sentence: why this option.
  public var summary: String
}

/// One option: eligible or not and why, how it would be sized, what it costs and who runs it.
public struct OptionAssessment: Codable, Sendable, Equatable {
  public var option: String
  public var displayName: String
  public var eligible: Bool
  /// Hard limits the workload breaks (empty when eligible).
  public var ineligibility: [Reason]
  /// Set when the option could not be priced (a figure missing for the region).
  public var pricingError: PricingError?
  public var configuration: Configuration?
  public var monthlyCost: CostBreakdown?
  public var management: Management?
  /// Infrastructure plus management hours at the team's rate.
  public var totalCostOfOwnershipUSD: Money?
  /// TCO weighted by the team's ops capacity: the ranking key.
  public var weightedCostUSD: Money?
  /// 1 for the pick; absent for ineligible options.
  public var rank: Int?
  /// Why it is or is not the pick: the seed's terms, sizing, cost, management, rank.
  public var reasons: [Reason]
  public var closedToNewCustomers: Bool?
}

/// An option that could not be priced, naming the catalog item and region.
public struct PricingError: Codable, Sendable, Equatable {
  public var code: String
  public var message: String
  public var item: String?
  public var region: String

  init(_ error: CatalogError, region: String) {
    code = error.code
    message = error.description
    self.region = region
    switch error {
    case .priceMissing(let item, _), .tierMissing(let item, _, _, _): self.item = item
    case .noPricedInstance(_, let items): self.item = items.first
    default: self.item = nil
    }
  }
}

/// Which cost a sweep compares.
public enum CostMetric: String, InputEnum {
  /// The monthly AWS bill.
  case infrastructure
  /// The bill plus management hours at the team's rate.
  case tco
}

/// A point where the cheapest option changes.
public struct BreakEven: Codable, Sendable, Equatable {
  public var parameter: SweepParameter
  public var unit: String
  public var metric: CostMetric
  /// Where it changes (three significant digits).
  public var value: Double
  /// Cheapest just below and just above.
  public var below: String
  public var above: String
  public var sentence: String
}

public struct Sensitivity: Codable, Sendable, Equatable {
  public var scenarios: [Scenario]

  /// The options' costs with traffic scaled by `factor`.
  public struct Scenario: Codable, Sendable, Equatable {
    public var factor: Double
    public var parameterValue: Double
    public var unit: String
    public var costs: [OptionCost]
    /// The option with the lowest infrastructure cost, and with the lowest TCO.
    public var cheapest: String?
    public var lowestTotalCostOfOwnership: String?
  }
}

/// One option's cost at one sweep point; absent where ineligible or unpriced.
public struct OptionCost: Codable, Sendable, Equatable {
  public var option: String
  public var monthlyCostUSD: Money?
  public var totalCostOfOwnershipUSD: Money?
}

/// Which prices the answer used and where they come from.
public struct PricingProvenance: Codable, Sendable, Equatable {
  public var catalogVersion: String
  public var effectiveDate: String
  public var region: String
  public var currency: String
  public var hoursPerMonth: Double
  /// Every catalog figure a cost line used (prices, discounts, free tier), with provenance.
  public var figures: [UsedFigure]
  /// The sources those figures cite.
  public var sources: [CatalogSource]
}

public struct UsedFigure: Codable, Sendable, Equatable {
  public var id: String
  /// The region of a price; absent for region-independent figures.
  public var region: String?
  public var source: String
  public var confidence: Confidence
  public var effectiveDate: String
  public var note: String?
}
