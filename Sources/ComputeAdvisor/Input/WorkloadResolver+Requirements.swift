extension WorkloadResolver {
  mutating func resolveRequirements(
    _ requirements: WorkloadDescription.Requirements?, _ pattern: Pattern?,
    _ workload: inout Workload
  ) {
    let given = requirements ?? .init()
    workload.osAccess = defaulted(
      given.osAccess, "requirements.osAccess", false,
      "no kernel modules, custom AMI or host-bound licence")
    workload.kubernetes = defaulted(
      given.kubernetes, "requirements.kubernetes", false, "Kubernetes not required")
    workload.privileged = defaulted(
      given.privileged, "requirements.privileged", false, "no privileged containers")
    workload.daemonSets = defaulted(
      given.daemonSets, "requirements.daemonSets", false, "no per-host agents")
    workload.persistentConnections = defaulted(
      given.persistentConnections, "requirements.persistentConnections", pattern == .longRunning,
      pattern == .longRunning
        ? "an always-on process holds its connections" : "request/response only")
    workload.interruptionTolerant = defaulted(
      given.interruptionTolerant, "requirements.interruptionTolerant", false,
      "interruptions not tolerated: no Spot")
    let publicByDefault =
      pattern == .requestDriven || (pattern == .longRunning && workload.persistentConnections)
    workload.ingress = defaulted(
      given.ingress, "requirements.ingress", publicByDefault ? Ingress.publicHTTP : Ingress.none,
      publicByDefault
        ? "serves clients over public HTTP" : "consumes events or runs jobs; no inbound traffic")
    workload.maxColdStartMs = checked(
      given.maxColdStartMs, "requirements.maxColdStartMs", minimum: 0, maximum: 600_000, unit: "ms")
    var provisioned = given.provisionedConcurrency
    if let manual = given.provisionedConcurrency {
      let count = checked(
        manual.count.map(Double.init), "requirements.provisionedConcurrency.count", minimum: 0,
        maximum: 100_000)
      if manual.count == nil {
        required(
          "requirements.provisionedConcurrency.count", "give the number of environments kept warm")
      }
      let hours = defaulted(
        checked(
          manual.hoursPerMonth, "requirements.provisionedConcurrency.hoursPerMonth", minimum: 0,
          maximum: catalog.hoursPerMonth, exclusiveMinimum: true, unit: "h"),
        "requirements.provisionedConcurrency.hoursPerMonth", catalog.hoursPerMonth,
        "configured all month")
      if let count {
        workload.provisionedConcurrency = (Int(count), hours)
        provisioned?.hoursPerMonth = hours
        assumptions.append(
          Assumption(
            field: path("requirements.provisionedConcurrency"),
            value: .string("requests under it first"),
            source: "default",
            note:
              "requests run under provisioned concurrency up to its capacity (count x hours / duration)"
          ))
      }
    }
    resolved.requirements = .init(
      osAccess: workload.osAccess, kubernetes: workload.kubernetes, privileged: workload.privileged,
      daemonSets: workload.daemonSets, persistentConnections: workload.persistentConnections,
      maxColdStartMs: workload.maxColdStartMs, interruptionTolerant: workload.interruptionTolerant,
      ingress: workload.ingress, provisionedConcurrency: provisioned)
  }

  mutating func resolveTeamAndPurchase(
    _ team: WorkloadDescription.Team?, _ purchase: WorkloadDescription.Purchase?,
    _ workload: inout Workload
  ) {
    let givenTeam = team ?? .init()
    workload.opsCapacity = defaulted(
      givenTeam.opsCapacity, "team.opsCapacity", OpsCapacity.medium,
      "some capacity for operations work")
    workload.existingPlatform = defaulted(
      givenTeam.existingPlatform, "team.existingPlatform", ExistingPlatform.none,
      "no orchestrator run today")
    workload.engineerHourlyRateUSD = defaulted(
      checked(
        givenTeam.engineerHourlyRateUSD, "team.engineerHourlyRateUSD", minimum: 0, maximum: 10_000,
        unit: "USD"),
      "team.engineerHourlyRateUSD", WorkloadDefaults.engineerHourlyRateUSD,
      "loaded cost of an engineer hour")
    resolved.team = .init(
      opsCapacity: workload.opsCapacity, existingPlatform: workload.existingPlatform,
      engineerHourlyRateUSD: workload.engineerHourlyRateUSD)

    let givenPurchase = purchase ?? .init()
    workload.purchaseOption = defaulted(
      givenPurchase.purchaseOption, "purchase.purchaseOption", PurchaseOption.onDemand,
      "no commitment")
    workload.applyFreeTier = defaulted(
      givenPurchase.applyFreeTier, "purchase.applyFreeTier", false,
      "the account's free tier may be in use elsewhere")
    resolved.purchase = .init(
      purchaseOption: workload.purchaseOption, applyFreeTier: workload.applyFreeTier)
  }
}
