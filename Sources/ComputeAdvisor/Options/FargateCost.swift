/// A task size on one architecture, with its price per task-hour.
struct TaskCandidate {
  let architecture: Architecture
  let vcpu: Double
  let memoryGiB: Double
  let hourly: Double
}

/// Prices a Fargate option along a request-rate sweep with its candidates, catalog figures and
/// shared lines set up once.
final class FargatePricer: SweepPricer {
  private let option: FargateOption
  private let candidates: [TaskCandidate]
  private let figures: TaskDemand.Figures
  private let shared: SharedLinesPricer

  /// Keeps only the candidates no other one dominates (no dearer per task-hour, no less vCPU).
  init(
    option: FargateOption, candidates: [TaskCandidate], _ workload: Workload,
    _ context: EvaluationContext
  ) {
    self.candidates = undominated(candidates) { ($0.hourly, $0.vcpu, $0.vcpu) }
    self.option = option
    figures = TaskDemand.Figures(workload, context)
    shared = SharedLinesPricer(workload, eks: option.isEKS, context)
  }

  /// The cheapest task size's bill plus the shared lines: the same sum `bill` makes.
  func price(_ workload: Workload) -> (total: Double, averageNodes: Double)? {
    let shape = TrafficShape(workload, hoursPerMonth: figures.hoursPerMonth)
    guard let best = option.cheapest(candidates, TaskDemand(workload, shape, figures)),
      shared.priced
    else { return nil }
    return (best.cost + shared.total(shape), 0)
  }
}

/// What the task-size search needs of a workload, computed once per evaluation.
struct TaskDemand {
  /// Jobs: task-hours, the same at every size (one task per job, minimum billing applied).
  let jobHours: Double?
  /// Services: vCPU of load (at the target utilisation) at the peak and off it, their hours,
  /// and the minimum tasks.
  let peakLoad: Double
  let offPeakLoad: Double?
  let peakHours: Double
  let offPeakHours: Double
  let floor: Double
  let hoursPerMonth: Double

  /// The catalog figures a demand uses, looked up once per workload (a sweep builds a demand
  /// at every point).
  struct Figures {
    let isJob: Bool
    let minimumSeconds: Double
    let utilisation: Double
    let availability: Double
    let hoursPerMonth: Double

    init(_ workload: borrowing Workload, _ context: EvaluationContext) {
      let model = context.model
      isJob = workload.pattern.isJob
      let windows = workload.operatingSystem == .windows
      minimumSeconds =
        (windows ? model.fargateMinimumSecondsWindows : model.fargateMinimumSecondsLinux).value
      utilisation = model.utilisationService.value
      availability = model.availabilityMinimum[workload.pattern].value
      hoursPerMonth = context.hoursPerMonth
    }
  }

  init(_ workload: borrowing Workload, _ shape: TrafficShape, _ context: EvaluationContext) {
    self.init(workload, shape, Figures(workload, context))
  }

  init(_ workload: borrowing Workload, _ shape: TrafficShape, _ figures: Figures) {
    if figures.isJob {
      jobHours =
        workload.jobsPerMonth * billedSeconds(workload, minimum: figures.minimumSeconds)
        / 3600
    } else {
      jobHours = nil
    }
    let utilisation = figures.utilisation
    peakLoad = cpuLoad(rate: shape.peak.rate, workload, utilisation: utilisation)
    if let offPeak = shape.offPeak {
      offPeakLoad = cpuLoad(rate: offPeak.rate, workload, utilisation: utilisation)
      offPeakHours = offPeak.hours
    } else {
      offPeakLoad = nil
      offPeakHours = 0
    }
    peakHours = shape.peak.hours
    floor = max(figures.availability, workload.replicas.rounded(.up))
    hoursPerMonth = figures.hoursPerMonth
  }
}
