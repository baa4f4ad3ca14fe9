/// Ranks the eligible options (domain.md section 4.6): by total cost of ownership weighted by
/// the share of duties each leaves to a team of the given ops capacity; a team with none
/// cannot take on OS patching, so such options rank after every other; near-ties (within the
/// catalog's fraction) go to the less demanding option. Eligible options that could not be
/// priced follow, the less demanding first; ineligible ones get no rank.
enum Ranking {
  static func rank(
    _ evaluations: inout [OptionEvaluation], _ workload: Workload, _ context: EvaluationContext
  ) {
    let weight = context.model.opsWeight[workload.opsCapacity].value
    let tolerance = context.model.nearTieFraction.value
    // Each option's demand, weighted cost and capacity flag, read once into arrays.
    let demands = evaluations.map { $0.option.responsibilities.demand }
    var weighted = [Double](repeating: 0, count: evaluations.count)
    var beyondCapacity = [Bool](repeating: false, count: evaluations.count)
    var candidates: [Int] = []
    for index in evaluations.indices {
      let evaluation = evaluations[index]
      guard evaluation.eligible, let tco = evaluation.tco, !evaluation.option.closedToNewCustomers
      else {
        continue
      }
      weighted[index] = tco * (1 + weight * demands[index])
      beyondCapacity[index] =
        workload.opsCapacity == .none && evaluation.option.responsibilities.osPatching == .you
      evaluation.weighted = weighted[index]
      evaluation.beyondCapacity = beyondCapacity[index]
      candidates.append(index)
    }

    // Rank by rank: among the options left (those within the team's capacity first), the
    // lowest weighted cost and those within the near-tie tolerance of it; of these the less
    // demanding, then the cheaper, then the earlier.
    var next = 1
    while !candidates.isEmpty {
      var anyWithinCapacity = false
      for index in candidates where !beyondCapacity[index] { anyWithinCapacity = true }
      var best: Double?
      for index in candidates where beyondCapacity[index] == !anyWithinCapacity {
        if best == nil || weighted[index] < best! { best = weighted[index] }
      }
      var pick: Int?
      for index in candidates where beyondCapacity[index] == !anyWithinCapacity {
        guard weighted[index] <= best! * (1 + tolerance) + 1e-9 else { continue }
        guard let current = pick else {
          pick = index
          continue
        }
        let lessDemanding = demands[index] != demands[current] && demands[index] < demands[current]
        let cheaper = demands[index] == demands[current] && weighted[index] < weighted[current]
        if lessDemanding || cheaper { pick = index }
      }
      evaluations[pick!].rank = next
      next += 1
      candidates.removeAll { $0 == pick! }
    }
    // Eligible but unpriced (or closed to new customers): after the priced ones, the less
    // demanding first, since nothing else tells them apart.
    let unpriced = evaluations.indices.filter {
      evaluations[$0].eligible && evaluations[$0].rank == nil
    }
    let order = evaluations.indices.map {
      evaluations[$0].option.closedToNewCustomers ? 2 : demands[$0]
    }
    for index in unpriced.sorted(by: { (order[$0], $0) < (order[$1], $1) }) {
      evaluations[index].rank = next
      next += 1
    }
  }
}
