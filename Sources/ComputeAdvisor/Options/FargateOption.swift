/// ECS or EKS on Fargate: tasks (pods) of a valid size, billed per vCPU- and GB-second.
struct FargateOption: ComputeOption {
  let id: String
  let displayName: String
  let orchestrator: ExistingPlatform
  let responsibilities: ResponsibilityMatrix

  static let ecs = FargateOption(
    id: "ecs-fargate", displayName: "Amazon ECS on AWS Fargate", orchestrator: .ecs,
    responsibilities: ResponsibilityMatrix(
      provisioning: .aws, osPatching: .aws, runtimePatching: .you, scaling: .shared,
      highAvailability: .shared, capacityPlanning: .shared, clusterUpgrades: .aws))
  static let eks = FargateOption(
    id: "eks-fargate", displayName: "Amazon EKS on AWS Fargate", orchestrator: .eks,
    responsibilities: ResponsibilityMatrix(
      provisioning: .aws, osPatching: .aws, runtimePatching: .you, scaling: .shared,
      highAvailability: .shared, capacityPlanning: .shared, clusterUpgrades: .shared))

  var isEKS: Bool { orchestrator == .eks }

  /// Memory one task must have: the pod's request plus 256 MB on EKS.
  func taskMemoryMiB(_ workload: Workload, _ model: ModelFigures) -> Double {
    workload.memoryMiB + (isEKS ? model.eksFargatePodOverheadMB.value : 0)
  }

  /// For each vCPU step at or above the workload's, the smallest valid memory that fits: the
  /// only sizes that can be cheapest (price rises with memory; capacity follows vCPU).
  func candidateSizes(
    _ workload: Workload, _ context: EvaluationContext
  ) -> [(vcpu: Double, memoryGiB: Double)] {
    let neededGiB = taskMemoryMiB(workload, context.model) / 1024
    var sizes: [(vcpu: Double, memoryGiB: Double)] = []
    for size in context.catalog.document.fargateTaskSizes where size.vcpu >= workload.vcpu {
      if size.ecsLinuxOnly == true && (isEKS || workload.operatingSystem == .windows) { continue }
      if let memory = size.memoryGiB.first(where: { $0 >= neededGiB }) {
        sizes.append((size.vcpu, memory))
      }
    }
    return sizes
  }

  func ineligibility(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    var reasons: [Reason] = []
    let flags: [(Bool, String, String)] = [
      (
        workload.kubernetes && !isEKS, "ecs.kubernetes-required",
        "Kubernetes is required; ECS is not Kubernetes."
      ),
      (workload.gpuCount > 0, "fargate.gpu-unsupported", "Needs a GPU; Fargate has none."),
      (
        workload.osAccess, "fargate.os-access-unsupported",
        "Needs full access to the operating system; Fargate gives no host access."
      ),
      (
        workload.privileged, "fargate.privileged-unsupported",
        "Needs privileged containers or host access; Fargate allows neither."
      ),
      (
        workload.daemonSets, "fargate.daemonsets-unsupported",
        "Needs per-host agents (DaemonSets); Fargate has no hosts to run them on."
      ),
      (
        workload.packaging == .machineImage, "fargate.machine-image-unsupported",
        "Packaged as a machine image; Fargate runs container images."
      ),
      (
        isEKS && workload.operatingSystem == .windows, "fargate.eks-windows-unsupported",
        "Needs Windows; EKS on Fargate runs Linux pods only (Windows Fargate is ECS only)."
      ),
      (
        isEKS && workload.architecture == .arm64, "fargate.eks-arm64-unsupported",
        "Needs arm64; EKS on Fargate runs x86_64 pods only (ARM Fargate is ECS only)."
      ),
    ]
    for (applies, code, message) in flags where applies {
      reasons.append(Reason(code: code, message: message))
    }
    if candidateSizes(workload, context).isEmpty {
      let largest = context.catalog.document.fargateTaskSizes.last {
        $0.ecsLinuxOnly != true || (!isEKS && workload.operatingSystem == .linux)
      }
      let maxVCPU = largest?.vcpu ?? 0
      let maxMemory = largest?.memoryGiB.last ?? 0
      reasons.append(
        Reason(
          code: "fargate.task-size-exceeded",
          message: "Needs \(Format.number(workload.vcpu)) vCPU and "
            + "\(Format.number(taskMemoryMiB(workload, context.model) / 1024)) GiB per task"
            + (isEKS ? " (with the 256 MB pod overhead)" : "")
            + "; the largest \(displayName) task is \(Format.number(maxVCPU)) vCPU / "
            + "\(Format.number(maxMemory)) GiB.",
          limit: maxMemory * 1024, value: taskMemoryMiB(workload, context.model)))
    }
    return reasons
  }

  /// Every architecture and valid task size the workload could run on, with its price per
  /// task-hour (vCPU and memory after any discount, Windows licence, extra storage). Throws
  /// when no architecture has prices in the region.
  func candidates(
    _ workload: Workload, _ purchase: PurchaseChoice, _ context: EvaluationContext
  ) throws(CatalogError) -> [TaskCandidate] {
    let prices = context.prices
    let windows = workload.operatingSystem == .windows
    var architectures: [Architecture] = [.x86]
    if !windows && !isEKS {
      switch workload.architecture {
      case .arm64: architectures = [.arm64]
      case .any: architectures = [.x86, .arm64]
      case .x86: break
      }
    }
    let factor = 1 - (purchase.discount?.value ?? 0)
    let extraStorage = max(
      0, workload.ephemeralStorageGiB - context.model.fargateEphemeralIncludedGB.value)
    let storageRate = extraStorage > 0 ? try prices.fargateEphemeral.flat() : 0
    let license = windows ? try prices.fargateWindowsLicense.flat() : 0
    let sizes = candidateSizes(workload, context)
    var result: [TaskCandidate] = []
    var firstError: CatalogError?
    for architecture in architectures {
      let vcpuRate: Double
      let memoryRate: Double
      do {
        vcpuRate = try (windows ? prices.fargateWindowsVCPU : prices.fargateVCPU[architecture])
          .flat()
        memoryRate = try
          (windows ? prices.fargateWindowsMemory : prices.fargateMemory[architecture]).flat()
      } catch {
        firstError = firstError ?? error
        continue
      }
      for size in sizes {
        let hourly =
          (size.vcpu * vcpuRate + size.memoryGiB * memoryRate) * factor + size.vcpu * license
          + extraStorage * storageRate
        result.append(
          TaskCandidate(
            architecture: architecture, vcpu: size.vcpu, memoryGiB: size.memoryGiB, hourly: hourly))
      }
    }
    if result.isEmpty, let firstError { throw firstError }
    return result
  }

  /// The candidate with the lowest bill (the load balancer, control plane and data transfer
  /// are the same for all) and its cost; ties go to the smaller size and to x86_64.
  func cheapest(
    _ candidates: [TaskCandidate], _ demand: TaskDemand
  ) -> (candidate: TaskCandidate, cost: Double)? {
    var best: (candidate: TaskCandidate, cost: Double)?
    for candidate in candidates {
      let cost =
        taskHours((candidate.vcpu, candidate.memoryGiB), demand).taskHours * candidate.hourly
      if best == nil || cost < best!.cost { best = (candidate, cost) }
    }
    return best
  }

  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let windows = workload.operatingSystem == .windows
    let purchase = PurchaseChoice(
      workload, platform: .fargate, spotOffered: !isEKS && !windows, context: context)
    let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)
    let candidates = try candidates(workload, purchase, context)
    guard let best = cheapest(candidates, TaskDemand(workload, shape, context))?.candidate else {
      throw .priceMissing(item: "fargate task sizes", region: context.prices.region)
    }
    var sizing = try bill(
      workload, best.architecture, (best.vcpu, best.memoryGiB), shape, purchase, context, &costs)
    if costs.recording {
      sizing.pricer = FargatePricer(option: self, candidates: candidates, workload, context)
    }
    return sizing
  }

  /// Along a request-rate sweep the candidates stay the same: only the search reruns.
  func sweepPricer(_ workload: Workload, _ context: EvaluationContext) -> any SweepPricer {
    let windows = workload.operatingSystem == .windows
    let purchase = PurchaseChoice(
      workload, platform: .fargate, spotOffered: !isEKS && !windows, context: context)
    return FargatePricer(
      option: self, candidates: (try? candidates(workload, purchase, context)) ?? [], workload,
      context)
  }

  /// Task-hours a month at one task size, and the tasks at each traffic level. Jobs: one task
  /// per job, billed per second with the platform's minimum. Services: tasks at each level =
  /// max(the minimum copies, load / (task vCPU x target utilisation)).
  func taskHours(
    _ size: (vcpu: Double, memoryGiB: Double), _ demand: TaskDemand
  ) -> (taskHours: Double, capacity: Capacity?) {
    if let jobHours = demand.jobHours { return (jobHours, nil) }
    let peak = max(demand.floor, (demand.peakLoad / size.vcpu).rounded(.up))
    var hours = peak * demand.peakHours
    var offPeak: Double?
    if let load = demand.offPeakLoad {
      offPeak = max(demand.floor, (load / size.vcpu).rounded(.up))
      hours += offPeak! * demand.offPeakHours
    }
    return (hours, Capacity(peak: peak, offPeak: offPeak, average: hours / demand.hoursPerMonth))
  }

  /// The lines that do not depend on the task size: the load balancer of a public service,
  /// the EKS control plane, data transfer out.
  func sharedLines(
    _ workload: Workload, _ shape: TrafficShape, _ context: EvaluationContext,
    _ costs: inout CostRecorder
  ) throws(CatalogError) {
    if workload.ingress == .publicHTTP && !workload.pattern.isJob {
      try costs.applicationLoadBalancer(workload, shape, context)
    }
    if isEKS { try costs.eksControlPlane(workload, context) }
    try costs.dataTransferOut(workload, context)
  }

  /// The bill for one architecture and task size.
  func bill(
    _ workload: Workload, _ architecture: Architecture, _ size: (vcpu: Double, memoryGiB: Double),
    _ shape: TrafficShape, _ purchase: PurchaseChoice, _ context: EvaluationContext,
    _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let prices = context.prices
    let windows = workload.operatingSystem == .windows
    let (taskHours, capacity) = taskHours(size, TaskDemand(workload, shape, context))

    let vcpuRef = windows ? prices.fargateWindowsVCPU : prices.fargateVCPU[architecture]
    let memoryRef = windows ? prices.fargateWindowsMemory : prices.fargateMemory[architecture]
    try costs.flat(
      vcpuRef, quantity: taskHours * size.vcpu, .compute, discount: purchase.discount,
      windows
        ? "Fargate vCPU (Windows)"
        : architecture == .arm64 ? "Fargate vCPU (arm64)" : "Fargate vCPU (x86_64)")
    try costs.flat(
      memoryRef, quantity: taskHours * size.memoryGiB, .compute, discount: purchase.discount,
      windows
        ? "Fargate memory (Windows)"
        : architecture == .arm64 ? "Fargate memory (arm64)" : "Fargate memory (x86_64)")
    if windows {
      try costs.flat(
        prices.fargateWindowsLicense, quantity: taskHours * size.vcpu, .license,
        "Windows OS licence per vCPU-hour")
    }
    let extraStorage = max(0, workload.ephemeralStorageGiB - model.fargateEphemeralIncludedGB.value)
    if extraStorage > 0 {
      try costs.flat(
        prices.fargateEphemeral, quantity: taskHours * extraStorage, .storage,
        "Ephemeral storage above 20 GB")
    }
    try sharedLines(workload, shape, context, &costs)
    let publicService = workload.ingress == .publicHTTP && !workload.pattern.isJob

    var configuration = Configuration(
      architecture: architecture, operatingSystem: workload.operatingSystem,
      purchaseOption: purchase.applied, billing: workload.pattern.isJob ? "per-job" : "always-on")
    configuration.taskVCPU = size.vcpu
    configuration.taskMemoryGiB = size.memoryGiB
    configuration.tasks = capacity
    configuration.hoursPerMonth = taskHours
    if publicService { configuration.loadBalancer = "Application Load Balancer" }
    var sizing = OptionSizing(configuration: configuration, averageNodes: 0)
    guard costs.recording else { return sizing }
    let overhead = isEKS ? " (pod request + 256 MB, rounded up to a valid size)" : ""
    let jobs = Text(
      """
      \(number: workload.jobsPerMonth) jobs billed \
      \(number: taskHours * 3600 / max(workload.jobsPerMonth, 1)) s each
      """
    ).string
    sizing.notes.append(
      Reason(
        code: "sizing.fargate-task",
        message: Text(
          """
          Task size \(number: size.vcpu) vCPU / \(number: size.memoryGiB) GB\(overhead); \
          \(capacity.map { describe($0, "tasks") } ?? jobs).
          """
        ).string))
    if let note = purchase.note {
      sizing.warnings.append(
        Warning(code: "purchase.not-applied", message: "\(displayName): \(note).", option: id))
    }
    return sizing
  }

  func treeReasons(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    ContainerTree.reasons(workload, orchestrator: orchestrator, serverless: true, context)
  }
}

/// "2 tasks at the peak, 1 off the peak (1.4 on average)".
func describe(_ capacity: Capacity, _ noun: String) -> String {
  guard let offPeak = capacity.offPeak else {
    return Text("\(number: capacity.peak) \(noun)").string
  }
  return Text(
    """
    \(number: capacity.peak) \(noun) at the peak, \(number: offPeak) off the peak \
    (\(number: capacity.average) on average)
    """
  ).string
}
