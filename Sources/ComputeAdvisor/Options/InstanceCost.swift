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

  /// The catalog figures a demand uses, looked up once per workload (a sweep builds a demand
  /// at every point).
  struct Figures {
    let isJob: Bool
    let availability: Double
    let utilisation: Double
    let minimumSeconds: Double
    let secondsPerMonth: Double
    let hoursPerMonth: Double

    init(_ workload: borrowing Workload, _ context: EvaluationContext) {
      let model = context.model
      isJob = workload.pattern.isJob
      availability = model.availabilityMinimum[workload.pattern].value
      utilisation = isJob ? model.utilisationBatch.value : model.utilisationService.value
      minimumSeconds = model.ec2MinimumSeconds.value
      secondsPerMonth = context.secondsPerMonth
      hoursPerMonth = context.hoursPerMonth
    }
  }

  init(_ workload: borrowing Workload, _ shape: TrafficShape, _ context: EvaluationContext) {
    self.init(workload, shape, Figures(workload, context))
  }

  init(_ workload: borrowing Workload, _ shape: TrafficShape, _ figures: Figures) {
    isJob = figures.isJob
    peakLoad = cpuLoad(rate: shape.peak.rate, workload, utilisation: 1)
    if let offPeak = shape.offPeak {
      offPeakLoad = cpuLoad(rate: offPeak.rate, workload, utilisation: 1)
      offPeakHours = offPeak.hours
    } else {
      offPeakLoad = nil
      offPeakHours = 0
    }
    peakHours = shape.peak.hours
    availability = figures.availability
    minimumCopies = max(figures.availability, workload.replicas.rounded(.up))
    utilisation = figures.utilisation
    jobSeconds = workload.jobsPerMonth * workload.averageDurationMs / 1000 / utilisation
    oneEachSeconds = min(
      workload.jobsPerMonth * billedSeconds(workload, minimum: figures.minimumSeconds),
      figures.secondsPerMonth)
    hoursPerMonth = figures.hoursPerMonth
  }
}

/// An instance type that fits the workload and has a price, with what the search needs (plain
/// numbers: the search copies no references).
struct InstanceCandidate {
  /// Its index in the region's offers for the workload's operating system.
  let offerIndex: Int
  let perInstance: Double
  /// vCPU of load one instance serves: usable vCPU x target utilisation, a burstable type's
  /// baseline at most.
  let serviceCapacity: Double
  /// Compute (after any discount) plus storage, per instance-hour.
  let hourly: Double
}

/// Prices the instance option along a request-rate sweep with its candidates, catalog figures
/// and shared lines set up once.
final class InstancePricer: SweepPricer {
  private let option: InstanceOption
  private let candidates: [InstanceCandidate]
  private let figures: InstanceDemand.Figures
  private let shared: SharedLinesPricer

  /// Keeps only the candidates no other one dominates (no dearer, serves no less, holds no
  /// fewer copies): the search then picks what it picks from the full list, in fewer steps
  /// at every sweep point.
  init(
    option: InstanceOption, candidates: [InstanceCandidate], _ workload: Workload,
    _ context: EvaluationContext
  ) {
    self.candidates = undominated(candidates) { ($0.hourly, $0.serviceCapacity, $0.perInstance) }
    self.option = option
    figures = InstanceDemand.Figures(workload, context)
    shared = SharedLinesPricer(workload, eks: option.orchestrator == .eks, context)
  }

  /// The cheapest candidate's compute and storage plus the lines every type shares: the same
  /// sum `bill` makes, without building the configuration.
  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)? {
    let shape = TrafficShape(workload, hoursPerMonth: figures.hoursPerMonth)
    guard let best = option.cheapest(candidates, InstanceDemand(workload, shape, figures)),
      shared.priced
    else { return nil }
    return (best.cost + shared.total(shape), best.instanceHours / figures.hoursPerMonth)
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
    let offer = context.prices.instances[workload.operatingSystem][candidate.offerIndex]
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
    let accelerator = type.accelerator.map { ", \($0.count) \($0.kind.uppercased())" } ?? ""
    let holds =
      workload.pattern.isJob
      ? (perInstance == 1 ? "job" : "jobs") : (perInstance == 1 ? "copy" : "copies")
    let reserve =
      orchestrator == .none
      ? "" : orchestrator == .eks ? " after the kubelet's reserve" : " after the agent's reserve"
    let running =
      capacity.map { describe($0, "instances") }
      ?? Text("\(number: instanceHours) instance-hours for \(number: workload.jobsPerMonth) jobs")
      .string
    let burstable =
      type.burstableBaseline.map {
        workload.pattern.isJob
          ? "" : Text("; burstable, loaded only to its \(percent: $0) baseline").string
      } ?? ""
    let message: Text = """
      \(type.name): \(number: type.vcpu) vCPU / \(number: type.memoryGiB) GiB\(accelerator), holds \
      \(number: perInstance) \(holds)\(reserve); \(running)\(burstable).
      """
    sizing.notes.append(Reason(code: "sizing.instances", message: message.string))
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
