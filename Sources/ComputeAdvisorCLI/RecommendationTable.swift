import ComputeAdvisor

/// The answer as text a person reads in a terminal.
struct RecommendationTable {
  let answer: Recommendation

  init(_ answer: Recommendation) { self.answer = answer }

  func render() -> String {
    var out = ""
    func line(_ text: String = "") { out += text + "\n" }
    let title = answer.workloadName.map { "\($0) (\(answer.region))" } ?? answer.region
    line("compute-advisor: \(title)")
    line()
    if let pick = answer.recommendation {
      line("Recommendation: \(pick.displayName)")
      line("  \(pick.summary)")
    } else {
      line("Recommendation: none (no option can run this workload)")
    }
    line()
    let header = [
      pad("option", 12), pad("rank", 5), pad("monthly", 12, right: true),
      pad("TCO", 12, right: true),
      pad("ops h", 6, right: true), "  configuration",
    ]
    line(header.joined(separator: " "))
    line(String(repeating: "-", count: 96))
    for option in answer.options {
      let rank = option.rank.map(String.init) ?? "-"
      let hours = option.management.map { String(Int($0.hoursPerMonth.rounded())) } ?? "-"
      var configuration = option.configuration.map(describe) ?? ""
      if !option.eligible {
        configuration = "not eligible: " + option.ineligibility.map(\.code).joined(separator: ", ")
      } else if let error = option.pricingError {
        configuration = "unpriced: \(error.item ?? error.code) in \(error.region)"
      }
      line(
        [
          pad(option.option, 12), pad(rank, 5),
          pad(money(option.monthlyCost?.totalUSD), 12, right: true),
          pad(money(option.totalCostOfOwnershipUSD), 12, right: true), pad(hours, 6, right: true),
          "  " + configuration,
        ].joined(separator: " "))
    }
    if let pick = answer.recommendation,
      let picked = answer.options.first(where: { $0.option == pick.option }),
      let cost = picked.monthlyCost
    {
      line()
      line("Bill for \(pick.displayName):")
      for item in cost.lines {
        line(
          "  \(pad(money(item.amountUSD), 12, right: true))  \(item.description) [\(item.priceId)]")
      }
      line("  \(pad(money(cost.totalUSD), 12, right: true))  total a month")
    }
    line()
    line("Why:")
    for option in answer.options {
      line("  \(option.displayName):")
      for reason in option.ineligibility { line("    - \(reason.message)") }
      for reason in option.reasons where reason.code != "rank.ineligible" {
        line("    - \(reason.message)")
      }
    }
    if !answer.breakEven.isEmpty {
      line()
      line("Break-even:")
      for point in answer.breakEven { line("  - \(point.sentence)") }
    }
    line()
    line("Sensitivity:")
    for scenario in answer.sensitivity.scenarios {
      let costs = scenario.costs.compactMap { cost in
        cost.monthlyCostUSD.map { "\(cost.option) \(money($0))" }
      }
      line(
        "  x\(scenario.factor): cheapest \(scenario.cheapest ?? "-"); "
          + costs.joined(separator: ", "))
    }
    if !answer.warnings.isEmpty {
      line()
      line("Warnings:")
      for warning in answer.warnings { line("  - \(warning.message) [\(warning.code)]") }
    }
    line()
    line("Assumptions (defaults used):")
    for assumption in answer.assumptions {
      line("  - \(assumption.field) = \(describe(assumption.value)): \(assumption.note)")
    }
    line()
    let pricing = answer.pricing
    line(
      "Prices: catalog \(pricing.catalogVersion), effective \(pricing.effectiveDate), \(pricing.region), "
        + "\(Int(pricing.hoursPerMonth)) hours a month; sources: "
        + pricing.sources.map(\.id).joined(separator: ", "))
    return out
  }

  private func describe(_ configuration: Configuration) -> String {
    var parts: [String] = []
    if let memory = configuration.memoryMB { parts.append("\(Int(memory)) MB") }
    if let concurrency = configuration.concurrency {
      parts.append("concurrency \(trim(concurrency))")
    }
    if let provisioned = configuration.provisionedConcurrency { parts.append("PC \(provisioned)") }
    if let vcpu = configuration.taskVCPU, let memory = configuration.taskMemoryGiB {
      parts.append("\(trim(vcpu)) vCPU/\(trim(memory)) GB")
    }
    if let type = configuration.instanceType { parts.append(type) }
    if let capacity = configuration.tasks ?? configuration.instances {
      var count = "x\(trim(capacity.peak))"
      if let offPeak = capacity.offPeak { count += " (off-peak \(trim(offPeak)))" }
      parts.append(count)
    } else if let hours = configuration.hoursPerMonth {
      parts.append("\(trim(hours)) h/month")
    }
    parts.append(configuration.architecture.rawValue)
    if configuration.purchaseOption != .onDemand {
      parts.append(configuration.purchaseOption.rawValue)
    }
    return parts.joined(separator: ", ")
  }

  private func describe(_ value: AssumptionValue) -> String {
    switch value {
    case .number(let number): return trim(number)
    case .string(let string): return string
    case .bool(let bool): return String(bool)
    }
  }
}

/// A number without a useless fraction: 2, 0.25, 1.33.
func trim(_ value: Double) -> String {
  if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
  let scaled = (value * 100).rounded() / 100
  return scaled == scaled.rounded() ? String(Int64(scaled)) : String(scaled)
}

/// The catalog as text.
struct CatalogTable {
  let summary: CatalogSummary

  init(_ summary: CatalogSummary) { self.summary = summary }

  func render() -> String {
    var out = ""
    func line(_ text: String = "") { out += text + "\n" }
    let catalog = summary.catalog
    line(
      "Pricing catalog \(summary.catalogVersion), effective \(summary.effectiveDate), \(summary.currency), \(trim(summary.hoursPerMonth)) hours a month"
    )
    line("Regions: \(summary.regions.joined(separator: ", "))")
    line()
    line("Options (provisioning, OS patching, runtime patching, scaling, HA, capacity, upgrades):")
    for option in summary.options {
      let r = option.responsibilities
      let duties = [
        r.provisioning, r.osPatching, r.runtimePatching, r.scaling, r.highAvailability,
        r.capacityPlanning,
        r.clusterUpgrades,
      ].map(\.rawValue)
      line(
        "  \(pad(option.id, 12)) \(pad(option.displayName, 28)) \(duties.joined(separator: " / "))")
    }
    line()
    line("Limits:")
    for figure in catalog.limits { line(figureLine(figure)) }
    line()
    line("Free tier and discounts:")
    for figure in catalog.freeTier + catalog.discounts { line(figureLine(figure)) }
    line()
    line("Model parameters:")
    for figure in catalog.parameters { line(figureLine(figure)) }
    line()
    line("Fargate task sizes (vCPU: GB):")
    for size in catalog.fargateTaskSizes {
      let note = size.ecsLinuxOnly == true ? "  (ECS Linux only)" : ""
      line(
        "  \(pad(trim(size.vcpu), 5)): \(size.memoryGiB.map(trim).joined(separator: ", "))\(note) [\(size.source), \(size.confidence.rawValue)]"
      )
    }
    line()
    line("Prices (per region: USD, confidence, source):")
    for item in catalog.prices {
      let per = item.per.map { $0 == 1 ? "" : " per \(trim($0))" } ?? ""
      line("  \(item.id) (\(item.unit)\(per)): \(item.description)")
      for region in summary.regions {
        guard let figure = item.regions[region] else { continue }
        let price: String
        if let usd = figure.usd {
          price = "\(usd)"
        } else {
          price = (figure.tiers ?? []).map { tier in
            "\(tier.usd)" + (tier.upTo.map { " to \(trim($0))" } ?? " above")
          }.joined(separator: "; ")
        }
        line(
          "      \(pad(region, 15)) \(price)  [\(figure.confidence.rawValue), \(figure.source), \(figure.effectiveDate)]"
        )
      }
    }
    line()
    line("Sources:")
    for source in catalog.sources {
      line("  \(pad(source.id, 22)) \(source.title)\(source.url.map { " <\($0)>" } ?? "")")
    }
    return out
  }

  private func figureLine(_ figure: Figure) -> String {
    "  \(pad(figure.id, 46)) \(pad(trim(figure.value), 9, right: true)) \(figure.unit)  [\(figure.confidence.rawValue), \(figure.source)]"
  }
}
