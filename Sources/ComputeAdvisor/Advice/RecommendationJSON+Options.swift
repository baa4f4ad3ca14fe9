/// The answer's per-option parts: assessment, sizing, bill and management, in
/// `JSONEncoder`'s sorted key order (by UTF-8 bytes: `instanceType` before `instances`).
extension RecommendationJSON {
  static func write(_ option: OptionAssessment, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    if let closed = option.closedToNewCustomers {
      out.key("closedToNewCustomers")
      out.bool(closed)
    }
    if let configuration = option.configuration {
      out.key("configuration")
      try write(configuration, &out)
    }
    out.key("displayName")
    out.string(option.displayName)
    out.key("eligible")
    out.bool(option.eligible)
    out.key("ineligibility")
    try array(option.ineligibility, &out, write)
    if let management = option.management {
      out.key("management")
      try write(management, &out)
    }
    if let cost = option.monthlyCost {
      out.key("monthlyCost")
      try write(cost, &out)
    }
    out.key("option")
    out.string(option.option)
    if let error = option.pricingError {
      out.key("pricingError")
      out.beginObject()
      out.key("code")
      out.string(error.code)
      string("item", error.item, &out)
      out.key("message")
      out.string(error.message)
      out.key("region")
      out.string(error.region)
      out.endObject()
    }
    integer("rank", option.rank, &out)
    out.key("reasons")
    try array(option.reasons, &out, write)
    try money("totalCostOfOwnershipUSD", option.totalCostOfOwnershipUSD, &out)
    try money("weightedCostUSD", option.weightedCostUSD, &out)
    out.endObject()
  }

  static func write(_ reason: Reason, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("code")
    out.string(reason.code)
    try number("limit", reason.limit, &out)
    out.key("message")
    out.string(reason.message)
    try number("value", reason.value, &out)
    out.endObject()
  }

  static func write(_ configuration: Configuration, _ out: inout JSONBuffer)
    throws(JSONBufferError)
  {
    out.beginObject()
    out.key("architecture")
    out.string(configuration.architecture.rawValue)
    out.key("billing")
    out.string(configuration.billing)
    try number("concurrency", configuration.concurrency, &out)
    integer("copiesPerInstance", configuration.copiesPerInstance, &out)
    try number("hoursPerMonth", configuration.hoursPerMonth, &out)
    string("instanceType", configuration.instanceType, &out)
    try capacity("instances", configuration.instances, &out)
    string("loadBalancer", configuration.loadBalancer, &out)
    try number("memoryMB", configuration.memoryMB, &out)
    out.key("operatingSystem")
    out.string(configuration.operatingSystem.rawValue)
    integer("provisionedConcurrency", configuration.provisionedConcurrency, &out)
    try number("provisionedHoursPerMonth", configuration.provisionedHoursPerMonth, &out)
    out.key("purchaseOption")
    out.string(configuration.purchaseOption.rawValue)
    try number("taskMemoryGiB", configuration.taskMemoryGiB, &out)
    try number("taskVCPU", configuration.taskVCPU, &out)
    try capacity("tasks", configuration.tasks, &out)
    out.endObject()
  }

  static func capacity(_ key: StaticString, _ value: Capacity?, _ out: inout JSONBuffer)
    throws(JSONBufferError)
  {
    guard let value else { return }
    out.key(key)
    out.beginObject()
    out.key("average")
    try out.number(value.average)
    try number("offPeak", value.offPeak, &out)
    out.key("peak")
    try out.number(value.peak)
    out.endObject()
  }

  static func write(_ bill: CostBreakdown, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("byCategory")
    out.beginObject()
    // Category names are lowercase letters and dashes: plain order is the encoder's order.
    for (category, amount) in bill.byCategory.sorted(by: { $0.key < $1.key }) {
      out.key(category)
      try out.number(amount.cents)
    }
    out.endObject()
    out.key("lines")
    try array(bill.lines, &out, write)
    try money("totalUSD", bill.totalUSD, &out)
    out.endObject()
  }

  static func write(_ line: CostLine, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    try money("amountUSD", line.amountUSD, &out)
    out.key("category")
    out.string(line.category.rawValue)
    out.key("description")
    out.string(line.description)
    try number("discountFraction", line.discountFraction, &out)
    string("discountId", line.discountId, &out)
    string("freeTierId", line.freeTierId, &out)
    try number("freeTierQuantity", line.freeTierQuantity, &out)
    out.key("per")
    try out.number(line.per)
    out.key("priceId")
    out.string(line.priceId)
    out.key("quantity")
    try out.number(line.quantity)
    integer("tier", line.tier, &out)
    out.key("unit")
    out.string(line.unit)
    out.key("unitPriceUSD")
    try out.number(line.unitPriceUSD)
    out.endObject()
  }

  static func write(_ management: Management, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("averageNodes")
    try out.number(management.averageNodes)
    try money("costUSD", management.costUSD, &out)
    out.key("engineerHourlyRateUSD")
    try out.number(management.engineerHourlyRateUSD)
    try number("existingPlatformFactor", management.existingPlatformFactor, &out)
    out.key("figureIds")
    array(management.figureIds, &out) { id, out in out.string(id) }
    out.key("fixedHours")
    try out.number(management.fixedHours)
    out.key("hoursPerMonth")
    try out.number(management.hoursPerMonth)
    out.key("hoursPerNode")
    try out.number(management.hoursPerNode)
    let duties = management.responsibilities
    out.key("responsibilities")
    out.beginObject()
    for (key, duty) in [
      ("capacityPlanning", duties.capacityPlanning), ("clusterUpgrades", duties.clusterUpgrades),
      ("highAvailability", duties.highAvailability), ("osPatching", duties.osPatching),
      ("provisioning", duties.provisioning), ("runtimePatching", duties.runtimePatching),
      ("scaling", duties.scaling),
    ] as [(StaticString, Responsibility)] {
      out.key(key)
      out.string(duty.rawValue)
    }
    out.endObject()
    out.endObject()
  }
}
