/// Adds up a bill. When `recording`, it also keeps the lines; when not (break-even sweeps),
/// the line-building closures are never called, so a sweep allocates nothing per line.
struct CostRecorder {
  let recording: Bool
  private(set) var total = 0.0
  private(set) var lines: [CostLine] = []
  /// The prices and the figures (discounts, free tier) the lines used, each once.
  private(set) var usedPrices: [PriceRef] = []
  private(set) var usedFigures: [FigureRef] = []

  init(recording: Bool) { self.recording = recording }

  mutating func add(_ amount: Double, _ line: () -> CostLine) {
    total += amount
    if recording { lines.append(line()) }
  }

  /// Adds an amount a sweep worked out once (a line that does not follow the swept value):
  /// the same addition the line itself makes, without the line.
  mutating func add(worked amount: Double) { total += amount }

  var breakdown: CostBreakdown { CostBreakdown(lines: lines, total: total) }

  private mutating func noteUse(_ ref: PriceRef, _ figures: FigureRef?...) {
    guard recording else { return }
    if !usedPrices.contains(where: { $0 === ref }) { usedPrices.append(ref) }
    for figure in figures {
      if let figure, !usedFigures.contains(where: { $0.id == figure.id }) {
        usedFigures.append(figure)
      }
    }
  }

  /// A flat price: quantity (in the item's unit) / per x price x (1 - discount).
  mutating func flat(
    _ ref: PriceRef, quantity: Double, _ category: CostCategory, discount: FigureRef? = nil,
    _ description: @autoclosure () -> String
  ) throws(CatalogError) {
    let usd = try ref.flat()
    let factor = 1 - (discount?.value ?? 0)
    noteUse(ref, discount)
    let amount = Self.flatAmount(quantity, per: ref.per, usd: usd, factor: factor)
    add(amount) {
      CostLine(
        category: category, description: description(), priceId: ref.id, tier: nil,
        quantity: quantity, unit: ref.unit, freeTierQuantity: nil, freeTierId: nil,
        unitPriceUSD: usd, per: ref.per, discountId: discount?.id,
        discountFraction: discount?.value, amountUSD: Money(amount))
    }
  }

  /// What `quantity` costs at a flat price of `usd` per `per` units, after `factor` (1 minus
  /// any discount): the one formula every flat line and every sweep uses.
  static func flatAmount(_ quantity: Double, per: Double, usd: Double, factor: Double) -> Double {
    quantity / per * usd * factor
  }

  /// A tiered price, after deducting a free-tier allowance; one line per tier used. A fully
  /// free quantity still gets a (zero) line, so the deduction shows.
  mutating func tiered(
    _ ref: PriceRef, quantity: Double, _ category: CostCategory, free: FigureRef? = nil,
    discount: FigureRef? = nil, _ description: @autoclosure () -> String
  ) throws(CatalogError) {
    let freeQuantity = min(quantity, free?.value ?? 0)
    let billable = quantity - freeQuantity
    let factor = 1 - (discount?.value ?? 0)
    var first = true
    let recording = self.recording
    var pending: [CostLine] = []
    var sum = 0.0
    let tiered = ref.tiers != nil
    try ref.forEachTier(billable) { index, share, usd in
      let amount = share / ref.per * usd * factor
      sum += amount
      if recording {
        pending.append(
          CostLine(
            category: category, description: description(), priceId: ref.id,
            tier: tiered ? index + 1 : nil, quantity: share, unit: ref.unit,
            freeTierQuantity: first && free != nil ? freeQuantity : nil,
            freeTierId: first ? free?.id : nil, unitPriceUSD: usd, per: ref.per,
            discountId: discount?.id, discountFraction: discount?.value,
            amountUSD: Money(amount)))
      }
      first = false
    }
    if recording && first && freeQuantity > 0 {
      let usd = try ref.flat()
      pending.append(
        CostLine(
          category: category, description: description(), priceId: ref.id,
          tier: tiered ? 1 : nil, quantity: 0, unit: ref.unit, freeTierQuantity: freeQuantity,
          freeTierId: free?.id, unitPriceUSD: usd, per: ref.per, discountId: nil,
          discountFraction: nil, amountUSD: Money(0)))
    }
    total += sum
    if recording {
      lines += pending
      noteUse(ref, discount, free)
    }
  }
}
