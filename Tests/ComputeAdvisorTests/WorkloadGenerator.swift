import Foundation

@testable import ComputeAdvisor

/// SplitMix64: a small, seeded, platform-independent generator, so that every run of the
/// property tests sees the same workloads.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Log-uniform in [low, high].
  mutating func logUniform(_ low: Double, _ high: Double) -> Double {
    exp(Double.random(in: log(low)...log(high), using: &self))
  }

  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &self) < probability
  }

  mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &self)! }
}

/// Valid workload descriptions across the whole input space.
enum WorkloadGenerator {
  static func make(_ random: inout SeededGenerator) -> WorkloadDescription {
    let pattern = random.pick(Pattern.allCases)
    var description = WorkloadDescription(pattern: pattern)
    description.region =
      random.chance(0.8) ? "us-east-1" : random.pick(["eu-west-1", "ap-northeast-1"])
    description.packaging = random.chance(0.3) ? nil : random.pick(Packaging.allCases)
    var traffic = WorkloadDescription.Traffic()
    switch pattern {
    case .batch, .scheduled:
      traffic.jobsPerMonth = random.logUniform(1, 1e5).rounded(.up)
    case .requestDriven, .eventDriven, .longRunning:
      if pattern == .longRunning { traffic.replicas = Int.random(in: 1...12, using: &random) }
      if pattern != .longRunning || random.chance(0.5) {
        if random.chance(0.5) {
          traffic.requestsPerMonth = random.logUniform(1, 1e10)
        } else {
          let average = random.logUniform(1e-5, 3000)
          let peak = average * random.logUniform(1, 5)
          traffic.requestsPerSecond = .init(average: average, peak: random.chance(0.3) ? nil : peak)
          if traffic.requestsPerSecond?.peak != nil && random.chance(0.6) {
            traffic.peakHoursPerDay = min(24, 24 * average / peak * random.logUniform(0.2, 1))
          }
        }
      }
    }
    if random.chance(0.2) { traffic.dataTransferOutGBPerMonth = random.logUniform(1, 5000) }
    description.traffic = traffic

    var execution = WorkloadDescription.Execution()
    if pattern.isJob {
      execution.averageDurationMs = random.logUniform(100, 7_200_000)
    } else if pattern != .longRunning || traffic.requestsPerMonth != nil
      || traffic.requestsPerSecond != nil
    {
      execution.averageDurationMs = random.logUniform(1, 60_000)
    }
    if let average = execution.averageDurationMs, random.chance(0.3) {
      execution.maxDurationSeconds = average / 1000 * random.logUniform(1, 20)
    }
    description.execution = execution

    var resources = WorkloadDescription.Resources()
    if random.chance(0.6) { resources.vcpu = random.pick([0.25, 0.5, 1, 2, 4, 8]) }
    if random.chance(0.8) { resources.memoryMiB = random.logUniform(128, 32_768).rounded() }
    if pattern.isJob && random.chance(0.15) {
      resources.gpu = .init(count: 1, kind: random.pick(["any", "t4", "a10g", "v100"]))
    }
    if random.chance(0.3) { resources.ephemeralStorageGiB = random.logUniform(0.5, 100) }
    resources.architecture = random.chance(0.3) ? nil : random.pick(Architecture.allCases)
    if random.chance(0.1) && resources.architecture != .arm64 {
      resources.operatingSystem = .windows
    }
    description.resources = resources

    var requirements = WorkloadDescription.Requirements()
    requirements.osAccess = random.chance(0.1)
    requirements.kubernetes = random.chance(0.2)
    requirements.privileged = random.chance(0.05)
    requirements.daemonSets = random.chance(0.05)
    requirements.interruptionTolerant = random.chance(0.3)
    if random.chance(0.2) { requirements.maxColdStartMs = random.logUniform(10, 5000) }
    if random.chance(0.3) { requirements.ingress = random.pick(Ingress.allCases) }
    description.requirements = requirements

    description.team = .init(
      opsCapacity: random.pick(OpsCapacity.allCases),
      existingPlatform: random.pick(ExistingPlatform.allCases),
      engineerHourlyRateUSD: random.chance(0.5) ? nil : random.logUniform(20, 300))
    description.purchase = .init(
      purchaseOption: random.pick(PurchaseOption.allCases), applyFreeTier: random.chance(0.3))
    return description
  }
}
