/// A value the advisor used without the user giving it: a default, or a parameter of its
/// model taken from the catalog. Echoed in every answer.
public struct Assumption: Codable, Sendable, Equatable {
  /// The input path (`traffic.requestsPerSecond.peak`) or catalog figure id.
  public var field: String
  public var value: AssumptionValue
  /// `default` for a workload default; `catalog` for a model parameter from the catalog.
  public var source: String
  public var note: String
}

public enum AssumptionValue: Codable, Sendable, Equatable {
  case number(Double)
  case string(String)
  case bool(Bool)

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let bool = try? container.decode(Bool.self) {
      self = .bool(bool)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let number): try container.encode(number)
    case .string(let string): try container.encode(string)
    case .bool(let bool): try container.encode(bool)
    }
  }
}

/// A validated workload with every default resolved: what the options are evaluated against.
/// Build one with `Advisor.parseWorkload(_:)` (JSON) or `Advisor.resolve(_:)` (Swift values).
public struct Workload: Sendable, Equatable {
  /// The description with every default filled in (the same shape as the input).
  public internal(set) var resolved: WorkloadDescription {
    get { echo.resolved }
    set { echo = Echo(resolved: newValue, assumptions: echo.assumptions) }
  }
  /// Every default that was used, in input order.
  public internal(set) var assumptions: [Assumption] {
    get { echo.assumptions }
    set { echo = Echo(resolved: echo.resolved, assumptions: newValue) }
  }

  /// What the answer echoes, kept behind one reference so that sweeps copy workloads cheaply.
  final class Echo: Sendable {
    let resolved: WorkloadDescription
    let assumptions: [Assumption]

    init(resolved: WorkloadDescription, assumptions: [Assumption]) {
      self.resolved = resolved
      self.assumptions = assumptions
    }
  }

  private var echo: Echo

  public internal(set) var name: String?
  public internal(set) var region: String
  public internal(set) var pattern: Pattern
  public internal(set) var packaging: Packaging

  /// Requests (or events, or job invocations) a month; 0 for a long-running workload
  /// without a request rate.
  public internal(set) var requestsPerMonth: Double
  /// Mean and peak request rates per second (jobs: mean start rate).
  public internal(set) var averageRate: Double
  public internal(set) var peakRate: Double
  /// Hours a day at the peak; nil holds capacity at the peak all day.
  public internal(set) var peakHoursPerDay: Double?
  public internal(set) var jobsPerMonth: Double
  /// Copies a long-running workload keeps up (0 when not given). Fractional after scaling.
  public internal(set) var replicas: Double
  public internal(set) var dataTransferOutGBPerMonth: Double

  public internal(set) var averageDurationMs: Double
  public internal(set) var maxDurationSeconds: Double
  public internal(set) var cpuTimeMs: Double

  public internal(set) var vcpu: Double
  /// False when `vcpu` is the default: Lambda then takes `memoryMiB` as it is.
  public internal(set) var vcpuGiven: Bool
  public internal(set) var memoryMiB: Double
  public internal(set) var gpuCount: Int
  /// The accelerator kind; `any` matches any NVIDIA GPU.
  public internal(set) var gpuKind: String
  public internal(set) var ephemeralStorageGiB: Double
  public internal(set) var architecture: Architecture
  public internal(set) var operatingSystem: OperatingSystem

  public internal(set) var osAccess: Bool
  public internal(set) var kubernetes: Bool
  public internal(set) var privileged: Bool
  public internal(set) var daemonSets: Bool
  public internal(set) var persistentConnections: Bool
  public internal(set) var maxColdStartMs: Double?
  public internal(set) var interruptionTolerant: Bool
  public internal(set) var ingress: Ingress
  /// Provisioned concurrency set by hand: count and hours a month.
  public internal(set) var provisionedConcurrency: (count: Int, hoursPerMonth: Double)?

  public internal(set) var opsCapacity: OpsCapacity
  public internal(set) var existingPlatform: ExistingPlatform
  public internal(set) var engineerHourlyRateUSD: Double
  public internal(set) var purchaseOption: PurchaseOption
  public internal(set) var applyFreeTier: Bool

  /// A workload with every field at its default; the resolver fills it in.
  init(region: String, pattern: Pattern, packaging: Packaging) {
    echo = Echo(resolved: WorkloadDescription(), assumptions: [])
    self.region = region
    self.pattern = pattern
    self.packaging = packaging
    requestsPerMonth = 0
    averageRate = 0
    peakRate = 0
    jobsPerMonth = 0
    replicas = 0
    dataTransferOutGBPerMonth = 0
    averageDurationMs = 0
    maxDurationSeconds = 0
    cpuTimeMs = 0
    vcpu = WorkloadDefaults.vcpu
    vcpuGiven = false
    memoryMiB = WorkloadDefaults.memoryMiB
    gpuCount = 0
    gpuKind = "any"
    ephemeralStorageGiB = WorkloadDefaults.ephemeralStorageGiB
    architecture = .x86
    operatingSystem = .linux
    osAccess = false
    kubernetes = false
    privileged = false
    daemonSets = false
    persistentConnections = false
    interruptionTolerant = false
    ingress = .none
    opsCapacity = .medium
    existingPlatform = .none
    engineerHourlyRateUSD = WorkloadDefaults.engineerHourlyRateUSD
    purchaseOption = .onDemand
    applyFreeTier = false
  }

  public static func == (lhs: Workload, rhs: Workload) -> Bool {
    lhs.resolved == rhs.resolved && lhs.assumptions == rhs.assumptions
  }
}

/// Defaults for fields with no better guess; each use is echoed as an assumption.
enum WorkloadDefaults {
  static let vcpu = 0.5
  static let memoryMiB = 1024.0
  static let ephemeralStorageGiB = 0.5
  static let engineerHourlyRateUSD = 100.0
}

/// The dimension a what-if sweep varies.
public enum SweepParameter: String, InputEnum {
  /// The traffic volume: requests a month (jobs a month for batch and scheduled workloads,
  /// replicas for a long-running one without a request rate).
  case requestRate
  /// `averageDurationMs` (with `maxDurationSeconds` and `cpuTimeMs` in proportion).
  case duration
  /// `memoryMiB`.
  case memory
}

extension Workload {
  /// The value of a sweep parameter, in its unit.
  func value(of parameter: SweepParameter) -> Double {
    switch parameter {
    case .requestRate:
      if pattern.isJob { return jobsPerMonth }
      return requestsPerMonth > 0 ? requestsPerMonth : replicas
    case .duration: return averageDurationMs
    case .memory: return memoryMiB
    }
  }

  /// The unit of a sweep parameter for this workload.
  func unit(of parameter: SweepParameter) -> String {
    switch parameter {
    case .requestRate:
      if pattern.isJob { return "jobs/month" }
      return requestsPerMonth > 0 ? "requests/month" : "replicas"
    case .duration: return "ms"
    case .memory: return "MiB"
    }
  }

  /// The same workload with the parameter set to `value` (what-if sweeps).
  func with(_ parameter: SweepParameter, _ value: Double) -> Workload {
    var copy = self
    switch parameter {
    case .requestRate:
      let current = self.value(of: .requestRate)
      let factor = current > 0 ? value / current : 0
      copy.requestsPerMonth *= factor
      copy.averageRate *= factor
      copy.peakRate *= factor
      copy.jobsPerMonth *= factor
      copy.replicas *= factor
    case .duration:
      let factor = value / averageDurationMs
      copy.averageDurationMs = value
      copy.maxDurationSeconds *= factor
      copy.cpuTimeMs *= factor
    case .memory:
      copy.memoryMiB = value
    }
    return copy
  }
}
