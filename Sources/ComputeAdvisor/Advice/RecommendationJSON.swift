/// The answer's JSON written by hand into bytes: the same bytes as
/// `Advisor.encode(recommendation, pretty: false)` (sorted keys, absent optionals left out,
/// money in cents), without Foundation's `JSONEncoder`, which spent about half of a POST
/// /v1/recommendations request's CPU time on the ~24 KB answer.
///
/// Members are written in the order `JSONEncoder`'s `.sortedKeys` gives (by UTF-8 bytes:
/// `instanceType` before `instances`); the byte-for-byte tests hold every type to it.
public enum RecommendationJSON {
  /// The answer as JSON text.
  public static func bytes(_ answer: Recommendation) throws(JSONBufferError) -> [UInt8] {
    try bytes(answer, merging: [])
  }

  /// The answer as JSON text with more top-level members merged in sorted key order (an
  /// API record's `id`, `createdAt`, `links`). Each extra member's value is JSON text; its
  /// key must differ from the answer's keys.
  public static func bytes(
    _ answer: Recommendation, merging extras: [(key: String, json: [UInt8])]
  ) throws(JSONBufferError) -> [UInt8] {
    var out = JSONBuffer(capacity: 32 * 1024)
    var pending = extras.sorted { keyPrecedes($0.key, $1.key) }[...]
    out.beginObject()
    func mergeExtras(before key: String, _ out: inout JSONBuffer) {
      while let next = pending.first, keyPrecedes(next.key, key) {
        out.key(next.key)
        out.rawValue(next.json)
        pending.removeFirst()
      }
    }
    mergeExtras(before: "assumptions", &out)
    out.key("assumptions")
    try array(answer.assumptions, &out, write)
    mergeExtras(before: "breakEven", &out)
    out.key("breakEven")
    try array(answer.breakEven, &out, write)
    mergeExtras(before: "options", &out)
    out.key("options")
    try array(answer.options, &out, write)
    mergeExtras(before: "pricing", &out)
    out.key("pricing")
    try write(answer.pricing, &out)
    mergeExtras(before: "recommendation", &out)
    if let pick = answer.recommendation {
      out.key("recommendation")
      try write(pick, &out)
    }
    mergeExtras(before: "region", &out)
    out.key("region")
    out.string(answer.region)
    mergeExtras(before: "sensitivity", &out)
    out.key("sensitivity")
    try write(answer.sensitivity, &out)
    mergeExtras(before: "warnings", &out)
    out.key("warnings")
    array(answer.warnings, &out, write)
    mergeExtras(before: "workloadName", &out)
    if let name = answer.workloadName {
      out.key("workloadName")
      out.string(name)
    }
    for extra in pending {
      out.key(extra.key)
      out.rawValue(extra.json)
    }
    out.endObject()
    return out.bytes
  }

  /// `JSONEncoder`'s key order: by UTF-8 bytes.
  static func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
  }

  static func array<Element>(
    _ elements: [Element], _ out: inout JSONBuffer,
    _ write: (Element, inout JSONBuffer) throws(JSONBufferError) -> Void
  ) throws(JSONBufferError) {
    out.beginArray()
    for element in elements { try write(element, &out) }
    out.endArray()
  }

  static func array<Element>(
    _ elements: [Element], _ out: inout JSONBuffer, _ write: (Element, inout JSONBuffer) -> Void
  ) {
    out.beginArray()
    for element in elements { write(element, &out) }
    out.endArray()
  }

  static func write(_ assumption: Assumption, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("field")
    out.string(assumption.field)
    out.key("note")
    out.string(assumption.note)
    out.key("source")
    out.string(assumption.source)
    out.key("value")
    switch assumption.value {
    case .number(let number): try out.number(number)
    case .string(let string): out.string(string)
    case .bool(let bool): out.bool(bool)
    }
    out.endObject()
  }

  static func write(_ point: BreakEven, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("above")
    out.string(point.above)
    out.key("below")
    out.string(point.below)
    out.key("metric")
    out.string(point.metric.rawValue)
    out.key("parameter")
    out.string(point.parameter.rawValue)
    out.key("sentence")
    out.string(point.sentence)
    out.key("unit")
    out.string(point.unit)
    out.key("value")
    try out.number(point.value)
    out.endObject()
  }

  static func write(_ pick: Pick, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    if let configuration = pick.configuration {
      out.key("configuration")
      try write(configuration, &out)
    }
    out.key("displayName")
    out.string(pick.displayName)
    try money("monthlyCostUSD", pick.monthlyCostUSD, &out)
    out.key("option")
    out.string(pick.option)
    out.key("summary")
    out.string(pick.summary)
    try money("totalCostOfOwnershipUSD", pick.totalCostOfOwnershipUSD, &out)
    out.endObject()
  }

  static func write(_ sensitivity: Sensitivity, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("scenarios")
    try array(sensitivity.scenarios, &out) { (scenario, out) throws(JSONBufferError) in
      out.beginObject()
      string("cheapest", scenario.cheapest, &out)
      out.key("costs")
      try array(scenario.costs, &out, write)
      out.key("factor")
      try out.number(scenario.factor)
      string("lowestTotalCostOfOwnership", scenario.lowestTotalCostOfOwnership, &out)
      out.key("parameterValue")
      try out.number(scenario.parameterValue)
      out.key("unit")
      out.string(scenario.unit)
      out.endObject()
    }
    out.endObject()
  }

  static func write(_ cost: OptionCost, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    try money("monthlyCostUSD", cost.monthlyCostUSD, &out)
    out.key("option")
    out.string(cost.option)
    try money("totalCostOfOwnershipUSD", cost.totalCostOfOwnershipUSD, &out)
    out.endObject()
  }

  static func write(_ warning: Warning, _ out: inout JSONBuffer) {
    out.beginObject()
    out.key("code")
    out.string(warning.code)
    out.key("message")
    out.string(warning.message)
    string("option", warning.option, &out)
    out.endObject()
  }

  static func write(_ pricing: PricingProvenance, _ out: inout JSONBuffer) throws(JSONBufferError) {
    out.beginObject()
    out.key("catalogVersion")
    out.string(pricing.catalogVersion)
    out.key("currency")
    out.string(pricing.currency)
    out.key("effectiveDate")
    out.string(pricing.effectiveDate)
    out.key("figures")
    array(pricing.figures, &out) { figure, out in
      out.beginObject()
      out.key("confidence")
      out.string(figure.confidence.rawValue)
      out.key("effectiveDate")
      out.string(figure.effectiveDate)
      out.key("id")
      out.string(figure.id)
      string("note", figure.note, &out)
      string("region", figure.region, &out)
      out.key("source")
      out.string(figure.source)
      out.endObject()
    }
    out.key("hoursPerMonth")
    try out.number(pricing.hoursPerMonth)
    out.key("region")
    out.string(pricing.region)
    out.key("sources")
    array(pricing.sources, &out) { source, out in
      out.beginObject()
      out.key("id")
      out.string(source.id)
      out.key("title")
      out.string(source.title)
      string("url", source.url, &out)
      out.endObject()
    }
    out.endObject()
  }

  // MARK: Optional members

  /// A string member, left out when nil (as `encodeIfPresent` does).
  static func string(_ key: StaticString, _ value: String?, _ out: inout JSONBuffer) {
    guard let value else { return }
    out.key(key)
    out.string(value)
  }

  /// A number member, left out when nil.
  static func number(_ key: StaticString, _ value: Double?, _ out: inout JSONBuffer)
    throws(JSONBufferError)
  {
    guard let value else { return }
    out.key(key)
    try out.number(value)
  }

  /// An integer member, left out when nil.
  static func integer(_ key: StaticString, _ value: Int?, _ out: inout JSONBuffer) {
    guard let value else { return }
    out.key(key)
    out.integer(value)
  }

  /// A money member in cents, as `Money` encodes itself; left out when nil.
  static func money(_ key: StaticString, _ value: Money?, _ out: inout JSONBuffer)
    throws(JSONBufferError)
  {
    guard let value else { return }
    out.key(key)
    try out.number(value.cents)
  }
}
