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

  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    var architectures: [Architecture] = [.x86]
    if workload.operatingSystem == .linux && !isEKS {
      switch workload.architecture {
      case .arm64: architectures = [.arm64]
      case .any: architectures = [.x86, .arm64]
      case .x86: break
      }
    }
    var best: (architecture: Architecture, vcpu: Double, memory: Double, total: Double)?
    var firstError: CatalogError?
    for architecture in architectures {
      for size in candidateSizes(workload, context) {
        var probe = CostRecorder(recording: false)
        do {
          _ = try bill(workload, architecture, size, context, &probe)
        } catch {
          firstError = firstError ?? error
          continue
        }
        if best == nil || probe.total < best!.total {
          best = (architecture, size.vcpu, size.memoryGiB, probe.total)
        }
      }
    }
    guard let best else {
      throw firstError
        ?? .priceMissing(item: "fargate.linux.x86_64.vcpu-hour", region: context.prices.region)
    }
    return try bill(workload, best.architecture, (best.vcpu, best.memory), context, &costs)
  }

  /// The bill for one architecture and task size.
  private func bill(
    _ workload: Workload, _ architecture: Architecture, _ size: (vcpu: Double, memoryGiB: Double),
    _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let prices = context.prices
    let windows = workload.operatingSystem == .windows
    let purchase = PurchaseChoice(
      workload, platform: "fargate", spotOffered: !isEKS && !windows, context: context)
    let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)

    // Task-hours over the month, and the capacity at each traffic level.
    var taskHours: Double
    var capacity: Capacity?
    if workload.pattern.isJob {
      let minimum = windows ? model.fargateMinimumSecondsWindows : model.fargateMinimumSecondsLinux
      taskHours = workload.jobsPerMonth * billedSeconds(workload, minimum: minimum.value) / 3600
    } else {
      let utilisation = model.utilisationService.value
      let floor = minimumCopies(workload, context)
      func tasks(_ level: TrafficLevel) -> Double {
        max(
          floor,
          (cpuLoad(rate: level.rate, workload, utilisation: utilisation) / size.vcpu).rounded(.up))
      }
      let peakTasks = tasks(shape.peak)
      taskHours = peakTasks * shape.peak.hours
      var offPeakTasks: Double?
      if let offPeak = shape.offPeak {
        offPeakTasks = tasks(offPeak)
        taskHours += offPeakTasks! * offPeak.hours
      }
      capacity = Capacity(
        peak: peakTasks, offPeak: offPeakTasks, average: taskHours / context.hoursPerMonth)
    }

    let vcpuRef = windows ? prices.fargateWindowsVCPU : prices.fargateVCPU[architecture]!
    let memoryRef = windows ? prices.fargateWindowsMemory : prices.fargateMemory[architecture]!
    let label = windows ? "Windows" : architecture.rawValue
    try costs.flat(
      vcpuRef, quantity: taskHours * size.vcpu, .compute, discount: purchase.discount,
      "Fargate vCPU (\(label)): \(Format.number(taskHours)) task-hours x \(Format.number(size.vcpu)) vCPU"
    )
    try costs.flat(
      memoryRef, quantity: taskHours * size.memoryGiB, .compute, discount: purchase.discount,
      "Fargate memory (\(label)): \(Format.number(taskHours)) task-hours x \(Format.number(size.memoryGiB)) GB"
    )
    if windows {
      try costs.flat(
        prices.fargateWindowsLicense, quantity: taskHours * size.vcpu, .license,
        "Windows OS licence per vCPU-hour")
    }
    let extraStorage = max(0, workload.ephemeralStorageGiB - model.fargateEphemeralIncludedGB.value)
    if extraStorage > 0 {
      try costs.flat(
        prices.fargateEphemeral, quantity: taskHours * extraStorage, .storage,
        "Ephemeral storage above 20 GB: \(Format.number(extraStorage)) GB x task-hours")
    }
    let publicService = workload.ingress == .publicHTTP && !workload.pattern.isJob
    if publicService { try costs.applicationLoadBalancer(workload, shape, context) }
    if isEKS { try costs.eksControlPlane(workload, context) }
    try costs.dataTransferOut(workload, context)

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
    sizing.notes.append(
      Reason(
        code: "sizing.fargate-task",
        message: "Task size \(Format.number(size.vcpu)) vCPU / \(Format.number(size.memoryGiB)) GB"
          + overhead + "; "
          + (capacity.map { describe($0, "tasks") }
            ?? "\(Format.number(workload.jobsPerMonth)) jobs billed "
            + "\(Format.number(taskHours * 3600 / max(workload.jobsPerMonth, 1))) s each") + "."))
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
  var text = "\(Format.number(capacity.peak)) \(noun)"
  if let offPeak = capacity.offPeak {
    text +=
      " at the peak, \(Format.number(offPeak)) off the peak (\(Format.number(capacity.average)) on average)"
  }
  return text
}
