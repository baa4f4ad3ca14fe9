/// Turns ranked evaluations into the answer's sentences: for every option why it is or is not
/// the pick, in the seed's terms (OS access, run length, events, containers, orchestrator,
/// platform) and in numbers (what dominates its cost, the hours it leaves the team, its rank).
enum Explanation {
  static func assessment(
    _ evaluation: OptionEvaluation, pick: OptionEvaluation?, _ workload: Workload,
    _ context: EvaluationContext
  ) -> OptionAssessment {
    let option = evaluation.option
    var reasons = option.treeReasons(workload, context)
    if !evaluation.eligible {
      reasons.append(
        Reason(
          code: "rank.ineligible",
          message: "Not eligible: " + evaluation.ineligibility.map(\.message).joined(separator: " ")
        ))
    } else if let error = evaluation.error {
      reasons.append(
        Reason(
          code: "rank.unpriced", message: "Eligible, but cannot be priced: \(error.description)."))
    }
    if let notes = evaluation.sizing?.notes { reasons += notes }
    if let cost = evaluation.cost { reasons.append(dominantCost(cost)) }
    if let management = evaluation.management { reasons.append(managementReason(management)) }
    if let rankReason = rankReason(evaluation, pick: pick, workload) { reasons.append(rankReason) }

    return OptionAssessment(
      option: option.id, displayName: option.displayName, eligible: evaluation.eligible,
      ineligibility: evaluation.ineligibility,
      pricingError: evaluation.error.map { PricingError($0, region: workload.region) },
      configuration: evaluation.sizing?.configuration, monthlyCost: evaluation.cost,
      management: evaluation.management, totalCostOfOwnershipUSD: evaluation.tco.map(Money.init),
      weightedCostUSD: evaluation.weighted.map(Money.init), rank: evaluation.rank, reasons: reasons,
      closedToNewCustomers: option.closedToNewCustomers ? true : nil)
  }

  /// "Compute is 82% of the $41.20 a month: ..." (the largest category and its largest line).
  static func dominantCost(_ cost: CostBreakdown) -> Reason {
    let total = cost.totalUSD.usd
    let dominant = CostBreakdown.withCategorySums(cost.lines) {
      sums, largest -> (category: Int, sum: Double, line: Int) in
      var top = 0
      for index in sums.indices where (sums[index] ?? 0) > (sums[top] ?? 0) { top = index }
      return (top, sums[top] ?? 0, largest[top])
    }
    guard total > 0, dominant.line >= 0 else {
      return Reason(code: "cost.dominant", message: "Costs nothing a month at this traffic.")
    }
    let line = cost.lines[dominant.line]
    let name = categoryName(CostCategory.all[dominant.category])
    let message: Text = """
      \(name) is \(percent: dominant.sum / total) of the \(usd: total) a month: \
      largest line \(line.description), \(usd: line.amountUSD.usd).
      """
    return Reason(code: "cost.dominant", message: message.string)
  }

  static func categoryName(_ category: CostCategory) -> String {
    switch category {
    case .compute: return "Compute"
    case .requests: return "Request charges"
    case .duration: return "Duration (GB-seconds)"
    case .provisionedConcurrency: return "Provisioned concurrency"
    case .storage: return "Storage"
    case .license: return "Licensing"
    case .loadBalancer: return "The load balancer"
    case .apiGateway: return "API Gateway"
    case .controlPlane: return "The EKS control plane"
    case .dataTransfer: return "Data transfer"
    }
  }

  static func managementReason(_ management: Management) -> Reason {
    let matrix = management.responsibilities
    var yours = 0
    var shared = 0
    func count(_ duty: Responsibility) {
      if duty == .you { yours += 1 } else if duty == .shared { shared += 1 }
    }
    count(matrix.provisioning)
    count(matrix.osPatching)
    count(matrix.runtimePatching)
    count(matrix.scaling)
    count(matrix.highAvailability)
    count(matrix.capacityPlanning)
    count(matrix.clusterUpgrades)
    let hours = management.hoursPerMonth
    let existing =
      management.existingPlatformFactor == nil
      ? "" : ", fewer because the team already runs the orchestrator"
    let message: Text = """
      Leaves \(yours) of 7 duties to you and shares \(shared) with AWS; about \(number: hours) \
      \(hours == 1 ? "engineer hour" : "engineer hours") a month (\(usd: management.costUSD.usd) \
      at \(usd: management.engineerHourlyRateUSD)/h)\(existing).
      """
    return Reason(code: "management.hours", message: message.string)
  }

  static func rankReason(
    _ evaluation: OptionEvaluation, pick: OptionEvaluation?, _ workload: Workload
  ) -> Reason? {
    guard let rank = evaluation.rank else { return nil }
    guard let tco = evaluation.tco, let weighted = evaluation.weighted else {
      return Reason(code: "rank.unpriced", message: "Ranked \(rank): eligible, cost unknown.")
    }
    let capacity = workload.opsCapacity.rawValue
    if rank == 1 {
      let caveat =
        evaluation.beyondCapacity
        ? ", although it leaves OS patching to a team with no ops capacity" : ""
      let message: Text = """
        Recommended: lowest total cost of ownership weighted by the team's \(capacity) ops \
        capacity (\(usd: weighted); TCO \(usd: tco))\(caveat).
        """
      return Reason(code: "rank.recommended", message: message.string)
    }
    if evaluation.beyondCapacity {
      return Reason(
        code: "rank.beyond-ops-capacity",
        message:
          "Ranked \(rank): leaves OS patching to a team with no ops capacity (TCO \(Format.usd(tco)))."
      )
    }
    guard let pick, let pickTCO = pick.tco, let pickWeighted = pick.weighted else {
      return Reason(code: "rank.position", message: "Ranked \(rank) (TCO \(Format.usd(tco))).")
    }
    if weighted < pickWeighted {
      return Reason(
        code: "rank.near-tie",
        message: "Ranked \(rank): within a near-tie of \(pick.option.displayName) "
          + "(\(Format.usd(weighted)) vs \(Format.usd(pickWeighted)) weighted); the less demanding option wins."
      )
    }
    let difference = tco - pickTCO
    let message: Text =
      difference >= 0
      ? "Ranked \(rank): TCO \(usd: tco), \(usd: difference) a month more than \(pick.option.displayName)."
      : """
      Ranked \(rank): TCO \(usd: tco), \(usd: -difference) a month less than \
      \(pick.option.displayName) but more work for the team.
      """
    return Reason(code: "rank.position", message: message.string)
  }

  /// One sentence for the pick.
  static func summary(_ pick: OptionEvaluation, _ workload: Workload) -> String {
    let name = pick.option.displayName
    guard let cost = pick.cost, let tco = pick.tco else {
      return
        "\(name) fits, but the catalog cannot price it in \(workload.region): see its pricing error."
    }
    let configuration =
      pick.sizing.map { " (" + configurationSummary($0.configuration) + ")" } ?? ""
    let sentence: Text = """
      \(name): \(usd: cost.totalUSD.usd) a month on AWS, \(usd: tco) with the team's time\
      \(configuration).
      """
    return sentence.string
  }

  static func configurationSummary(_ config: Configuration) -> String {
    // The parts joined by ", ", written straight into one string.
    var summary = ""
    summary.reserveCapacity(64)
    var first = true
    func part(_ text: String, _ suffix: String = "") {
      if !first { summary += ", " }
      first = false
      summary += text
      summary += suffix
    }
    if let memory = config.memoryMB { part(Format.number(memory, significant: 6), " MB") }
    if let vcpu = config.taskVCPU, let memory = config.taskMemoryGiB {
      part(Format.number(vcpu), " vCPU / " + Format.number(memory) + " GB tasks")
    }
    if let type = config.instanceType { part(type) }
    if let capacity = config.tasks ?? config.instances {
      part(Format.number(capacity.peak), " at the peak")
    }
    part(config.architecture.rawValue)
    part(config.purchaseOption.rawValue)
    return summary
  }

}
