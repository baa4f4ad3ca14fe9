/// Lambda's monthly bill: requests, duration by tier (after the free tier when asked for),
/// provisioned concurrency, ephemeral storage above 512 MB, API Gateway for public HTTP.
enum LambdaCost {
  /// The architecture to price: the one asked for, or the cheaper one the region prices.
  static func cheaperArchitecture(
    _ workload: Workload, _ setup: LambdaSetup, _ context: EvaluationContext
  ) throws(CatalogError) -> Architecture {
    guard workload.architecture == .any else { return workload.architecture }
    var best: (Architecture, Double)?
    var firstError: CatalogError?
    for architecture in [Architecture.x86, .arm64] {
      var probe = CostRecorder(recording: false)
      do {
        _ = try addCosts(workload, architecture, setup, context, &probe)
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

  /// Concurrency at the peak and provisioned concurrency (count, hours a month, GB-seconds,
  /// requests it can serve), as the bill sized them.
  struct Usage {
    var concurrency: Double
    var provisioned: (count: Int, hours: Double, gbSeconds: Double, capacity: Double)?
  }

  /// Adds the bill's lines for one architecture to `costs` (the sweep calls only this, with
  /// the data transfer out amount it worked out once as `dataTransferUSD`).
  static func addCosts(
    _ workload: Workload, _ architecture: Architecture, _ setup: LambdaSetup,
    _ context: EvaluationContext, _ costs: inout CostRecorder, dataTransferUSD: Double? = nil
  ) throws(CatalogError) -> Usage {
    let model = context.model
    let prices = context.prices
    let gb = setup.gb
    let seconds = setup.seconds
    let invocations = workload.pattern.isJob ? workload.jobsPerMonth : workload.requestsPerMonth
    let purchase = setup.purchase
    let concurrency = LambdaOption.concurrency(workload, context)

    // Provisioned concurrency: set by hand, or sized to the load when the cold start allowed
    // is below the expected one. Requests run under it up to its capacity.
    var provisioned: (count: Int, hours: Double, gbSeconds: Double, capacity: Double)?
    if let manual = workload.provisionedConcurrency, manual.count > 0 {
      let instanceSeconds = Double(manual.count) * manual.hoursPerMonth * 3600
      provisioned = (
        manual.count, manual.hoursPerMonth, instanceSeconds * gb, instanceSeconds / seconds
      )
    } else if setup.keepsWarm {
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
    if let dataTransferUSD {
      costs.add(worked: dataTransferUSD)
    } else {
      try costs.dataTransferOut(workload, context)
    }
    return Usage(concurrency: concurrency, provisioned: provisioned)
  }

  /// The bill for one architecture, and the configuration it prices.
  static func bill(
    _ workload: Workload, architecture: Architecture, _ setup: LambdaSetup,
    _ context: EvaluationContext, _ costs: inout CostRecorder
  ) throws(CatalogError) -> OptionSizing {
    let model = context.model
    let memory = setup.memory
    let purchase = setup.purchase
    let usage = try addCosts(workload, architecture, setup, context, &costs)
    let concurrency = usage.concurrency
    let provisioned = usage.provisioned

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
    sizing.pricer = LambdaPricer(workload, setup, context)
    sizing.notes.append(
      Reason(
        code: "sizing.lambda-memory",
        message: Text(
          """
          \(number: memory, significant: 6) MB of memory (\(number: memory / model.lambdaMBPerVCPU.value) \
          vCPU at 1 vCPU per 1,769 MB); \(number: concurrency) concurrent runs at the peak.
          """
        ).string))
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

/// What Lambda's bill needs that does not depend on traffic, worked out once per workload.
struct LambdaSetup {
  /// Memory in MB (`LambdaOption.memoryMB`) and in GB, and seconds per run.
  let memory: Double
  let gb: Double
  let seconds: Double
  let purchase: PurchaseChoice
  /// True when the cold start allowed is below the expected one: concurrency is kept warm.
  let keepsWarm: Bool

  init(_ workload: borrowing Workload, _ context: EvaluationContext) {
    let model = context.model
    memory = LambdaOption.memoryMB(workload, model)
    gb = memory / 1024
    seconds = workload.averageDurationMs / 1000
    purchase = PurchaseChoice(workload, platform: .lambda, spotOffered: false, context: context)
    if let allowed = workload.maxColdStartMs {
      keepsWarm = allowed < LambdaCost.expectedColdStartMs(workload, model).value
    } else {
      keepsWarm = false
    }
  }
}

/// Prices Lambda along a sweep: the cheaper architecture's lines, set up once, without
/// building a configuration.
final class LambdaPricer: SweepPricer {
  private let setup: LambdaSetup
  private let architectures: [Architecture]
  private let context: EvaluationContext
  /// Data transfer out does not follow the traffic: its amount, worked out once (nil when
  /// there is none, or when it cannot be priced: then `priced` is false).
  private let dataTransferUSD: Double?
  private let priced: Bool

  init(_ workload: borrowing Workload, _ setup: LambdaSetup, _ context: EvaluationContext) {
    self.setup = setup
    architectures = [Architecture.x86, .arm64].filter {
      workload.architecture == .any || workload.architecture == $0
    }
    self.context = context
    var costs = CostRecorder(recording: false)
    if workload.dataTransferOutGBPerMonth > 0 {
      priced = (try? costs.dataTransferOut(workload, context)) != nil
      dataTransferUSD = priced ? costs.total : nil
    } else {
      priced = true
      dataTransferUSD = nil
    }
  }

  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)? {
    guard priced else { return nil }
    var best: Double?
    for architecture in architectures {
      var costs = CostRecorder(recording: false)
      if (try? LambdaCost.addCosts(
        workload, architecture, setup, context, &costs, dataTransferUSD: dataTransferUSD)) != nil
      {
        best = min(best ?? .infinity, costs.total)
      }
    }
    return best.map { ($0, 0) }
  }
}
