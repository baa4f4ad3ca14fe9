/// The workload as a user describes it (domain.md section 2), grouped by concern. Every field
/// is optional here; `Advisor.resolve(_:)` validates it and fills the defaults, each of which
/// is echoed back as an assumption. JSON shape:
///
///     { "name", "region", "pattern", "packaging",
///       "traffic": { "requestsPerMonth", "requestsPerSecond": { "average", "peak" },
///                    "peakHoursPerDay", "jobsPerMonth", "replicas",
///                    "dataTransferOutGBPerMonth" },
///       "execution": { "averageDurationMs", "maxDurationSeconds", "cpuTimeMs" },
///       "resources": { "vcpu", "memoryMiB", "gpu": { "count", "kind" },
///                      "ephemeralStorageGiB", "architecture", "operatingSystem" },
///       "requirements": { "osAccess", "kubernetes", "privileged", "daemonSets",
///                         "persistentConnections", "maxColdStartMs",
///                         "interruptionTolerant", "ingress",
///                         "provisionedConcurrency": { "count", "hoursPerMonth" } },
///       "team": { "opsCapacity", "existingPlatform", "engineerHourlyRateUSD" },
///       "purchase": { "purchaseOption", "applyFreeTier" } }
public struct WorkloadDescription: Codable, Sendable, Equatable {
  public var name: String?
  public var region: String?
  public var pattern: Pattern?
  public var packaging: Packaging?
  public var traffic: Traffic?
  public var execution: Execution?
  public var resources: Resources?
  public var requirements: Requirements?
  public var team: Team?
  public var purchase: Purchase?

  public init(
    name: String? = nil, region: String? = nil, pattern: Pattern? = nil,
    packaging: Packaging? = nil, traffic: Traffic? = nil, execution: Execution? = nil,
    resources: Resources? = nil, requirements: Requirements? = nil, team: Team? = nil,
    purchase: Purchase? = nil
  ) {
    self.name = name
    self.region = region
    self.pattern = pattern
    self.packaging = packaging
    self.traffic = traffic
    self.execution = execution
    self.resources = resources
    self.requirements = requirements
    self.team = team
    self.purchase = purchase
  }

  /// How much work arrives. Request- and event-driven workloads give `requestsPerMonth` or
  /// `requestsPerSecond`; batch and scheduled ones `jobsPerMonth`; long-running ones
  /// `replicas` (and optionally a request rate).
  public struct Traffic: Codable, Sendable, Equatable {
    public var requestsPerMonth: Double?
    public var requestsPerSecond: RequestRate?
    /// Hours a day at the peak rate; the rest of the day runs at the rate that keeps the
    /// daily average. Without it, capacity is held at the peak all day.
    public var peakHoursPerDay: Double?
    public var jobsPerMonth: Double?
    public var replicas: Int?
    public var dataTransferOutGBPerMonth: Double?

    public init(
      requestsPerMonth: Double? = nil, requestsPerSecond: RequestRate? = nil,
      peakHoursPerDay: Double? = nil, jobsPerMonth: Double? = nil, replicas: Int? = nil,
      dataTransferOutGBPerMonth: Double? = nil
    ) {
      self.requestsPerMonth = requestsPerMonth
      self.requestsPerSecond = requestsPerSecond
      self.peakHoursPerDay = peakHoursPerDay
      self.jobsPerMonth = jobsPerMonth
      self.replicas = replicas
      self.dataTransferOutGBPerMonth = dataTransferOutGBPerMonth
    }
  }

  public struct RequestRate: Codable, Sendable, Equatable {
    public var average: Double?
    public var peak: Double?

    public init(average: Double? = nil, peak: Double? = nil) {
      self.average = average
      self.peak = peak
    }
  }

  public struct Execution: Codable, Sendable, Equatable {
    /// Wall time of one request, event or job.
    public var averageDurationMs: Double?
    /// The longest single run.
    public var maxDurationSeconds: Double?
    /// CPU time of one request (default: a share of the duration by pattern).
    public var cpuTimeMs: Double?

    public init(
      averageDurationMs: Double? = nil, maxDurationSeconds: Double? = nil,
      cpuTimeMs: Double? = nil
    ) {
      self.averageDurationMs = averageDurationMs
      self.maxDurationSeconds = maxDurationSeconds
      self.cpuTimeMs = cpuTimeMs
    }
  }

  /// The resources of one copy of the application.
  public struct Resources: Codable, Sendable, Equatable {
    public var vcpu: Double?
    public var memoryMiB: Double?
    public var gpu: GPU?
    public var ephemeralStorageGiB: Double?
    public var architecture: Architecture?
    public var operatingSystem: OperatingSystem?

    public init(
      vcpu: Double? = nil, memoryMiB: Double? = nil, gpu: GPU? = nil,
      ephemeralStorageGiB: Double? = nil, architecture: Architecture? = nil,
      operatingSystem: OperatingSystem? = nil
    ) {
      self.vcpu = vcpu
      self.memoryMiB = memoryMiB
      self.gpu = gpu
      self.ephemeralStorageGiB = ephemeralStorageGiB
      self.architecture = architecture
      self.operatingSystem = operatingSystem
    }
  }

  public struct GPU: Codable, Sendable, Equatable {
    public var count: Int?
    /// An accelerator kind from the catalog (`t4`, `a10g`, `v100`, `inferentia2`) or `any`.
    public var kind: String?

    public init(count: Int? = nil, kind: String? = nil) {
      self.count = count
      self.kind = kind
    }
  }

  public struct Requirements: Codable, Sendable, Equatable {
    public var osAccess: Bool?
    public var kubernetes: Bool?
    public var privileged: Bool?
    public var daemonSets: Bool?
    public var persistentConnections: Bool?
    public var maxColdStartMs: Double?
    /// Allows Spot capacity.
    public var interruptionTolerant: Bool?
    public var ingress: Ingress?
    /// Lambda provisioned concurrency set by hand (otherwise sized from `maxColdStartMs`).
    public var provisionedConcurrency: ProvisionedConcurrency?

    public init(
      osAccess: Bool? = nil, kubernetes: Bool? = nil, privileged: Bool? = nil,
      daemonSets: Bool? = nil, persistentConnections: Bool? = nil,
      maxColdStartMs: Double? = nil, interruptionTolerant: Bool? = nil,
      ingress: Ingress? = nil, provisionedConcurrency: ProvisionedConcurrency? = nil
    ) {
      self.osAccess = osAccess
      self.kubernetes = kubernetes
      self.privileged = privileged
      self.daemonSets = daemonSets
      self.persistentConnections = persistentConnections
      self.maxColdStartMs = maxColdStartMs
      self.interruptionTolerant = interruptionTolerant
      self.ingress = ingress
      self.provisionedConcurrency = provisionedConcurrency
    }
  }

  public struct ProvisionedConcurrency: Codable, Sendable, Equatable {
    public var count: Int?
    /// Hours a month it is configured (default 730: always).
    public var hoursPerMonth: Double?

    public init(count: Int? = nil, hoursPerMonth: Double? = nil) {
      self.count = count
      self.hoursPerMonth = hoursPerMonth
    }
  }

  public struct Team: Codable, Sendable, Equatable {
    public var opsCapacity: OpsCapacity?
    public var existingPlatform: ExistingPlatform?
    public var engineerHourlyRateUSD: Double?

    public init(
      opsCapacity: OpsCapacity? = nil, existingPlatform: ExistingPlatform? = nil,
      engineerHourlyRateUSD: Double? = nil
    ) {
      self.opsCapacity = opsCapacity
      self.existingPlatform = existingPlatform
      self.engineerHourlyRateUSD = engineerHourlyRateUSD
    }
  }

  public struct Purchase: Codable, Sendable, Equatable {
    public var purchaseOption: PurchaseOption?
    /// Apply the account's free tier (default false: it may be in use elsewhere).
    public var applyFreeTier: Bool?

    public init(purchaseOption: PurchaseOption? = nil, applyFreeTier: Bool? = nil) {
      self.purchaseOption = purchaseOption
      self.applyFreeTier = applyFreeTier
    }
  }
}
