/// The pricing catalog as it is stored: a JSON document in which every figure (price, limit,
/// free-tier allowance, discount, model parameter) names its source, its confidence and the
/// date from which it holds. `PricingCatalog` wraps a validated document with indexes.

/// How well a figure is backed: A = an AWS page or Price List file; B = several independent
/// copies agree; C = one source, or sources disagree (an overridable default).
public enum Confidence: String, Codable, Sendable, Comparable, CaseIterable {
  case a = "A"
  case b = "B"
  case c = "C"

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// A document or page figures are taken from.
public struct CatalogSource: Codable, Sendable, Equatable {
  public var id: String
  public var title: String
  /// The page's address; absent for a document named by `title` only.
  public var url: String?
}

/// One step of a tiered price: applies to the quantity up to `upTo` (cumulative, in the
/// item's unit); the last tier has no `upTo` when it is open-ended. A last tier with an
/// `upTo` means the catalog knows no price beyond it.
public struct PriceTier: Codable, Sendable, Equatable {
  public var upTo: Double?
  public var usd: Double
}

/// The price of one item in one region: a flat `usd` per `PriceItem.per` units, or `tiers`.
public struct PriceFigure: Codable, Sendable, Equatable {
  public var usd: Double?
  public var tiers: [PriceTier]?
  public var source: String
  public var confidence: Confidence
  public var effectiveDate: String
  public var note: String?
}

/// A priced item (e.g. `lambda.duration.x86_64`) with its figure in each region that has one.
/// A region missing from `regions` has no price for the item: using it is an error.
public struct PriceItem: Codable, Sendable, Equatable {
  public var id: String
  public var description: String
  /// The unit the quantity is counted in ("GB-second", "request", "hour", "GB-month").
  public var unit: String
  /// The figure is the price of this many units (1,000,000 for "$0.20 per 1M requests").
  public var per: Double?
  public var regions: [String: PriceFigure]
}

/// A region-independent figure: a limit, a free-tier allowance, a discount or a parameter of
/// the advisor's model.
public struct Figure: Codable, Sendable, Equatable {
  public var id: String
  public var value: Double
  public var unit: String
  public var source: String
  public var confidence: Confidence
  public var effectiveDate: String
  public var note: String?
}

/// A valid Fargate task size: one vCPU value and the memory sizes allowed with it.
public struct FargateTaskSize: Codable, Sendable, Equatable {
  public var vcpu: Double
  public var memoryGiB: [Double]
  /// True where only ECS (Linux) offers the size.
  public var ecsLinuxOnly: Bool?
  public var source: String
  public var confidence: Confidence
}

/// An accelerator attached to an instance type.
public struct Accelerator: Codable, Sendable, Equatable {
  public var count: Int
  /// Matches `resources.gpu.kind` (e.g. `t4`, `a10g`).
  public var kind: String
  /// `nvidia` for GPUs; `aws` for Inferentia/Trainium. `kind: any` matches NVIDIA GPUs only.
  public var vendor: String
  public var memoryGiB: Double
}

/// An EC2 instance type's shape. Its hourly price is the item `ec2.<os>.<name>`.
public struct InstanceType: Codable, Sendable, Equatable {
  public var name: String
  public var vcpu: Double
  public var memoryGiB: Double
  public var architecture: Architecture
  /// Baseline CPU per vCPU of a burstable type (t3/t4g), as a fraction.
  public var burstableBaseline: Double?
  public var accelerator: Accelerator?
  public var source: String
  public var confidence: Confidence
}

/// The whole catalog document (`Resources/pricing-catalog.json`).
public struct CatalogDocument: Codable, Sendable, Equatable {
  public var schemaVersion: Int
  public var version: String
  public var effectiveDate: String
  public var currency: String
  public var hoursPerMonth: Double
  public var regions: [String]
  public var sources: [CatalogSource]
  public var prices: [PriceItem]
  public var freeTier: [Figure]
  public var discounts: [Figure]
  public var limits: [Figure]
  public var parameters: [Figure]
  public var fargateTaskSizes: [FargateTaskSize]
  public var instanceTypes: [InstanceType]
}
