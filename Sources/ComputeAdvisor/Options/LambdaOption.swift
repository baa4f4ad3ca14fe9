/// AWS Lambda: per request and per GB-second, nothing to run between requests.
struct LambdaOption: ComputeOption {
  let id = "lambda"
  let displayName = "AWS Lambda"
  let orchestrator = ExistingPlatform.none
  let responsibilities = ResponsibilityMatrix(
    provisioning: .aws, osPatching: .aws, runtimePatching: .shared, scaling: .aws,
    highAvailability: .aws, capacityPlanning: .aws, clusterUpgrades: .notApplicable)

  /// Memory = max(memoryMiB, vcpu x 1,769 MB) when vcpu is given, in 1 MB steps, at least
  /// the smallest function.
  static func memoryMB(_ workload: Workload, _ model: ModelFigures) -> Double {
    var memory = workload.memoryMiB
    if workload.vcpuGiven {
      memory = max(memory, workload.vcpu * model.lambdaMBPerVCPU.value)
    }
    return max(memory.rounded(.up), model.lambdaMemoryMinMB.value)
  }

  /// Concurrent executions at the peak (Little's law); jobs: the mean overlap.
  static func concurrency(_ workload: Workload, _ context: EvaluationContext) -> Double {
    let seconds = workload.averageDurationMs / 1000
    if workload.pattern.isJob { return workload.jobsPerMonth * seconds / context.secondsPerMonth }
    return workload.peakRate * seconds
  }

  func ineligibility(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    let model = context.model
    var reasons: [Reason] = []
    if workload.pattern == .longRunning {
      reasons.append(
        Reason(
          code: "lambda.long-running-unsupported",
          message: "An always-on process never ends; a Lambda invocation runs at most "
            + "\(Format.number(model.lambdaTimeoutSeconds.value)) s.",
          limit: model.lambdaTimeoutSeconds.value))
    }
    let longest = max(workload.maxDurationSeconds, workload.averageDurationMs / 1000)
    if workload.pattern != .longRunning && longest > model.lambdaTimeoutSeconds.value {
      reasons.append(
        Reason(
          code: "lambda.timeout-exceeded",
          message: "A run takes up to \(Format.number(longest)) s; Lambda stops a run at "
            + "\(Format.number(model.lambdaTimeoutSeconds.value)) s (15 minutes).",
          limit: model.lambdaTimeoutSeconds.value, value: longest))
    }
    let memory = Self.memoryMB(workload, model)
    if memory > model.lambdaMemoryMaxMB.value {
      reasons.append(
        Reason(
          code: "lambda.memory-exceeded",
          message: "Needs \(Format.number(memory, significant: 6)) MB; Lambda offers at most "
            + "\(Format.number(model.lambdaMemoryMaxMB.value, significant: 6)) MB.",
          limit: model.lambdaMemoryMaxMB.value, value: memory))
    }
    if workload.vcpuGiven && workload.vcpu > model.lambdaMaxVCPU.value {
      reasons.append(
        Reason(
          code: "lambda.vcpu-exceeded",
          message: "Needs \(Format.number(workload.vcpu)) vCPU; Lambda gives at most "
            + "\(Format.number(model.lambdaMaxVCPU.value)) (at 10,240 MB).",
          limit: model.lambdaMaxVCPU.value, value: workload.vcpu))
    }
    let ephemeralMB = workload.ephemeralStorageGiB * 1024
    if ephemeralMB > model.lambdaEphemeralMaxMB.value {
      reasons.append(
        Reason(
          code: "lambda.ephemeral-storage-exceeded",
          message: "Needs \(Format.number(workload.ephemeralStorageGiB)) GiB of local storage; "
            + "Lambda's /tmp holds at most \(Format.number(model.lambdaEphemeralMaxMB.value / 1024)) GiB.",
          limit: model.lambdaEphemeralMaxMB.value, value: ephemeralMB))
    }
    let flags: [(Bool, String, String)] = [
      (workload.gpuCount > 0, "lambda.gpu-unsupported", "Needs a GPU; Lambda has none."),
      (
        workload.operatingSystem == .windows, "lambda.windows-unsupported",
        "Needs Windows; Lambda runs Linux only."
      ),
      (
        workload.osAccess, "lambda.os-access-unsupported",
        "Needs full access to the operating system; Lambda gives none."
      ),
      (
        workload.privileged, "lambda.privileged-unsupported",
        "Needs privileged or host access; Lambda gives none."
      ),
      (
        workload.daemonSets, "lambda.daemonsets-unsupported",
        "Needs per-host agents (DaemonSets); Lambda has no hosts to run them on."
      ),
      (
        workload.persistentConnections, "lambda.persistent-connections-unsupported",
        "Holds persistent connections; a Lambda invocation ends with its response."
      ),
      (
        workload.kubernetes, "lambda.kubernetes-required",
        "Kubernetes is required; Lambda is not Kubernetes."
      ),
      (
        workload.packaging == .machineImage, "lambda.machine-image-unsupported",
        "Packaged as a machine image; Lambda runs zip packages or container images."
      ),
    ]
    for (applies, code, message) in flags where applies {
      reasons.append(Reason(code: code, message: message))
    }
    return reasons
  }

  func evaluate(
    _ workload: Workload, _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let setup = LambdaSetup(workload, context)
    let architecture = try LambdaCost.cheaperArchitecture(workload, setup, context)
    return try LambdaCost.bill(workload, architecture: architecture, setup, context, &costs)
  }

  func sweepPricer(_ workload: Workload, _ context: EvaluationContext) -> any SweepPricer {
    LambdaPricer(workload, LambdaSetup(workload, context), context)
  }

  func treeReasons(_ workload: Workload, _ context: EvaluationContext) -> [Reason] {
    var reasons: [Reason] = []
    let seconds = workload.averageDurationMs / 1000
    let limit = context.model.lambdaTimeoutSeconds.value
    if workload.pattern != .longRunning && max(seconds, workload.maxDurationSeconds) <= limit {
      reasons.append(
        Reason(
          code: "tree.run-length",
          message: Text(
            """
            Each run takes \(number: seconds) s on average (longest \
            \(number: workload.maxDurationSeconds) s), within Lambda's \(number: limit) s limit.
            """
          ).string))
    }
    switch workload.pattern {
    case .eventDriven, .requestDriven:
      reasons.append(
        Reason(
          code: "tree.event-driven",
          message: "\(workload.pattern == .eventDriven ? "Event" : "Request")-driven code: "
            + "Lambda runs it per \(workload.pattern == .eventDriven ? "event" : "request"), "
            + "scales by itself and costs nothing while idle."))
    case .batch, .scheduled:
      reasons.append(
        Reason(
          code: "tree.event-driven",
          message: "Jobs started by a trigger or a clock: Lambda bills only the runs."))
    case .longRunning:
      break
    }
    reasons.append(
      Reason(
        code: "tree.nothing-to-manage",
        message: "No servers, cluster or capacity to manage: AWS patches and scales it."))
    return reasons
  }
}
