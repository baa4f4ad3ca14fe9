/// A stretch of the month at one request rate.
struct TrafficLevel {
  var rate: Double
  var hours: Double
}

/// Traffic as two levels (domain.md: "two levels is enough"): the peak for `peakHoursPerDay`
/// and the rate that keeps the daily average for the rest. Without peak hours, capacity is
/// held at the peak all month.
struct TrafficShape {
  var peak: TrafficLevel
  var offPeak: TrafficLevel?

  init(_ workload: Workload, hoursPerMonth: Double) {
    guard let hoursPerDay = workload.peakHoursPerDay, hoursPerDay < 24,
      workload.peakRate > workload.averageRate
    else {
      peak = TrafficLevel(rate: workload.peakRate, hours: hoursPerMonth)
      offPeak = nil
      return
    }
    let offRate = max(
      0, (24 * workload.averageRate - hoursPerDay * workload.peakRate) / (24 - hoursPerDay))
    let peakHours = hoursPerMonth * hoursPerDay / 24
    peak = TrafficLevel(rate: workload.peakRate, hours: peakHours)
    offPeak = TrafficLevel(rate: offRate, hours: hoursPerMonth - peakHours)
  }
}

/// A purchase option as one platform applies it.
struct PurchaseChoice {
  let applied: PurchaseOption
  let discount: FigureRef?
  /// Why the purchase option asked for was not applied.
  let note: String?

  /// `spotOffered` says whether the platform offers Spot for this workload at all.
  init(
    _ workload: Workload, platform: PricingPlatform, spotOffered: Bool, context: EvaluationContext
  ) {
    var option = workload.purchaseOption
    var note: String?
    if option == .spot {
      if !spotOffered {
        note = "Spot does not apply here; on-demand prices used"
        option = .onDemand
      } else if !workload.interruptionTolerant {
        note = "Spot needs an interruption-tolerant workload; on-demand prices used"
        option = .onDemand
      }
    }
    applied = option
    self.note = note
    discount = context.model.discounts[platform][option]
  }
}

/// Minimum copies for availability: the catalog's figure for the pattern, raised to the
/// replicas a long-running workload asks for.
func minimumCopies(_ workload: Workload, _ context: EvaluationContext) -> Double {
  let availability = context.model.availabilityMinimum[workload.pattern].value
  return max(availability, workload.replicas.rounded(.up))
}

/// vCPU of load at a request rate: rate x CPU time / target utilisation.
func cpuLoad(rate: Double, _ workload: Workload, utilisation: Double) -> Double {
  rate * workload.cpuTimeMs / 1000 / utilisation
}

extension CostRecorder {
  /// An Application Load Balancer in front of a public-http service: hours plus capacity units
  /// (new connections, one per request, or processed bytes, whichever is larger).
  mutating func applicationLoadBalancer(
    _ workload: Workload, _ shape: TrafficShape, _ context: EvaluationContext
  ) throws(CatalogError) {
    let prices = context.prices
    try flat(
      prices.albHour, quantity: context.hoursPerMonth, .loadBalancer,
      "Application Load Balancer")
    let gbPerHour = workload.dataTransferOutGBPerMonth / context.hoursPerMonth
    func lcu(_ level: TrafficLevel) -> Double {
      max(
        level.rate / context.model.albLCUNewConnectionsPerSecond.value,
        gbPerHour / context.model.albLCUProcessedGBPerHour.value)
    }
    var lcuHours = lcu(shape.peak) * shape.peak.hours
    if let offPeak = shape.offPeak { lcuHours += lcu(offPeak) * offPeak.hours }
    try flat(
      prices.albLCU, quantity: lcuHours, .loadBalancer,
      "ALB capacity units (one new connection per request)")
  }

  /// Data transfer out to the internet, when the workload gives it.
  mutating func dataTransferOut(
    _ workload: Workload, _ context: EvaluationContext
  ) throws(CatalogError) {
    guard workload.dataTransferOutGBPerMonth > 0 else { return }
    try tiered(
      context.prices.dataTransferOut, quantity: workload.dataTransferOutGBPerMonth,
      .dataTransfer, free: workload.applyFreeTier ? context.model.dataTransferFreeGB : nil,
      "Data transfer out to the internet")
  }

  /// The EKS control plane, unless the workload joins the team's existing cluster.
  mutating func eksControlPlane(
    _ workload: Workload, _ context: EvaluationContext
  ) throws(CatalogError) {
    guard workload.existingPlatform != .eks else { return }
    try flat(
      context.prices.eksControlPlane, quantity: context.hoursPerMonth, .controlPlane,
      "EKS cluster (standard support)")
  }
}

/// Seconds a job is billed for: its run time, at least the platform's minimum.
func billedSeconds(_ workload: Workload, minimum: Double) -> Double {
  max(workload.averageDurationMs / 1000, minimum)
}
