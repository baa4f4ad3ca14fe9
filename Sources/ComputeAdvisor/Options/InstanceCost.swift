/// What the instance search needs of a workload, computed once per evaluation rather than
/// once per instance type.
struct InstanceDemand {
  let isJob: Bool
  /// Services: vCPU of load at the peak and off the peak, their hours, the minimum instances
  /// and copies for availability, the target utilisation.
  let peakLoad: Double
  let offPeakLoad: Double?
  let peakHours: Double
  let offPeakHours: Double
  let availability: Double
  let minimumCopies: Double
  let utilisation: Double
  /// Jobs: CPU-seconds of jobs packed at the batch utilisation, and instance-seconds when
  /// each job gets its own instance (60 s minimum each, capped at one instance all month).
  let jobSeconds: Double
  let oneEachSeconds: Double
  let hoursPerMonth: Double

  init(_ workload: Workload, _ shape: TrafficShape, _ context: EvaluationContext) {
    let model = context.model
    isJob = workload.pattern.isJob
    peakLoad = cpuLoad(rate: shape.peak.rate, workload, utilisation: 1)
    offPeakLoad = shape.offPeak.map { cpuLoad(rate: $0.rate, workload, utilisation: 1) }
    peakHours = shape.peak.hours
    offPeakHours = shape.offPeak?.hours ?? 0
    availability = model.availabilityMinimum[workload.pattern].value
    minimumCopies = ComputeAdvisor.minimumCopies(workload, context)
    utilisation = isJob ? model.utilisationBatch.value : model.utilisationService.value
    jobSeconds = workload.jobsPerMonth * workload.averageDurationMs / 1000 / utilisation
    oneEachSeconds = min(
      workload.jobsPerMonth * billedSeconds(workload, minimum: model.ec2MinimumSeconds.value),
      context.secondsPerMonth)
    hoursPerMonth = context.hoursPerMonth
  }
}

/// An instance type that fits the workload and has a price, with what the search needs.
struct InstanceCandidate {
  let offer: InstanceOffer
  let perInstance: Double
  /// vCPU of load one instance serves: usable vCPU x target utilisation, a burstable type's
  /// baseline at most.
  let serviceCapacity: Double
  /// Compute (after any discount) plus storage, per instance-hour.
  let hourly: Double
}

/// Prices the instance option along a request-rate sweep with its candidates found once.
struct InstancePricer: SweepPricer {
  let option: InstanceOption
  let candidates: [InstanceCandidate]
  let purchase: PurchaseChoice
  let context: EvaluationContext

  /// The cheapest candidate's compute and storage plus the lines every type shares: the same
  /// sum `bill` makes, without building the configuration.
  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)? {
    let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)
    guard let best = option.cheapest(candidates, InstanceDemand(workload, shape, context)) else {
      return nil
    }
    var costs = CostRecorder(recording: false)
    guard (try? option.sharedLines(workload, shape, context, &costs)) != nil else { return nil }
    return (best.cost + costs.total, best.instanceHours / context.hoursPerMonth)
  }
}

extension InstanceOption {
  /// Instance-hours a month on one type, and the instances at each traffic level.
  ///
  /// Services: instances at each level = max(the availability minimum, the copies the
  /// workload must keep / copies per instance, load / the instance's service capacity).
  /// Jobs: instance-seconds = the larger of jobs packed `perInstance` to an instance and jobs
  /// run one per instance.
  func plan(
    _ candidate: InstanceCandidate, _ demand: InstanceDemand
  ) -> (instanceHours: Double, capacity: Capacity?) {
    if demand.isJob {
      return (max(demand.jobSeconds / candidate.perInstance, demand.oneEachSeconds) / 3600, nil)
    }
    let floor = max(
      demand.availability, (demand.minimumCopies / candidate.perInstance).rounded(.up))
    let peak = max(floor, (demand.peakLoad / candidate.serviceCapacity).rounded(.up))
    var hours = peak * demand.peakHours
    var offPeak: Double?
    if let load = demand.offPeakLoad {
      offPeak = max(floor, (load / candidate.serviceCapacity).rounded(.up))
      hours += offPeak! * demand.offPeakHours
    }
    return (hours, Capacity(peak: peak, offPeak: offPeak, average: hours / demand.hoursPerMonth))
  }

  /// The lines that do not depend on the instance type: the load balancer of a public
  /// service, the EKS control plane, data transfer out.
  func sharedLines(
    _ workload: Workload, _ shape: TrafficShape, _ context: EvaluationContext,
    _ costs: inout CostRecorder
  ) throws(CatalogError) {
    if workload.ingress == .publicHTTP && !workload.pattern.isJob {
      try costs.applicationLoadBalancer(workload, shape, context)
    }
    if orchestrator == .eks { try costs.eksControlPlane(workload, context) }
    try costs.dataTransferOut(workload, context)
  }

  /// The bill for running the workload on one instance type.
  func bill(
    _ workload: Workload, _ candidate: InstanceCandidate, _ demand: InstanceDemand,
    _ purchase: PurchaseChoice, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let offer = candidate.offer
    let perInstance = candidate.perInstance
    let type = offer.type
    let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)
    let (instanceHours, capacity) = plan(candidate, demand)

    try costs.flat(
      offer.price, quantity: instanceHours, .compute, discount: purchase.discount,
      "EC2 " + type.name)
    let volumeGiB = model.rootVolumeGiB.value + workload.ephemeralStorageGiB
    try costs.flat(
      context.prices.ebsGP3, quantity: volumeGiB * instanceHours / context.hoursPerMonth, .storage,
      "EBS gp3 volumes (root and ephemeral storage)")
    try sharedLines(workload, shape, context, &costs)
    let publicService = workload.ingress == .publicHTTP && !workload.pattern.isJob

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
    message +=
      ", holds "
      + (workload.pattern.isJob
        ? Format.counted(perInstance, "job", "jobs")
        : Format.counted(perInstance, "copy", "copies"))
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
