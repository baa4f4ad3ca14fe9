extension WorkloadResolver {
  private var maximumDurationMs: Double { 31 * 86_400 * 1000 }

  mutating func resolveTraffic(
    _ traffic: WorkloadDescription.Traffic?, _ pattern: Pattern?, _ secondsPerMonth: Double,
    _ workload: inout Workload
  ) {
    let given = traffic ?? .init()
    var out = given
    let perMonth = checked(
      given.requestsPerMonth, "traffic.requestsPerMonth", minimum: 1, maximum: 1e13)
    var average: Double?
    var peak: Double?
    if let rate = given.requestsPerSecond {
      average = checked(
        rate.average, "traffic.requestsPerSecond.average", minimum: 0, maximum: 4e6,
        exclusiveMinimum: true)
      peak = checked(
        rate.peak, "traffic.requestsPerSecond.peak", minimum: 0, maximum: 4e7,
        exclusiveMinimum: true)
      if rate.average == nil {
        required("traffic.requestsPerSecond.average", "give the average rate, in requests a second")
      }
      if let average, let given = peak, given < average {
        report(
          "traffic.requestsPerSecond.peak", ProblemCode.peakBelowAverage,
          "the peak (\(Format.number(given))/s) is below the average (\(Format.number(average))/s)")
        peak = nil
      }
    }
    let peakHours = checked(
      given.peakHoursPerDay, "traffic.peakHoursPerDay", minimum: 0, maximum: 24,
      exclusiveMinimum: true)
    let jobs = checked(given.jobsPerMonth, "traffic.jobsPerMonth", minimum: 1, maximum: 1e9)
    let replicas = checked(
      given.replicas.map(Double.init), "traffic.replicas", minimum: 1, maximum: 10_000)
    let transfer = checked(
      given.dataTransferOutGBPerMonth, "traffic.dataTransferOutGBPerMonth", minimum: 0,
      maximum: 1e7,
      unit: "GB")

    let hasRequests = given.requestsPerMonth != nil || given.requestsPerSecond != nil
    if given.requestsPerMonth != nil && given.requestsPerSecond != nil {
      report(
        "traffic.requestsPerSecond", ProblemCode.trafficConflict,
        "give traffic.requestsPerMonth or traffic.requestsPerSecond, not both")
    }
    if given.peakHoursPerDay != nil && given.requestsPerSecond == nil {
      report(
        "traffic.peakHoursPerDay", ProblemCode.trafficNotApplicable,
        "peakHoursPerDay goes with traffic.requestsPerSecond {average, peak}")
    }
    if let pattern {
      checkTrafficFits(pattern, given, hasRequests: hasRequests)
    }

    if let perMonth {
      workload.requestsPerMonth = perMonth
      workload.averageRate = perMonth / secondsPerMonth
      workload.peakRate = workload.averageRate
      assumptions.append(
        Assumption(
          field: path("traffic.requestsPerSecond.peak"), value: .number(workload.peakRate),
          source: "default", note: "requests spread evenly over the month: peak = average"))
    } else if let average {
      workload.averageRate = average
      workload.requestsPerMonth = average * secondsPerMonth
      let resolvedPeak =
        given.requestsPerSecond?.peak == nil
        ? defaulted(nil, "traffic.requestsPerSecond.peak", average, "flat traffic: peak = average")
        : (peak ?? average)
      workload.peakRate = resolvedPeak
      out.requestsPerSecond?.peak = resolvedPeak
      if let peakHours {
        workload.peakHoursPerDay = peakHours
        if peakHours * resolvedPeak > 24 * average * (1 + 1e-9) {
          report(
            "traffic.peakHoursPerDay", ProblemCode.peakHoursInconsistent,
            "\(Format.number(peakHours)) h a day at \(Format.number(resolvedPeak))/s is more than a "
              + "day's traffic at the average of \(Format.number(average))/s")
        }
      } else if resolvedPeak > average {
        assumptions.append(
          Assumption(
            field: path("traffic.peakHoursPerDay"), value: .number(24), source: "default",
            note: "no peak hours given: capacity is held at the peak all day"))
      }
    }
    if pattern?.isJob == true, let jobs {
      workload.jobsPerMonth = jobs
      workload.averageRate = jobs / secondsPerMonth
      workload.peakRate = workload.averageRate
    }
    workload.replicas = replicas ?? 0
    workload.dataTransferOutGBPerMonth = defaulted(
      transfer, "traffic.dataTransferOutGBPerMonth", 0, "no data transfer out to the internet")
    out.dataTransferOutGBPerMonth = workload.dataTransferOutGBPerMonth
    resolved.traffic = out
  }

  private func checkTrafficFits(
    _ pattern: Pattern, _ given: WorkloadDescription.Traffic, hasRequests: Bool
  ) {
    func notApplicable(_ field: String, _ message: String) {
      report("traffic." + field, ProblemCode.trafficNotApplicable, message)
    }
    switch pattern {
    case .requestDriven, .eventDriven:
      if !hasRequests {
        report(
          "traffic", ProblemCode.trafficMissing,
          "a \(pattern.rawValue) workload needs traffic.requestsPerMonth or traffic.requestsPerSecond"
        )
      }
      if given.jobsPerMonth != nil {
        notApplicable("jobsPerMonth", "jobsPerMonth is for batch and scheduled workloads")
      }
      if given.replicas != nil {
        notApplicable("replicas", "replicas is for long-running workloads")
      }
    case .batch, .scheduled:
      if given.jobsPerMonth == nil {
        report(
          "traffic", ProblemCode.trafficMissing,
          "a \(pattern.rawValue) workload needs traffic.jobsPerMonth")
      }
      if given.requestsPerMonth != nil {
        notApplicable(
          "requestsPerMonth", "a \(pattern.rawValue) workload counts jobsPerMonth, not requests")
      }
      if given.requestsPerSecond != nil {
        notApplicable(
          "requestsPerSecond", "a \(pattern.rawValue) workload counts jobsPerMonth, not requests")
      }
      if given.replicas != nil {
        notApplicable("replicas", "replicas is for long-running workloads")
      }
    case .longRunning:
      if given.replicas == nil && !hasRequests {
        report(
          "traffic", ProblemCode.trafficMissing,
          "a long-running workload needs traffic.replicas (and optionally a request rate)")
      }
      if given.jobsPerMonth != nil {
        notApplicable("jobsPerMonth", "jobsPerMonth is for batch and scheduled workloads")
      }
    }
  }

  mutating func resolveExecution(
    _ execution: WorkloadDescription.Execution?, _ resources: WorkloadDescription.Resources?,
    _ pattern: Pattern?, _ workload: inout Workload
  ) {
    let given = execution ?? .init()
    var out = given
    let average = checked(
      given.averageDurationMs, "execution.averageDurationMs", minimum: 0,
      maximum: maximumDurationMs,
      exclusiveMinimum: true, unit: "ms")
    let longest = checked(
      given.maxDurationSeconds, "execution.maxDurationSeconds", minimum: 0,
      maximum: maximumDurationMs / 1000, exclusiveMinimum: true, unit: "s")
    let cpu = checked(
      given.cpuTimeMs, "execution.cpuTimeMs", minimum: 0, maximum: maximumDurationMs * 64,
      unit: "ms")
    if let pattern, given.averageDurationMs == nil,
      pattern != .longRunning || workload.requestsPerMonth > 0
    {
      required(
        "execution.averageDurationMs",
        "give the wall time of one \(pattern.isJob ? "job" : "request or event"), in ms")
    }
    if let average, let longest, longest < average / 1000 {
      report(
        "execution.maxDurationSeconds", ProblemCode.maxBelowAverage,
        "the longest run (\(Format.number(longest)) s) is shorter than the average (\(Format.number(average / 1000)) s)"
      )
    }
    guard let average, let pattern else {
      resolved.execution = out
      return
    }
    workload.averageDurationMs = average
    workload.maxDurationSeconds = defaulted(
      longest, "execution.maxDurationSeconds", average / 1000,
      "the longest run lasts as long as the average")
    let share = catalog.model.cpuShare[pattern]
    workload.cpuTimeMs = defaulted(
      cpu, "execution.cpuTimeMs", share.value * average,
      "\(Format.percent(share.value)) of the duration for a \(pattern.rawValue) workload (\(share.id))"
    )
    out.maxDurationSeconds = workload.maxDurationSeconds
    out.cpuTimeMs = workload.cpuTimeMs
    resolved.execution = out
  }

  mutating func resolveResources(
    _ resources: WorkloadDescription.Resources?, _ workload: inout Workload
  ) {
    let given = resources ?? .init()
    let limits = capacityLimits
    let vcpu = checked(
      given.vcpu, "resources.vcpu", minimum: 0, maximum: limits.vcpu, exclusiveMinimum: true)
    workload.vcpuGiven = vcpu != nil
    workload.vcpu = defaulted(
      vcpu, "resources.vcpu", WorkloadDefaults.vcpu,
      "a small container; a copy uses the CPU it is given (Lambda: CPU follows memory)")
    workload.memoryMiB = defaulted(
      checked(
        given.memoryMiB, "resources.memoryMiB", minimum: 128, maximum: limits.memoryMiB, unit: "MiB"
      ),
      "resources.memoryMiB", WorkloadDefaults.memoryMiB, "memory of one copy")
    let count = checked(
      given.gpu?.count.map(Double.init), "resources.gpu.count", minimum: 0, maximum: 8)
    workload.gpuCount = Int(
      defaulted(given.gpu?.count == nil ? nil : count, "resources.gpu.count", 0, "no GPU"))
    if let kind = given.gpu?.kind {
      let allowed = ["any"] + catalog.acceleratorKinds
      if !allowed.contains(kind) {
        report(
          "resources.gpu.kind", ProblemCode.unknownGPUKind,
          "unknown accelerator '\(kind)'; allowed: \(allowed.joined(separator: ", "))",
          allowed: allowed)
      } else if given.gpu?.count == nil || given.gpu?.count == 0 {
        report(
          "resources.gpu.kind", ProblemCode.gpuKindWithoutCount,
          "give resources.gpu.count with the kind")
      }
      workload.gpuKind = kind
    } else if workload.gpuCount > 0 {
      workload.gpuKind = defaulted(nil, "resources.gpu.kind", "any", "any NVIDIA GPU") {
        .string($0)
      }
    }
    workload.ephemeralStorageGiB = defaulted(
      checked(
        given.ephemeralStorageGiB, "resources.ephemeralStorageGiB", minimum: 0, maximum: 16_384,
        unit: "GiB"),
      "resources.ephemeralStorageGiB", WorkloadDefaults.ephemeralStorageGiB,
      "within what Lambda (512 MB) and Fargate (20 GB) include")
    workload.architecture = defaulted(
      given.architecture, "resources.architecture", Architecture.x86,
      "built for x86_64; say any to let each option pick the cheaper")
    workload.operatingSystem = defaulted(
      given.operatingSystem, "resources.operatingSystem", OperatingSystem.linux, "Linux")
    if workload.operatingSystem == .windows && workload.architecture == .arm64 {
      report(
        "resources.architecture", ProblemCode.windowsArm,
        "Windows runs on x86_64 only on AWS compute")
    }
    // A defaulted vcpu stays out of the echo: given, it would size Lambda's memory.
    resolved.resources = .init(
      vcpu: workload.vcpuGiven ? workload.vcpu : nil, memoryMiB: workload.memoryMiB,
      gpu: workload.gpuCount > 0
        ? .init(count: workload.gpuCount, kind: workload.gpuKind) : given.gpu,
      ephemeralStorageGiB: workload.ephemeralStorageGiB, architecture: workload.architecture,
      operatingSystem: workload.operatingSystem)
  }
}
