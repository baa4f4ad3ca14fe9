/// Lambda's monthly bill: requests, duration by tier (after the free tier when asked for),
/// provisioned concurrency, ephemeral storage above 512 MB, API Gateway for public HTTP.
enum LambdaCost {
  /// The architecture to price: the one asked for, or the cheaper one the region prices.
  static func cheaperArchitecture(
    _ workload: Workload, _ context: EvaluationContext
  ) throws(CatalogError) -> Architecture {
    guard workload.architecture == .any else { return workload.architecture }
    var best: (Architecture, Double)?
    var firstError: CatalogError?
    for architecture in [Architecture.x86, .arm64] {
      var probe = CostRecorder(recording: false)
      do {
        _ = try bill(workload, architecture: architecture, context, &probe)
        if best == nil || probe.total < best!.1 { best = (architecture, probe.total) }
      } catch {
        firstError = firstError ?? error
      }
    }
    if let best { return best.0 }
    throw firstError ?? .priceMissing(item: "lambda.duration.x86_64", region: context.prices.region)
  }

  /// Expected cold start for the packaging (catalog parameter).
  static func expectedColdStartMs(_ workload: Workload, _ model: ModelFigures) -> FigureRef {
    workload.packaging == .container ? model.lambdaColdStartImageMs : model.lambdaColdStartZipMs
  }

  static func bill(
    _ workload: Workload, architecture: Architecture, _ context: EvaluationContext,
    _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let prices = context.prices
    let memory = LambdaOption.memoryMB(workload, model)
    let gb = memory / 1024
    let seconds = workload.averageDurationMs / 1000
    let invocations = workload.pattern.isJob ? workload.jobsPerMonth : workload.requestsPerMonth
    let purchase = PurchaseChoice(
      workload, platform: .lambda, spotOffered: false, context: context)
    let concurrency = LambdaOption.concurrency(workload, context)

    // Provisioned concurrency: set by hand, or sized to the load when the cold start allowed
    // is below the expected one. Requests run under it up to its capacity.
    var provisioned: (count: Int, hours: Double, gbSeconds: Double, capacity: Double)?
    if let manual = workload.provisionedConcurrency, manual.count > 0 {
      let instanceSeconds = Double(manual.count) * manual.hoursPerMonth * 3600
      provisioned = (
        manual.count, manual.hoursPerMonth, instanceSeconds * gb, instanceSeconds / seconds
      )
    } else if let allowed = workload.maxColdStartMs,
      allowed < expectedColdStartMs(workload, model).value
    {
      var instanceSeconds: Double
      var peakCount: Double
      if workload.pattern.isJob {
        peakCount = max(1, concurrency.rounded(.up))
        instanceSeconds = peakCount * context.secondsPerMonth
      } else {
        let shape = TrafficShape(workload, hoursPerMonth: context.hoursPerMonth)
        peakCount = max(1, (shape.peak.rate * seconds).rounded(.up))
        instanceSeconds = peakCount * shape.peak.hours * 3600
        if let offPeak = shape.offPeak {
          instanceSeconds += max(1, (offPeak.rate * seconds).rounded(.up)) * offPeak.hours * 3600
        }
      }
      provisioned = (
        Int(peakCount), context.hoursPerMonth, instanceSeconds * gb, instanceSeconds / seconds
      )
    }
    let underProvisioned = min(invocations, provisioned?.capacity ?? 0)
    let onDemand = invocations - underProvisioned

    try costs.tiered(
      prices.lambdaRequests[architecture], quantity: invocations, .requests,
      free: workload.applyFreeTier ? model.lambdaFreeRequests : nil,
      architecture == .arm64 ? "Requests (arm64)" : "Requests (x86_64)")
    try costs.tiered(
      prices.lambdaDuration[architecture], quantity: onDemand * seconds * gb, .duration,
      free: workload.applyFreeTier ? model.lambdaFreeGBSeconds : nil, discount: purchase.discount,
      architecture == .arm64 ? "Duration (arm64)" : "Duration (x86_64)")
    if let provisioned {
      try costs.flat(
        prices.lambdaProvisioned[architecture], quantity: provisioned.gbSeconds,
        .provisionedConcurrency, discount: purchase.discount,
        "Provisioned concurrency, configured")
      try costs.flat(
        prices.lambdaProvisionedDuration[architecture],
        quantity: underProvisioned * seconds * gb, .provisionedConcurrency,
        discount: purchase.discount,
        "Duration under provisioned concurrency")
    }
    let extraGB =
      max(0, workload.ephemeralStorageGiB * 1024 - model.lambdaEphemeralIncludedMB.value) / 1024
    if extraGB > 0 {
      try costs.flat(
        prices.lambdaEphemeral, quantity: invocations * seconds * extraGB, .storage,
        "Ephemeral storage above 512 MB")
    }
    if workload.ingress == .publicHTTP && !workload.pattern.isJob {
      try costs.tiered(
        prices.apiGatewayHTTP, quantity: invocations, .apiGateway, "API Gateway HTTP API requests")
    }
    try costs.dataTransferOut(workload, context)

    var configuration = Configuration(
      architecture: architecture, operatingSystem: .linux, purchaseOption: purchase.applied,
      billing: "per-request")
    configuration.memoryMB = memory
    configuration.concurrency = concurrency
    configuration.provisionedConcurrency = provisioned?.count
    configuration.provisionedHoursPerMonth = provisioned?.hours
    if workload.ingress == .publicHTTP && !workload.pattern.isJob {
      configuration.loadBalancer = "API Gateway HTTP API"
    }
    var sizing = OptionSizing(configuration: configuration, averageNodes: 0)
    guard costs.recording else { return sizing }
    sizing.notes.append(
      Reason(
        code: "sizing.lambda-memory",
        message: "\(Format.number(memory, significant: 6)) MB of memory "
          + "(\(Format.number(memory / model.lambdaMBPerVCPU.value)) vCPU at 1 vCPU per "
          + "1,769 MB); \(Format.number(concurrency)) concurrent runs at the peak."))
    if let provisioned, workload.provisionedConcurrency == nil {
      sizing.notes.append(
        Reason(
          code: "sizing.lambda-provisioned-concurrency",
          message: "Cold starts allowed up to \(Format.number(workload.maxColdStartMs ?? 0)) ms, "
            + "below the expected \(Format.number(expectedColdStartMs(workload, model).value)) ms: "
            + "\(provisioned.count) environments kept warm."))
    }
    let quota = model.lambdaConcurrencyQuota.value
    if concurrency > quota {
      sizing.warnings.append(
        Warning(
          code: "lambda.concurrency-above-quota",
          message: "Lambda needs \(Format.number(concurrency)) concurrent executions at the peak, "
            + "above the default quota of \(Format.number(quota, significant: 6)) per region: "
            + "ask AWS to raise it.", option: "lambda"))
    }
    if let note = purchase.note {
      sizing.warnings.append(
        Warning(code: "purchase.not-applied", message: "Lambda: \(note).", option: "lambda"))
    }
    return sizing
  }
}
