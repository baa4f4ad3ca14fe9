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

  /// Copies of the application one instance of `type` holds; 0 when one does not fit.
  func copiesPerInstance(_ type: InstanceType, _ workload: Workload, _ model: ModelFigures)
    -> Double
  {
    let reserve = reserved(model)
    let byCPU = ((type.vcpu - reserve.vcpu) / workload.vcpu + 1e-9).rounded(.down)
    let byMemory = ((type.memoryGiB * 1024 - reserve.memoryMiB) / workload.memoryMiB + 1e-9)
      .rounded(.down)
    var copies = min(byCPU, byMemory)
    if workload.gpuCount > 0 {
      copies = min(copies, Double((type.accelerator?.count ?? 0) / workload.gpuCount))
    }
    return max(0, copies)
  }

  /// Instance types that match the workload's architecture and accelerator and hold a copy.
  func fittingTypes(_ offers: [InstanceOffer], _ workload: Workload, _ model: ModelFigures)
    -> [InstanceOffer]
  {
    offers.filter { offer in
      let type = offer.type
      if workload.architecture != .any && type.architecture != workload.architecture {
        return false
      }
      if workload.gpuCount > 0 {
        guard let accelerator = type.accelerator else { return false }
        if workload.gpuKind == "any"
          ? accelerator.vendor != "nvidia" : accelerator.kind != workload.gpuKind
        {
          return false
        }
      } else if type.accelerator != nil {
        return false
      }
      return copiesPerInstance(type, workload, model) >= 1
    }
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
    let offers = context.prices.instances[workload.operatingSystem] ?? []
    if fittingTypes(offers, workload, context.model).isEmpty {
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

  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let offers = fittingTypes(
      context.prices.instances[workload.operatingSystem] ?? [], workload, context.model)
    var best: (offer: InstanceOffer, total: Double)?
    var unpriced: [String] = []
    var firstError: CatalogError?
    for offer in offers {
      guard offer.price.isPriced else {
        unpriced.append(offer.price.id)
        continue
      }
      var probe = CostRecorder(recording: false)
      do {
        _ = try bill(workload, offer, context, &probe)
      } catch {
        firstError = firstError ?? error
        continue
      }
      if best == nil || probe.total < best!.total { best = (offer, probe.total) }
    }
    guard let best else {
      if let firstError { throw firstError }
      throw .noPricedInstance(region: context.prices.region, items: unpriced)
    }
    var sizing = try bill(workload, best.offer, context, &costs)
    if costs.recording && !unpriced.isEmpty {
      sizing.notes.append(
        Reason(
          code: "sizing.unpriced-instance-types",
          message: "Not considered, no \(context.prices.region) price in the catalog: "
            + unpriced.map { String($0.split(separator: ".", maxSplits: 2).last ?? "") }
            .joined(separator: ", ") + "."))
    }
    return sizing
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
