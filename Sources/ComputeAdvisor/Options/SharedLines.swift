/// The lines of a bill that do not depend on the instance type or task size: the load
/// balancer of a public service, the EKS control plane, data transfer out.
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
    try flat(
      prices.albLCU, quantity: LoadBalancerUnits(workload, context).hours(shape), .loadBalancer,
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

/// ALB capacity-unit hours a month: at each traffic level the larger of new connections (one
/// per request) and processed bytes, in units.
struct LoadBalancerUnits {
  let gbPerHour: Double
  let newConnectionsPerSecond: Double
  let processedGBPerHour: Double

  init(_ workload: borrowing Workload, _ context: EvaluationContext) {
    gbPerHour = workload.dataTransferOutGBPerMonth / context.hoursPerMonth
    newConnectionsPerSecond = context.model.albLCUNewConnectionsPerSecond.value
    processedGBPerHour = context.model.albLCUProcessedGBPerHour.value
  }

  func hours(_ shape: TrafficShape) -> Double {
    var hours = units(shape.peak) * shape.peak.hours
    if let offPeak = shape.offPeak { hours += units(offPeak) * offPeak.hours }
    return hours
  }

  private func units(_ level: TrafficLevel) -> Double {
    max(level.rate / newConnectionsPerSecond, gbPerHour / processedGBPerHour)
  }
}

/// The shared lines set up once for a request-rate sweep: only the load balancer's capacity
/// units follow the traffic; the other amounts are worked out here. `total` adds the same
/// amounts in the same order as the lines do, so it is the same number.
struct SharedLinesPricer {
  /// False when a price the lines need is missing (then at every traffic).
  let priced: Bool
  private let loadBalancer: LoadBalancer?
  private let controlPlaneUSD: Double?
  private let dataTransferUSD: Double?

  /// A public service's load balancer: the amount of its hours, and what a capacity
  /// unit-hour costs (per `unitPer` unit-hours).
  private struct LoadBalancer {
    let hourUSD: Double
    let units: LoadBalancerUnits
    let unitPer: Double
    let unitUSD: Double
  }

  init(_ workload: borrowing Workload, eks: Bool, _ context: EvaluationContext) {
    /// One line's amount alone; nil when it cannot be priced.
    func amount(_ line: (inout CostRecorder) throws(CatalogError) -> Void) -> Double? {
      var costs = CostRecorder(recording: false)
      do {
        try line(&costs)
      } catch {
        return nil
      }
      return costs.total
    }
    var priced = true
    let prices = context.prices
    if workload.ingress == .publicHTTP && !workload.pattern.isJob {
      let hour = amount { (costs) throws(CatalogError) in
        try costs.flat(prices.albHour, quantity: context.hoursPerMonth, .loadBalancer, "")
      }
      if let hour, let unitUSD = prices.albLCU.usd {
        loadBalancer = LoadBalancer(
          hourUSD: hour, units: LoadBalancerUnits(workload, context),
          unitPer: prices.albLCU.per, unitUSD: unitUSD)
      } else {
        loadBalancer = nil
        priced = false
      }
    } else {
      loadBalancer = nil
    }
    if eks && workload.existingPlatform != .eks {
      controlPlaneUSD = amount { (costs) throws(CatalogError) in
        try costs.eksControlPlane(workload, context)
      }
      priced = priced && controlPlaneUSD != nil
    } else {
      controlPlaneUSD = nil
    }
    if workload.dataTransferOutGBPerMonth > 0 {
      dataTransferUSD = amount { (costs) throws(CatalogError) in
        try costs.dataTransferOut(workload, context)
      }
      priced = priced && dataTransferUSD != nil
    } else {
      dataTransferUSD = nil
    }
    self.priced = priced
  }

  /// The shared lines' total at one traffic shape (when `priced`).
  func total(_ shape: TrafficShape) -> Double {
    var total = 0.0
    if let loadBalancer {
      total += loadBalancer.hourUSD
      total += CostRecorder.flatAmount(
        loadBalancer.units.hours(shape), per: loadBalancer.unitPer, usd: loadBalancer.unitUSD,
        factor: 1)
    }
    if let controlPlaneUSD { total += controlPlaneUSD }
    if let dataTransferUSD { total += dataTransferUSD }
    return total
  }
}
