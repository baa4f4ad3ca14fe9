import Foundation

extension Advisor {
  /// The traffic factors of the sensitivity scenarios.
  static let sensitivityFactors = [0.1, 10.0]

  /// The whole answer for a workload: every option assessed and ranked, the pick, break-even
  /// points, sensitivity, assumptions, warnings and the prices used.
  public func recommend(_ workload: Workload) -> Recommendation {
    let context = self.context(for: workload)
    var evaluations = registry.options.map { evaluate($0, workload, context) }
    Ranking.rank(&evaluations, workload, context)
    let pick = evaluations.first { $0.rank == 1 && !$0.option.closedToNewCustomers }
    let options = evaluations.map { Explanation.assessment($0, pick: pick, workload, context) }

    var warnings: [Warning] = []
    for evaluation in evaluations {
      if let sizing = evaluation.sizing { warnings += sizing.warnings }
      if let error = evaluation.error {
        warnings.append(
          Warning(
            code: error.code, message: "\(evaluation.option.displayName): \(error.description).",
            option: evaluation.option.id))
      }
    }
    var result: Pick?
    if let pick {
      result = Pick(
        option: pick.option.id, displayName: pick.option.displayName,
        configuration: pick.sizing?.configuration, monthlyCostUSD: pick.cost.map(\.totalUSD),
        totalCostOfOwnershipUSD: pick.tco.map(Money.init),
        summary: Explanation.summary(pick, workload))
      if pick.tco == nil {
        warnings.append(
          Warning(
            code: "recommendation.unpriced",
            message:
              "The recommended option cannot be priced in \(workload.region) with this catalog.",
            option: pick.option.id))
      }
      if pick.beyondCapacity {
        warnings.append(
          Warning(
            code: "ops.beyond-capacity",
            message: "\(pick.option.displayName) is the only fit but leaves OS patching to a team "
              + "with no ops capacity.", option: pick.option.id))
      }
      let lowConfidence = lowConfidenceFigures(pick)
      if !lowConfidence.isEmpty {
        warnings.append(
          Warning(
            code: "pricing.low-confidence",
            message: "The pick's cost uses figures of confidence C (overridable defaults): "
              + lowConfidence.joined(separator: ", ") + ".", option: pick.option.id))
      }
    } else {
      warnings.append(
        Warning(
          code: "recommendation.none-eligible",
          message: "No option can run this workload; see each option's ineligibility.", option: nil)
      )
    }

    let (breakEven, sensitivity) = trafficOutlook(workload, evaluations, context)
    return Recommendation(
      workloadName: workload.name, region: workload.region, recommendation: result,
      options: options,
      breakEven: breakEven, sensitivity: sensitivity, assumptions: workload.assumptions,
      warnings: warnings, pricing: provenance(evaluations, workload))
  }

  /// Break-even points along the request rate (the monthly bill; `compare` also sweeps TCO),
  /// on a grid from a hundredth to a hundred times today's traffic, and the 0.1x / 10x
  /// scenarios (grid points themselves). Today's column is the full evaluation's.
  func trafficOutlook(
    _ workload: Workload, _ evaluations: [OptionEvaluation], _ context: EvaluationContext
  ) -> ([BreakEven], Sensitivity) {
    let current = workload.value(of: .requestRate)
    // An option with a pricer was priced, so its management figures are in its evaluation.
    let sweep = Sweep(
      options: registry.options, workload: workload, parameter: .requestRate, context: context,
      management: evaluations.map { evaluation in
        guard let management = evaluation.management else { return (0, 0) }
        return (management.fixedHours, management.hoursPerNode)
      },
      pricers: evaluations.map { $0.eligible && !$0.option.closedToNewCustomers ? $0.pricer : nil })
    let today = evaluations.map { evaluation -> (infrastructure: Double, tco: Double)? in
      guard let total = evaluation.cost?.totalUSD.usd, let tco = evaluation.tco,
        !evaluation.option.closedToNewCustomers
      else { return nil }
      return (total, tco)
    }
    let bounds = sweepBounds(.requestRate, workload)
    var factors: [Double] = []
    for step in -4...4 {
      let factor =
        step % 2 == 0 ? [0.01, 0.1, 1, 10, 100][step / 2 + 2] : pow(10, Double(step) / 2)
      if bounds.contains(current * factor) { factors.append(factor) }
    }
    let values = factors.map { current * $0 }
    let columns = factors.map { $0 == 1 ? today : sweep.costs(at: current * $0) }
    let breakEven = sweep.breakEvens(values: values, columns: columns, metric: .infrastructure)

    let unit = workload.unit(of: .requestRate)
    let scenarios = Self.sensitivityFactors.map { factor -> Sensitivity.Scenario in
      let value = current * factor
      let costs = factors.firstIndex(of: factor).map { columns[$0] } ?? sweep.costs(at: value)
      return Sensitivity.Scenario(
        factor: factor, parameterValue: value, unit: unit, costs: optionCosts(costs),
        cheapest: Sweep.cheapest(costs, .infrastructure).map { optionIDs[$0] },
        lowestTotalCostOfOwnership: Sweep.cheapest(costs, .tco).map { optionIDs[$0] })
    }
    return (breakEven, Sensitivity(scenarios: scenarios))
  }

  /// Every figure a priced option's bill used, with its provenance, and the sources cited.
  /// Figures are ordered by id and sources kept in catalog order, through the numbers the
  /// catalog gave them when it loaded.
  func provenance(_ evaluations: [OptionEvaluation], _ workload: Workload) -> PricingProvenance {
    var prices: [PriceRef] = []
    var figures: [FigureRef] = []
    for evaluation in evaluations {
      for ref in evaluation.usedPrices where !prices.contains(where: { $0 === ref }) {
        prices.append(ref)
      }
      for figure in evaluation.usedFigures where !figures.contains(where: { $0.id == figure.id }) {
        figures.append(figure)
      }
    }
    var used: [RankedProvenance] = []
    used.reserveCapacity(prices.count + figures.count)
    for ref in prices { if let provenance = ref.provenance { used.append(provenance) } }
    for figure in figures { if let provenance = rankedFigure(figure) { used.append(provenance) } }
    used.sort { $0.rank < $1.rank }
    let sources = catalog.document.sources
    var cited = [Bool](repeating: false, count: sources.count)
    for figure in used { for place in figure.sourcePlaces { cited[place] = true } }
    var citedSources: [CatalogSource] = []
    for place in sources.indices where cited[place] { citedSources.append(sources[place]) }
    return PricingProvenance(
      catalogVersion: catalog.version, effectiveDate: catalog.effectiveDate,
      region: workload.region,
      currency: catalog.document.currency, hoursPerMonth: catalog.hoursPerMonth,
      figures: used.map(\.figure), sources: citedSources)
  }

  /// A region-independent figure's provenance, by its rank.
  private func rankedFigure(_ figure: FigureRef) -> RankedProvenance? {
    guard catalog.rankedFigures.indices.contains(figure.rank) else {
      return catalog.figureProvenance[figure.id].map { RankedProvenance($0, catalog.index) }
    }
    return catalog.rankedFigures[figure.rank]
  }

  private func lowConfidenceFigures(_ pick: OptionEvaluation) -> [String] {
    pick.usedPrices.compactMap { $0.provenance?.figure.confidence == .c ? $0.id : nil }
      + pick.usedFigures.compactMap { rankedFigure($0)?.figure.confidence == .c ? $0.id : nil }
  }
}
