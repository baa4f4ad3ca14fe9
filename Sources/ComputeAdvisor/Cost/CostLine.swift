/// An amount of US dollars, computed in full precision and written to JSON rounded to cents.
public struct Money: Codable, Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The full-precision amount.
  public var usd: Double

  public init(_ usd: Double) { self.usd = usd }

  /// The amount rounded to cents, as written to JSON.
  public var cents: Double {
    let rounded = (usd * 100).rounded(.toNearestOrAwayFromZero) / 100
    return rounded == 0 ? 0 : rounded
  }

  public init(from decoder: any Decoder) throws {
    usd = try decoder.singleValueContainer().decode(Double.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(cents)
  }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.usd < rhs.usd }

  public var description: String { Format.usd(usd) }
}

/// What a cost line pays for.
public enum CostCategory: String, Codable, Sendable, CaseIterable {
  case compute
  case requests
  case duration
  case provisionedConcurrency = "provisioned-concurrency"
  case storage
  case license
  case loadBalancer = "load-balancer"
  case apiGateway = "api-gateway"
  case controlPlane = "control-plane"
  case dataTransfer = "data-transfer"
}

/// One line of a monthly bill: amount = quantity / per x unitPriceUSD x (1 - discountFraction),
/// with the catalog price (and discount, and free-tier allowance) it used named by id.
public struct CostLine: Codable, Sendable, Equatable {
  public var category: CostCategory
  public var description: String
  /// The catalog price item (`lambda.duration.x86_64`, `ec2.linux.m7g.large`).
  public var priceId: String
  /// The tier of a tiered price, from 1.
  public var tier: Int?
  /// Billable quantity, after any free-tier deduction.
  public var quantity: Double
  public var unit: String
  /// Quantity deducted as free tier before this line, and the free-tier figure.
  public var freeTierQuantity: Double?
  public var freeTierId: String?
  /// The catalog price, per `per` units.
  public var unitPriceUSD: Double
  public var per: Double
  public var discountId: String?
  public var discountFraction: Double?
  public var amountUSD: Money
}

/// A monthly bill: its lines and their total.
public struct CostBreakdown: Codable, Sendable, Equatable {
  public var lines: [CostLine]
  public var totalUSD: Money
  /// Totals per category, for "what dominates".
  public var byCategory: [String: Money]

  init(lines: [CostLine], total: Double) {
    self.lines = lines
    self.totalUSD = Money(total)
    var byCategory: [String: Money] = [:]
    Self.withCategorySums(lines) { sums, _ in
      var count = 0
      for index in sums.indices where sums[index] != nil { count += 1 }
      byCategory.reserveCapacity(count)
      for (index, category) in CostCategory.all.enumerated() {
        if let sum = sums[index] { byCategory[category.rawValue] = Money(sum) }
      }
    }
    self.byCategory = byCategory
  }

  /// Calls `body` with each category's sum in line order (nil where no line has it) and the
  /// index of its largest line (the first of equal ones; -1 where none), in scratch space
  /// on the stack. The lines are read in place, not copied out.
  static func withCategorySums<R>(
    _ lines: [CostLine],
    _ body: (UnsafeMutableBufferPointer<Double?>, UnsafeMutableBufferPointer<Int>) -> R
  ) -> R {
    let count = CostCategory.all.count
    return withUnsafeTemporaryAllocation(of: Double?.self, capacity: count) { sums in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { largest in
        sums.initialize(repeating: nil)
        largest.initialize(repeating: -1)
        for index in lines.indices {
          let category = lines[index].category.ordinal
          let amount = lines[index].amountUSD.usd
          sums[category] = (sums[category] ?? 0) + amount
          if largest[category] < 0 || lines[largest[category]].amountUSD.usd < amount {
            largest[category] = index
          }
        }
        return body(sums, largest)
      }
    }
  }

}
