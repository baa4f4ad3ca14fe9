extension InstanceOption {
  /// The bill for running the workload on instances of one type.
  ///
  /// Services: instances at each traffic level = max(the availability minimum, the copies
  /// the workload must keep / copies per instance, load / (usable vCPU x target utilisation)),
  /// a burstable type counting only its baseline. Jobs: instance-seconds = the larger of jobs
  /// packed at the batch utilisation and jobs run one per instance (60 s minimum each, never
  /// more than one instance kept busy all month).
  func bill(
    _ workload: Workload, _ offer: InstanceOffer, _ context: EvaluationContext,
    _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let type = offer.type
    let purchase = PurchaseChoice(workload, platform: "ec2", spotOffered: true, context: context)
    let perInstance = copiesPerInstance(type, workload, model)
    let usableVCPU = type.vcpu - reserved(model).vcpu
    let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)

    var instanceHours: Double
    var capacity: Capacity?
    if workload.pattern.isJob {
      let seconds = workload.averageDurationMs / 1000
      let packed = workload.jobsPerMonth * seconds / (perInstance * model.utilisationBatch.value)
      let oneEach = min(
        workload.jobsPerMonth * billedSeconds(workload, minimum: model.ec2MinimumSeconds.value),
        context.secondsPerMonth)
      instanceHours = max(packed, oneEach) / 3600
    } else {
      let utilisation = model.utilisationService.value
      let effective = type.burstableBaseline.map { min(utilisation, $0) } ?? utilisation
      let availability = model.availabilityMinimum[workload.pattern]?.value ?? 0
      let floor = max(availability, (minimumCopies(workload, context) / perInstance).rounded(.up))
      func instances(_ level: TrafficLevel) -> Double {
        max(
          floor,
          (cpuLoad(rate: level.rate, workload, utilisation: 1) / (usableVCPU * effective)).rounded(
            .up))
      }
      let peak = instances(shape.peak)
      instanceHours = peak * shape.peak.hours
      var offPeak: Double?
      if let level = shape.offPeak {
        offPeak = instances(level)
        instanceHours += offPeak! * level.hours
      }
      capacity = Capacity(
        peak: peak, offPeak: offPeak, average: instanceHours / context.hoursPerMonth)
    }

    try costs.flat(
      offer.price, quantity: instanceHours, .compute, discount: purchase.discount,
      "\(type.name) (\(type.architecture.rawValue)): \(Format.number(instanceHours)) instance-hours"
    )
    let volumeGiB = model.rootVolumeGiB.value + workload.ephemeralStorageGiB
    try costs.flat(
      context.prices.ebsGP3, quantity: volumeGiB * instanceHours / context.hoursPerMonth, .storage,
      "EBS gp3: \(Format.number(volumeGiB)) GB per instance, prorated to instance-hours")
    let publicService = workload.ingress == .publicHTTP && !workload.pattern.isJob
    if publicService { try costs.applicationLoadBalancer(workload, shape, context) }
    if orchestrator == .eks { try costs.eksControlPlane(workload, context) }
    try costs.dataTransferOut(workload, context)

    var configuration = Configuration(
      architecture: type.architecture, operatingSystem: workload.operatingSystem,
      purchaseOption: purchase.applied, billing: workload.pattern.isJob ? "per-job" : "always-on")
    configuration.instanceType = type.name
    configuration.instances = capacity
    configuration.copiesPerInstance = Int(perInstance)
    configuration.hoursPerMonth = instanceHours
    if publicService { configuration.loadBalancer = "Application Load Balancer" }
    var sizing = OptionSizing(
      configuration: configuration, averageNodes: instanceHours / context.hoursPerMonth)
    guard costs.recording else { return sizing }
    var message =
      "\(type.name): \(Format.number(type.vcpu)) vCPU / \(Format.number(type.memoryGiB)) GiB"
    if let accelerator = type.accelerator {
      message += ", \(accelerator.count) \(accelerator.kind.uppercased())"
    }
    message += ", holds \(Format.number(perInstance)) \(workload.pattern.isJob ? "jobs" : "copies")"
    if orchestrator != .none {
      message += " after the \(orchestrator == .eks ? "kubelet" : "agent")'s reserve"
    }
    message +=
      "; "
      + (capacity.map { describe($0, "instances") }
        ?? "\(Format.number(instanceHours)) instance-hours for \(Format.number(workload.jobsPerMonth)) jobs")
    if let baseline = type.burstableBaseline, !workload.pattern.isJob {
      message += "; burstable, loaded only to its \(Format.percent(baseline)) baseline"
    }
    sizing.notes.append(Reason(code: "sizing.instances", message: message + "."))
    if let note = purchase.note {
      sizing.warnings.append(
        Warning(code: "purchase.not-applied", message: "\(displayName): \(note).", option: id))
    }
    return sizing
  }
}

/// The container options in the seed's terms: packaging, orchestrator, platform.
enum ContainerTree {
  static func reasons(
    _ workload: Workload, orchestrator: ExistingPlatform, serverless: Bool,
    _ context: EvaluationContext
  ) -> [Reason] {
    var reasons: [Reason] = []
    if workload.packaging == .container {
      reasons.append(
        Reason(code: "tree.containers", message: "Packaged as a container image: runs as it is."))
    } else if workload.packaging == .source {
      reasons.append(
        Reason(
          code: "tree.containers",
          message: "Not packaged as a container yet: this option needs an image built first."))
    }
    if orchestrator == .eks {
      let hourly = try? context.prices.eksControlPlane.flat()
      let controlPlane =
        hourly.map { Format.usd($0 * context.hoursPerMonth) + "/month" } ?? "a monthly charge"
      let why =
        workload.kubernetes
        ? "Kubernetes is required: EKS is the orchestrator that gives it."
        : workload.existingPlatform == .eks
          ? "The team already runs EKS: the workload joins its cluster."
          : "EKS adds a control plane (\(controlPlane)) and a cluster upgrade at least once a year."
      reasons.append(Reason(code: "tree.orchestrator", message: why))
    } else {
      let why =
        workload.existingPlatform == .ecs
        ? "The team already runs ECS: no new orchestrator to learn."
        : "ECS: no control-plane charge and no cluster version to upgrade."
      reasons.append(Reason(code: "tree.orchestrator", message: why))
    }
    reasons.append(
      Reason(
        code: "tree.platform",
        message: serverless
          ? "Fargate: AWS runs and patches the servers; you pay per task vCPU and GB."
          : "EC2 nodes: you patch, scale and replace the instances; cheaper per vCPU at "
            + "steady load."))
    return reasons
  }
}
