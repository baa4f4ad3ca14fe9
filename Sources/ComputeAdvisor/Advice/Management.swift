/// Who runs what, and the engineer hours a month that leaves the team, priced at its rate.
public struct Management: Codable, Sendable, Equatable {
  public var responsibilities: ResponsibilityMatrix
  public var hoursPerMonth: Double
  /// Fixed hours a month for the option (catalog), times `existingPlatformFactor` if any.
  public var fixedHours: Double
  public var hoursPerNode: Double
  /// Instances or nodes running on average.
  public var averageNodes: Double
  /// Applied to the fixed hours when the team already runs the option's orchestrator.
  public var existingPlatformFactor: Double?
  public var engineerHourlyRateUSD: Double
  public var costUSD: Money
  /// The catalog figures used.
  public var figureIds: [String]
}

enum ManagementModel {
  static func fixedHoursID(_ option: String) -> String { "management.\(option).fixed-hours" }
  static func hoursPerNodeID(_ option: String) -> String { "management.\(option).hours-per-node" }

  static func estimate(
    _ option: any ComputeOption, averageNodes: Double, _ workload: Workload,
    _ context: EvaluationContext
  ) -> Management {
    let (fixed, perNode) = figures(option, workload, context)
    var ids: [String] = []
    ids.reserveCapacity(3)
    if let figures = context.model.management(of: option.id) {
      ids.append(figures.fixed.id)
      ids.append(figures.perNode.id)
    } else {
      ids.append(fixedHoursID(option.id))
      ids.append(hoursPerNodeID(option.id))
    }
    var factor: Double?
    if option.orchestrator != .none && workload.existingPlatform == option.orchestrator {
      factor = context.model.existingPlatformFactor.value
      ids.append(context.model.existingPlatformFactor.id)
    }
    let hours = fixed + perNode * averageNodes
    return Management(
      responsibilities: option.responsibilities, hoursPerMonth: hours, fixedHours: fixed,
      hoursPerNode: perNode, averageNodes: averageNodes, existingPlatformFactor: factor,
      engineerHourlyRateUSD: workload.engineerHourlyRateUSD,
      costUSD: Money(hours * workload.engineerHourlyRateUSD), figureIds: ids)
  }

  /// Fixed hours a month (after any existing-platform factor) and hours per node, for sweeps.
  static func figures(
    _ option: any ComputeOption, _ workload: Workload, _ context: EvaluationContext
  ) -> (fixed: Double, perNode: Double) {
    let figures = context.model.management(of: option.id)
    var fixed = figures?.fixed.value ?? 0
    if option.orchestrator != .none && workload.existingPlatform == option.orchestrator {
      fixed *= context.model.existingPlatformFactor.value
    }
    return (fixed, figures?.perNode.value ?? 0)
  }
}
