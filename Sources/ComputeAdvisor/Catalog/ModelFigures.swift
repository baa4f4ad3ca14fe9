/// A catalog figure's id and value, kept together so that a cost line can name the figure,
/// and its rank among the catalog's ids (`CatalogIndex`; -1 when not numbered).
struct FigureRef: Sendable {
  let id: String
  let value: Double
  let rank: Int
}

/// The region-independent figures the advisor needs, resolved once from the catalog by id.
/// A catalog lacking one of them is invalid.
final class ModelFigures: Sendable {
  // Lambda limits.
  let lambdaTimeoutSeconds: FigureRef
  let lambdaMemoryMinMB: FigureRef
  let lambdaMemoryMaxMB: FigureRef
  let lambdaMBPerVCPU: FigureRef
  let lambdaMaxVCPU: FigureRef
  let lambdaEphemeralIncludedMB: FigureRef
  let lambdaEphemeralMaxMB: FigureRef
  let lambdaConcurrencyQuota: FigureRef
  let lambdaColdStartZipMs: FigureRef
  let lambdaColdStartImageMs: FigureRef
  // Fargate, EKS, EC2 limits.
  let fargateMinimumSecondsLinux: FigureRef
  let fargateMinimumSecondsWindows: FigureRef
  let fargateEphemeralIncludedGB: FigureRef
  let eksFargatePodOverheadMB: FigureRef
  let ec2MinimumSeconds: FigureRef
  let albLCUNewConnectionsPerSecond: FigureRef
  let albLCUProcessedGBPerHour: FigureRef
  // Free tier.
  let lambdaFreeRequests: FigureRef
  let lambdaFreeGBSeconds: FigureRef
  let dataTransferFreeGB: FigureRef
  // Sizing model.
  let utilisationService: FigureRef
  let utilisationBatch: FigureRef
  let cpuShare: EnumTable<Pattern, FigureRef>
  let availabilityMinimum: EnumTable<Pattern, FigureRef>
  let ec2ReservedMemoryMiB: FigureRef
  let ecsReservedVCPU: FigureRef
  let ecsReservedMemoryMiB: FigureRef
  let eksReservedVCPU: FigureRef
  let eksReservedMemoryMiB: FigureRef
  let rootVolumeGiB: FigureRef
  // Management and ranking.
  let existingPlatformFactor: FigureRef
  let nearTieFraction: FigureRef
  let opsWeight: EnumTable<OpsCapacity, FigureRef>
  /// Discounts by platform and purchase option (absent: the option does not apply).
  let discounts: EnumTable<PricingPlatform, EnumTable<PurchaseOption, FigureRef?>>
  /// Management hours per option (registry order): fixed a month, and per instance or node.
  let management: [(option: String, fixed: FigureRef, perNode: FigureRef)]

  /// `index` numbers the figures (`FigureRef.rank`); without it they are not numbered.
  init(figures: [String: Figure], missing: inout [String], index: CatalogIndex? = nil) {
    func ref(_ id: String) -> FigureRef {
      guard let figure = figures[id] else {
        missing.append(id)
        return FigureRef(id: id, value: 0, rank: -1)
      }
      return FigureRef(id: id, value: figure.value, rank: index?.rank(id) ?? -1)
    }
    func perPattern(_ prefix: String) -> EnumTable<Pattern, FigureRef> {
      EnumTable { ref(prefix + $0.rawValue) }
    }
    lambdaTimeoutSeconds = ref("lambda.timeout-seconds")
    lambdaMemoryMinMB = ref("lambda.memory-min-mb")
    lambdaMemoryMaxMB = ref("lambda.memory-max-mb")
    lambdaMBPerVCPU = ref("lambda.mb-per-vcpu")
    lambdaMaxVCPU = ref("lambda.max-vcpu")
    lambdaEphemeralIncludedMB = ref("lambda.ephemeral-included-mb")
    lambdaEphemeralMaxMB = ref("lambda.ephemeral-max-mb")
    lambdaConcurrencyQuota = ref("lambda.default-concurrency-quota")
    lambdaColdStartZipMs = ref("lambda.cold-start-ms.zip")
    lambdaColdStartImageMs = ref("lambda.cold-start-ms.image")
    fargateMinimumSecondsLinux = ref("fargate.billing-minimum-seconds.linux")
    fargateMinimumSecondsWindows = ref("fargate.billing-minimum-seconds.windows")
    fargateEphemeralIncludedGB = ref("fargate.ephemeral-included-gb")
    eksFargatePodOverheadMB = ref("eks-fargate.pod-overhead-mb")
    ec2MinimumSeconds = ref("ec2.billing-minimum-seconds")
    albLCUNewConnectionsPerSecond = ref("alb.lcu.new-connections-per-second")
    albLCUProcessedGBPerHour = ref("alb.lcu.processed-gb-per-hour")
    lambdaFreeRequests = ref("free-tier.lambda.requests")
    lambdaFreeGBSeconds = ref("free-tier.lambda.gb-seconds")
    dataTransferFreeGB = ref("free-tier.data-transfer-out.gb")
    utilisationService = ref("sizing.target-utilisation.service")
    utilisationBatch = ref("sizing.target-utilisation.batch")
    cpuShare = perPattern("sizing.cpu-share.")
    availabilityMinimum = perPattern("sizing.availability-minimum.")
    ec2ReservedMemoryMiB = ref("sizing.ec2.os-reserved-memory-mib")
    ecsReservedVCPU = ref("sizing.ecs.agent-reserved-vcpu")
    ecsReservedMemoryMiB = ref("sizing.ecs.agent-reserved-memory-mib")
    eksReservedVCPU = ref("sizing.eks.node-reserved-vcpu")
    eksReservedMemoryMiB = ref("sizing.eks.node-reserved-memory-mib")
    rootVolumeGiB = ref("sizing.root-volume-gib")
    existingPlatformFactor = ref("management.existing-platform-factor")
    nearTieFraction = ref("ranking.near-tie-fraction")
    opsWeight = EnumTable { ref("ranking.ops-weight." + $0.rawValue) }
    discounts = EnumTable { platform in
      EnumTable { purchase in
        platform.discountedPurchases.contains(purchase)
          ? Self.discountID(platform: platform, purchase: purchase).map(ref) : nil
      }
    }
    management = OptionRegistry.standard.options.map { option in
      (
        option.id, ref(ManagementModel.fixedHoursID(option.id)),
        ref(ManagementModel.hoursPerNodeID(option.id))
      )
    }
  }

  /// An option's management figures (a scan of six short ids: cheaper than hashing one).
  func management(of option: String) -> (fixed: FigureRef, perNode: FigureRef)? {
    for entry in management where entry.option == option { return (entry.fixed, entry.perNode) }
    return nil
  }

  /// The id of the discount figure for a purchase option on a platform.
  static func discountID(platform: PricingPlatform, purchase: PurchaseOption) -> String? {
    let name = platform.rawValue
    switch purchase {
    case .onDemand: return nil
    case .savingsPlan1y: return "discount.\(name).savings-plan-1y"
    case .savingsPlan3y: return "discount.\(name).savings-plan-3y"
    case .spot: return "discount.\(name).spot"
    }
  }
}

/// What a discount applies to.
enum PricingPlatform: String, CaseIterable, Sendable {
  case lambda
  case fargate
  case ec2

  /// Purchase options with a discount figure (Lambda has no Spot).
  var discountedPurchases: [PurchaseOption] {
    self == .lambda ? [.savingsPlan1y, .savingsPlan3y] : [.savingsPlan1y, .savingsPlan3y, .spot]
  }
}
