/// An enum whose cases number 0, 1, 2... in declaration (`allCases`) order.
protocol Ordinal: CaseIterable {
  var ordinal: Int { get }
}

/// A value per case of an enum, looked up by ordinal: no hashing on hot paths.
struct EnumTable<Key: Ordinal, Value> {
  private let values: [Value]

  init(_ make: (Key) throws -> Value) rethrows {
    values = try Key.allCases.map(make)
  }

  subscript(_ key: Key) -> Value { values[key.ordinal] }
}

extension EnumTable: Sendable where Value: Sendable {}

extension Pattern: Ordinal {
  var ordinal: Int {
    switch self {
    case .requestDriven: return 0
    case .eventDriven: return 1
    case .batch: return 2
    case .scheduled: return 3
    case .longRunning: return 4
    }
  }
}

extension Architecture: Ordinal {
  var ordinal: Int {
    switch self {
    case .x86: return 0
    case .arm64: return 1
    case .any: return 2
    }
  }
}

extension OperatingSystem: Ordinal {
  var ordinal: Int { self == .linux ? 0 : 1 }
}

extension PurchaseOption: Ordinal {
  var ordinal: Int {
    switch self {
    case .onDemand: return 0
    case .savingsPlan1y: return 1
    case .savingsPlan3y: return 2
    case .spot: return 3
    }
  }
}

extension OpsCapacity: Ordinal {
  var ordinal: Int {
    switch self {
    case .none: return 0
    case .low: return 1
    case .medium: return 2
    case .high: return 3
    }
  }
}

extension PricingPlatform: Ordinal {
  var ordinal: Int {
    switch self {
    case .lambda: return 0
    case .fargate: return 1
    case .ec2: return 2
    }
  }
}

extension CostCategory {
  /// `allCases`, built once (the synthesized property builds a new array at every use).
  static let all = allCases
}

extension CostCategory: Ordinal {
  var ordinal: Int {
    switch self {
    case .compute: return 0
    case .requests: return 1
    case .duration: return 2
    case .provisionedConcurrency: return 3
    case .storage: return 4
    case .license: return 5
    case .loadBalancer: return 6
    case .apiGateway: return 7
    case .controlPlane: return 8
    case .dataTransfer: return 9
    }
  }
}
