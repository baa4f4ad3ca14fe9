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

  init(_ workload: borrowing Workload, hoursPerMonth: Double) {
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
    _ workload: borrowing Workload, platform: PricingPlatform, spotOffered: Bool,
    context: EvaluationContext
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

/// Seconds a job is billed for: its run time, at least the platform's minimum.
func billedSeconds(_ workload: Workload, minimum: Double) -> Double {
  max(workload.averageDurationMs / 1000, minimum)
}

/// The candidates no other candidate dominates, in their order. `key` gives a candidate's
/// price and two sizes; `a` dominates `b` when it costs no more and is no smaller in either
/// size, so that it costs no more at any load. Of equal candidates the first is kept, so a
/// search that keeps the first lowest picks what it would have picked from the full list.
///
/// Domination is transitive, so a candidate is dominated by someone exactly when it is
/// dominated by someone undominated: each candidate is checked against the undominated ones
/// seen so far (a short list), not against every other.
func undominated<T>(_ candidates: [T], key: (T) -> (price: Double, size: Double, other: Double))
  -> [T]
{
  let keys = candidates.map(key)
  func dominates(_ rivalIndex: Int, _ index: Int) -> Bool {
    let rival = keys[rivalIndex]
    let candidate = keys[index]
    guard rival.price <= candidate.price, rival.size >= candidate.size,
      rival.other >= candidate.other
    else { return false }
    let equal =
      rival.price == candidate.price && rival.size == candidate.size
      && rival.other == candidate.other
    return !equal || rivalIndex < index
  }
  var front: [Int] = []
  front.reserveCapacity(keys.count)
  for index in keys.indices {
    if front.contains(where: { dominates($0, index) }) { continue }
    if front.contains(where: { dominates(index, $0) }) { front.removeAll { dominates(index, $0) } }
    front.append(index)
  }
  return front.map { candidates[$0] }
}
