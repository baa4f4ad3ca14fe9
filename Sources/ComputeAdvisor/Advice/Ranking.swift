/// Ranks the eligible options (domain.md section 4.6): by total cost of ownership weighted by
/// the share of duties each leaves to a team of the given ops capacity; a team with none
/// cannot take on OS patching, so such options rank after every other; near-ties (within the
/// catalog's fraction) go to the less demanding option. Eligible options that could not be
/// priced follow; ineligible ones get no rank.
enum Ranking {
  static func rank(
    _ evaluations: inout [OptionEvaluation], _ workload: Workload, _ context: EvaluationContext
  ) {
    let weight = context.model.opsWeight[workload.opsCapacity].value
    let tolerance = context.model.nearTieFraction.value
    var candidates: [Int] = []
    for index in evaluations.indices {
      let evaluation = evaluations[index]
      guard evaluation.eligible, let tco = evaluation.tco, !evaluation.option.closedToNewCustomers
      else {
        continue
      }
      let demand = evaluation.option.responsibilities.demand
      evaluations[index].weighted = tco * (1 + weight * demand)
      evaluations[index].beyondCapacity =
        workload.opsCapacity == .none && evaluation.option.responsibilities.osPatching == .you
      candidates.append(index)
    }

    var next = 1
    while !candidates.isEmpty {
      let anyWithinCapacity = candidates.contains { !evaluations[$0].beyondCapacity }
      let group = candidates.filter { evaluations[$0].beyondCapacity == !anyWithinCapacity }
      let best = group.map { evaluations[$0].weighted! }.min()!
      let near = group.filter { evaluations[$0].weighted! <= best * (1 + tolerance) + 1e-9 }
      let pick = near.min { a, b in
        let demandA = evaluations[a].option.responsibilities.demand
        let demandB = evaluations[b].option.responsibilities.demand
        if demandA != demandB { return demandA < demandB }
        if evaluations[a].weighted! != evaluations[b].weighted! {
          return evaluations[a].weighted! < evaluations[b].weighted!
        }
        return a < b
      }!
      evaluations[pick].rank = next
      next += 1
      candidates.removeAll { $0 == pick }
    }
    for index in evaluations.indices
    where evaluations[index].eligible && evaluations[index].rank == nil {
      evaluations[index].rank = next
      next += 1
    }
  }
}
