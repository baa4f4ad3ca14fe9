/// How many copies (tasks, instances) run: at the peak, off the peak (two-level traffic) and
/// on average over the month.
public struct Capacity: Codable, Sendable, Equatable {
  public var peak: Double
  public var offPeak: Double?
  public var average: Double
}

/// How an option would run the workload. Fields that do not apply to the option are absent.
public struct Configuration: Codable, Sendable, Equatable {
  public var architecture: Architecture
  public var operatingSystem: OperatingSystem
  /// The purchase option actually applied (on-demand where the one asked for does not apply).
  public var purchaseOption: PurchaseOption
  /// `per-request`, `always-on` or `per-job`.
  public var billing: String

  // Lambda.
  public var memoryMB: Double?
  /// Concurrent executions at the peak (Little's law: rate x duration).
  public var concurrency: Double?
  public var provisionedConcurrency: Int?
  public var provisionedHoursPerMonth: Double?

  // Fargate tasks.
  public var taskVCPU: Double?
  public var taskMemoryGiB: Double?
  public var tasks: Capacity?

  // EC2 instances (alone, or as ECS/EKS nodes).
  public var instanceType: String?
  public var instances: Capacity?
  /// Copies of the application (or jobs) one instance holds.
  public var copiesPerInstance: Int?

  /// Task or instance hours a month.
  public var hoursPerMonth: Double?
  public var loadBalancer: String?

  init(
    architecture: Architecture, operatingSystem: OperatingSystem,
    purchaseOption: PurchaseOption, billing: String
  ) {
    self.architecture = architecture
    self.operatingSystem = operatingSystem
    self.purchaseOption = purchaseOption
    self.billing = billing
  }
}
