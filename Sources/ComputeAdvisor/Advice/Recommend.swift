import Foundation

extension Advisor {
  /// Points per decade of the recommendation's own request-rate sweep (a hundredth to a
  /// hundred times today's traffic).
  static let breakEvenPointsPerDecade = 2
  /// The traffic factors of the sensitivity scenarios.
  static let sensitivityFactors = [0.1, 10.0]

  /// The whole answer for a workload: every option assessed and ranked, the pick, break-even
  /// points, sensitivity, assumptions, warnings and the prices used.
  public func recommend(_ workload: Workload) -> Recommendation {
    let context = self.context(for: workload)
    var evaluations = registry.options.map { evaluate($0, workload, context) }
    Ranking.rank(&evaluations, workload, context)
    let pick = evaluations.first { $0.rank == 1 }
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
      let lowConfidence = lowConfidenceFigures(pick, workload)
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

    let (breakEven, sensitivity) = trafficOutlook(workload)
    return Recommendation(
      workloadName: workload.name, region: workload.region, recommendation: result,
      options: options,
      breakEven: breakEven, sensitivity: sensitivity, assumptions: workload.assumptions,
      warnings: warnings, pricing: provenance(evaluations, workload))
  }

  /// Break-even points along the request rate (both metrics) and the 0.1x / 10x scenarios.
  func trafficOutlook(_ workload: Workload) -> ([BreakEven], Sensitivity) {
    let current = workload.value(of: .requestRate)
    let infrastructure = Sweep(
      advisor: self, workload: workload, parameter: .requestRate, metric: .infrastructure)
    let bounds = sweepBounds(.requestRate, workload)
    let from = max(bounds.lowerBound, current / 100)
    let to = min(bounds.upperBound, current * 100)
    let decades = log10(to / from)
    let count = max(2, Int((decades * Double(Self.breakEvenPointsPerDecade)).rounded()) + 1)
    let values = Sweep.logSpace(from, to, count: count)
    let columns = values.map { infrastructure.costs(at: $0) }
    var breakEven = infrastructure.breakEvens(values: values, columns: columns)
    let tco = Sweep(advisor: self, workload: workload, parameter: .requestRate, metric: .tco)
    breakEven += tco.breakEvens(values: values, columns: columns)

    let unit = workload.unit(of: .requestRate)
    let scenarios = Self.sensitivityFactors.map { factor -> Sensitivity.Scenario in
      let value = current * factor
      let costs = infrastructure.costs(at: value)
      return Sensitivity.Scenario(
        factor: factor, parameterValue: value, unit: unit, costs: optionCosts(costs),
        cheapest: Sweep.cheapest(costs, .infrastructure).map { optionIDs[$0] },
        lowestTotalCostOfOwnership: Sweep.cheapest(costs, .tco).map { optionIDs[$0] })
    }
    return (breakEven, Sensitivity(scenarios: scenarios))
  }

  /// Every figure a priced option's bill used, with its provenance, and the sources cited.
  func provenance(_ evaluations: [OptionEvaluation], _ workload: Workload) -> PricingProvenance {
    var figures: [String: UsedFigure] = [:]
    for evaluation in evaluations {
      for line in evaluation.cost?.lines ?? [] {
        if figures[line.priceId] == nil,
          let figure = catalog.price(line.priceId, region: workload.region)
        {
          figures[line.priceId] = UsedFigure(
            id: line.priceId, region: workload.region, source: figure.source,
            confidence: figure.confidence,
            effectiveDate: figure.effectiveDate, note: figure.note)
        }
        for id in [line.discountId, line.freeTierId].compactMap({ $0 }) where figures[id] == nil {
          if let figure = catalog.figure(id) {
            figures[id] = UsedFigure(
              id: id, region: nil, source: figure.source, confidence: figure.confidence,
              effectiveDate: figure.effectiveDate, note: figure.note)
          }
        }
      }
    }
    let used = figures.values.sorted { $0.id < $1.id }
    let sourceIDs = Set(used.map(\.source))
    let sources = catalog.document.sources.filter { sourceIDs.contains($0.id) }
    return PricingProvenance(
      catalogVersion: catalog.version, effectiveDate: catalog.effectiveDate,
      region: workload.region,
      currency: catalog.document.currency, hoursPerMonth: catalog.hoursPerMonth, figures: used,
      sources: sources)
  }

  private func lowConfidenceFigures(_ pick: OptionEvaluation, _ workload: Workload) -> [String] {
    var ids: [String] = []
    for line in pick.cost?.lines ?? [] {
      if let figure = catalog.price(line.priceId, region: workload.region), figure.confidence == .c,
        !ids.contains(line.priceId)
      {
        ids.append(line.priceId)
      }
      if let id = line.discountId, catalog.figure(id)?.confidence == .c, !ids.contains(id) {
        ids.append(id)
      }
    }
    return ids
  }
}
