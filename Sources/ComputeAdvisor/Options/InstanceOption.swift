/// EC2 instances: alone (`ec2`, the application on instances you run) or as ECS or EKS nodes
/// (`ecs-ec2`, `eks-ec2`, tasks packed onto instances with room kept for the agent/kubelet).
struct InstanceOption: ComputeOption {
  let id: String
  let displayName: String
  /// `.none` for plain EC2.
  let orchestrator: ExistingPlatform
  let responsibilities: ResponsibilityMatrix

  static let ec2 = InstanceOption(
    id: "ec2", displayName: "Amazon EC2", orchestrator: .none,
    responsibilities: ResponsibilityMatrix(
      provisioning: .you, osPatching: .you, runtimePatching: .you, scaling: .shared,
      highAvailability: .you, capacityPlanning: .you, clusterUpgrades: .notApplicable))
  static let ecsOnEC2 = InstanceOption(
    id: "ecs-ec2", displayName: "Amazon ECS on EC2", orchestrator: .ecs,
    responsibilities: ResponsibilityMatrix(
      provisioning: .you, osPatching: .you, runtimePatching: .you, scaling: .shared,
      highAvailability: .shared, capacityPlanning: .you, clusterUpgrades: .shared))
  static let eksOnEC2 = InstanceOption(
    id: "eks-ec2", displayName: "Amazon EKS on EC2", orchestrator: .eks,
    responsibilities: ResponsibilityMatrix(
      provisioning: .you, osPatching: .you, runtimePatching: .you, scaling: .shared,
      highAvailability: .shared, capacityPlanning: .you, clusterUpgrades: .you))

  /// vCPU and MiB each instance keeps for the OS and the agent or kubelet.
  func reserved(_ model: ModelFigures) -> (vcpu: Double, memoryMiB: Double) {
    switch orchestrator {
    case .none: return (0, model.ec2ReservedMemoryMiB.value)
    case .ecs: return (model.ecsReservedVCPU.value, model.ecsReservedMemoryMiB.value)
    case .eks: return (model.eksReservedVCPU.value, model.eksReservedMemoryMiB.value)
    }
  }

  /// What the workload asks of an instance type, read once for a scan of the types.
  func needs(_ workload: Workload, _ context: EvaluationContext) -> InstanceNeeds {
    InstanceNeeds(workload, reserve: reserved(context.model), context.prices)
  }

  /// Offers that match the workload and hold at least one copy, priced or not.
  func fittingOffers(_ workload: Workload, _ context: EvaluationContext) -> [InstanceOffer] {
    let needs = needs(workload, context)
    let shapes = context.prices.shapes[workload.operatingSystem]
    return zip(context.prices.instances[workload.operatingSystem], shapes).filter {
      needs.matches($1) && needs.copies($1) >= 1
    }.map(\.0)
  }

  func ineligibility(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    var reasons: [Reason] = []
    switch orchestrator {
    case .none:
      if workload.kubernetes {
        reasons.append(
          Reason(
            code: "ec2.kubernetes-required",
            message: "Kubernetes is required; plain EC2 instances are not a Kubernetes service "
              + "(EKS on EC2 is)."))
      }
    case .ecs, .eks:
      if workload.kubernetes && orchestrator == .ecs {
        reasons.append(
          Reason(
            code: "ecs.kubernetes-required",
            message: "Kubernetes is required; ECS is not Kubernetes."))
      }
      if workload.osAccess {
        reasons.append(
          Reason(
            code: "containers.os-access-unsupported",
            message: "Needs full access to the operating system (kernel modules, custom AMI, "
              + "host-bound licence); containers share a host the orchestrator manages."))
      }
      if workload.packaging == .machineImage {
        reasons.append(
          Reason(
            code: "containers.machine-image-unsupported",
            message: "Packaged as a machine image; \(displayName) runs container images."))
      }
    }
    let needs = needs(workload, context)
    let fits = context.prices.shapes[workload.operatingSystem].contains {
      needs.matches($0) && needs.copies($0) >= 1
    }
    if !fits {
      let gpu = workload.gpuCount > 0 ? ", \(workload.gpuCount) \(workload.gpuKind) GPU" : ""
      reasons.append(
        Reason(
          code: "ec2.no-instance-fits",
          message:
            "No instance type in the catalog holds one copy: \(Format.number(workload.vcpu)) "
            + "vCPU, \(Format.number(workload.memoryMiB, significant: 6)) MiB\(gpu), "
            + "\(workload.architecture.rawValue)."))
    }
    return reasons
  }

  /// The priced instance types that fit, with what the search needs of each.
  func candidates(
    _ workload: Workload, _ purchase: PurchaseChoice, _ context: EvaluationContext
  ) throws(CatalogError) -> [InstanceCandidate] {
    let model = context.model
    let factor = 1 - (purchase.discount?.value ?? 0)
    let storagePerHour =
      (model.rootVolumeGiB.value + workload.ephemeralStorageGiB) / context.hoursPerMonth
      * ((try? context.prices.ebsGP3.flat()) ?? 0)
    let ebsPriced = context.prices.ebsGP3.isPriced
    let utilisation = model.utilisationService.value
    let reserve = reserved(model)
    let needs = needs(workload, context)
    let shapes = context.prices.shapes[workload.operatingSystem]
    var result: [InstanceCandidate] = []
    result.reserveCapacity(shapes.count)
    for index in shapes.indices {
      let offer = shapes[index]
      guard let hourly = offer.hourly, needs.matches(offer) else { continue }
      let perInstance = needs.copies(offer)
      guard perInstance >= 1 else { continue }
      let effective = offer.burstableBaseline.map { min(utilisation, $0) } ?? utilisation
      result.append(
        InstanceCandidate(
          offerIndex: index, perInstance: perInstance,
          serviceCapacity: (offer.vcpu - reserve.vcpu) * effective,
          hourly: hourly * factor + storagePerHour))
    }
    if !result.isEmpty && !ebsPriced {
      throw .priceMissing(item: context.prices.ebsGP3.id, region: context.prices.region)
    }
    return result
  }

  /// The candidate with the lowest compute and storage cost (the load balancer, control plane
  /// and data transfer are the same for every type), its cost and instance-hours; ties go to
  /// the earlier in the catalog.
  func cheapest(
    _ candidates: [InstanceCandidate], _ demand: InstanceDemand
  ) -> (candidate: InstanceCandidate, cost: Double, instanceHours: Double)? {
    var best: (candidate: InstanceCandidate, cost: Double, instanceHours: Double)?
    for candidate in candidates {
      let hours = plan(candidate, demand).instanceHours
      let cost = hours * candidate.hourly
      if best == nil || cost < best!.cost { best = (candidate, cost, hours) }
    }
    return best
  }

  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let purchase = PurchaseChoice(workload, platform: .ec2, spotOffered: true, context: context)
    let demand = InstanceDemand(
      workload, TrafficShape(workload, hoursPerMonth: context.hoursPerMonth), context)
    let candidates = try candidates(workload, purchase, context)
    guard let best = cheapest(candidates, demand)?.candidate else {
      let unpriced = fittingOffers(workload, context).map(\.price.id)
      throw .noPricedInstance(region: context.prices.region, items: unpriced)
    }
    var sizing = try bill(workload, best, demand, purchase, context, &costs)
    guard costs.recording else { return sizing }
    sizing.pricer = InstancePricer(option: self, candidates: candidates, workload, context)
    let needs = needs(workload, context)
    let shapes = context.prices.shapes[workload.operatingSystem]
    let unpriced = context.prices.instances[workload.operatingSystem].indices.filter {
      shapes[$0].hourly == nil && needs.matches(shapes[$0]) && needs.copies(shapes[$0]) >= 1
    }.map { context.prices.instances[workload.operatingSystem][$0] }
    if !unpriced.isEmpty {
      sizing.notes.append(
        Reason(
          code: "sizing.unpriced-instance-types",
          message: "Not considered, no \(context.prices.region) price in the catalog: "
            + unpriced.map(\.type.name).joined(separator: ", ") + "."))
    }
    return sizing
  }

  /// Along a request-rate sweep the candidates stay the same: only the search reruns.
  func sweepPricer(_ workload: Workload, _ context: EvaluationContext) -> any SweepPricer {
    let purchase = PurchaseChoice(workload, platform: .ec2, spotOffered: true, context: context)
    return InstancePricer(
      option: self, candidates: (try? candidates(workload, purchase, context)) ?? [], workload,
      context)
  }

  func treeReasons(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    guard orchestrator != .none else {
      if workload.osAccess {
        return [
          Reason(
            code: "tree.os-access",
            message: "Needs full access to the operating system: only EC2 instances you run "
              + "yourself give it.")
        ]
      }
      return [
        Reason(
          code: "tree.full-control",
          message: "EC2 gives full control of the machine, and leaves provisioning, patching, "
            + "scaling and availability to you.")
      ]
    }
    return ContainerTree.reasons(workload, orchestrator: orchestrator, serverless: false, context)
  }
}

/// What a workload asks of an instance type (architecture, accelerators, vCPU and memory per
/// copy) and the room the option keeps on each, read once for a scan of the catalog's types.
struct InstanceNeeds {
  let architecture: Architecture
  let gpuCount: Int
  /// The workload takes any NVIDIA GPU (`gpuKind` is `any`).
  let anyNVIDIA: Bool
  /// The kind asked for, as its index among the region's kinds (-2: no type has it).
  let acceleratorKind: Int
  let vcpu: Double
  let memoryMiB: Double
  let reserve: (vcpu: Double, memoryMiB: Double)

  init(
    _ workload: Workload, reserve: (vcpu: Double, memoryMiB: Double), _ prices: RegionalPrices
  ) {
    architecture = workload.architecture
    gpuCount = workload.gpuCount
    anyNVIDIA = workload.gpuKind == "any"
    acceleratorKind = prices.acceleratorKinds.firstIndex(of: workload.gpuKind) ?? -2
    vcpu = workload.vcpu
    memoryMiB = workload.memoryMiB
    self.reserve = reserve
  }

  /// Whether the type has the workload's architecture and accelerator (and no accelerator a
  /// CPU-only workload would pay for without using).
  func matches(_ offer: OfferShape) -> Bool {
    if architecture != .any && offer.architecture != architecture { return false }
    guard gpuCount > 0 else { return offer.acceleratorCount == 0 }
    guard offer.acceleratorCount > 0 else { return false }
    return anyNVIDIA ? offer.nvidia : offer.acceleratorKind == acceleratorKind
  }

  /// Copies of the application one instance holds; 0 when one does not fit.
  func copies(_ offer: OfferShape) -> Double {
    let byCPU = ((offer.vcpu - reserve.vcpu) / vcpu + 1e-9).rounded(.down)
    let byMemory = ((offer.memoryMiB - reserve.memoryMiB) / memoryMiB + 1e-9).rounded(.down)
    var copies = min(byCPU, byMemory)
    if gpuCount > 0 {
      copies = min(copies, Double(offer.acceleratorCount / gpuCount))
    }
    return max(0, copies)
  }
}
