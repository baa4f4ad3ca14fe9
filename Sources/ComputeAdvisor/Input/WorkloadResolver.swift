/// Checks a description's ranges and cross-field rules, fills every default (echoing each as
/// an assumption) and builds the `Workload`. Problems go to the collector; paths already
/// reported by the JSON stage get no second problem.
struct WorkloadResolver {
  let catalog: PricingCatalog
  let collector: ProblemCollector
  /// Path of the workload object in the document ("" at the root).
  let prefix: String
  var assumptions: [Assumption] = []
  /// The description with the defaults filled in, as the answer echoes it.
  var resolved = WorkloadDescription()

  init(catalog: PricingCatalog, collector: ProblemCollector, prefix: String) {
    self.catalog = catalog
    self.collector = collector
    self.prefix = prefix
  }

  func path(_ relative: String) -> String { joinPath(prefix, relative) }

  func report(_ relative: String, _ code: String, _ message: String, allowed: [String]? = nil) {
    collector.report(path(relative), code, message, allowed: allowed)
  }

  /// A given number within [minimum, maximum]; nil (reported) when outside.
  func checked(
    _ value: Double?, _ relative: String, minimum: Double, maximum: Double,
    exclusiveMinimum: Bool = false, unit: String = ""
  ) -> Double? {
    guard let value else { return nil }
    let suffix = unit.isEmpty ? "" : " " + unit
    if exclusiveMinimum ? value <= minimum : value < minimum {
      report(
        relative, ProblemCode.belowMinimum,
        "must be \(exclusiveMinimum ? "greater than" : "at least") \(Format.number(minimum, significant: 6))\(suffix); got \(Format.number(value, significant: 6))"
      )
      return nil
    }
    if value > maximum {
      report(
        relative, ProblemCode.aboveMaximum,
        "must be at most \(Format.number(maximum, significant: 6))\(suffix); got \(Format.number(value, significant: 6))"
      )
      return nil
    }
    return value
  }

  /// `value`, or `fallback` echoed as an assumption when the field was not given (and not
  /// already reported as wrong).
  mutating func defaulted<T>(
    _ value: T?, _ relative: String, _ fallback: T, _ note: String,
    _ encode: (T) -> AssumptionValue
  ) -> T {
    if let value { return value }
    if !collector.hasReported(path(relative)) {
      assumptions.append(
        Assumption(field: path(relative), value: encode(fallback), source: "default", note: note))
    }
    return fallback
  }

  mutating func defaulted(_ value: Double?, _ relative: String, _ fallback: Double, _ note: String)
    -> Double
  {
    defaulted(value, relative, fallback, note) { .number($0) }
  }

  mutating func defaulted(_ value: Bool?, _ relative: String, _ fallback: Bool, _ note: String)
    -> Bool
  {
    defaulted(value, relative, fallback, note) { .bool($0) }
  }

  mutating func defaulted<E: InputEnum>(
    _ value: E?, _ relative: String, _ fallback: E, _ note: String
  ) -> E {
    defaulted(value, relative, fallback, note) { .string($0.rawValue) }
  }

  func required(_ relative: String, _ message: String) {
    if !collector.hasReported(path(relative)) {
      report(relative, ProblemCode.required, message)
    }
  }

  /// Largest vCPU and memory (MiB) any option offers: beyond them no option could run it.
  var capacityLimits: (vcpu: Double, memoryMiB: Double) {
    let document = catalog.document
    let model = catalog.model
    var vcpu = model.lambdaMaxVCPU.value
    var memory = model.lambdaMemoryMaxMB.value
    for type in document.instanceTypes {
      vcpu = max(vcpu, type.vcpu)
      memory = max(memory, type.memoryGiB * 1024)
    }
    for size in document.fargateTaskSizes {
      vcpu = max(vcpu, size.vcpu)
      memory = max(memory, (size.memoryGiB.last ?? 0) * 1024)
    }
    return (vcpu, memory)
  }

  mutating func resolve(_ description: WorkloadDescription) -> Workload? {
    let document = catalog.document
    if let name = description.name, name.count > 200 {
      report("name", ProblemCode.aboveMaximum, "must be at most 200 characters")
    }
    var region = "us-east-1"
    if let given = description.region {
      region = given
      if !document.regions.contains(given) {
        report(
          "region", ProblemCode.unknownRegion,
          "unknown region '\(given)'; the catalog prices: \(document.regions.joined(separator: ", "))",
          allowed: document.regions)
      }
    } else {
      assumptions.append(
        Assumption(
          field: path("region"), value: .string(region), source: "default",
          note: "AWS's largest region"))
    }
    let pattern = description.pattern
    if pattern == nil {
      required(
        "pattern",
        "give the pattern: \(Pattern.allowedValues.joined(separator: ", "))")
    }
    let packaging = defaulted(
      description.packaging, "packaging", Packaging.source,
      "application code, not yet a container image")

    var workload = Workload(
      region: region, pattern: pattern ?? .requestDriven, packaging: packaging)
    workload.name = description.name
    resolved = description
    resolved.region = region
    resolved.packaging = packaging
    let secondsPerMonth = catalog.hoursPerMonth * 3600
    resolveTraffic(description.traffic, pattern, secondsPerMonth, &workload)
    if let pattern { recordModelAssumptions(pattern) }
    resolveExecution(description.execution, description.resources, pattern, &workload)
    resolveResources(description.resources, &workload)
    resolveRequirements(description.requirements, pattern, &workload)
    resolveTeamAndPurchase(description.team, description.purchase, &workload)
    guard collector.problems.isEmpty, pattern != nil else { return nil }
    workload.resolved = resolved
    workload.assumptions = assumptions
    return workload
  }

  /// The catalog's sizing parameters this workload's pattern uses, echoed as assumptions.
  mutating func recordModelAssumptions(_ pattern: Pattern) {
    let model = catalog.model
    let utilisation = pattern.isJob ? model.utilisationBatch : model.utilisationService
    assumptions.append(
      Assumption(
        field: utilisation.id, value: .number(utilisation.value), source: "catalog",
        note: "CPU utilisation containers and instances are sized for"))
    let minimum = model.availabilityMinimum[pattern]
    assumptions.append(
      Assumption(
        field: minimum.id, value: .number(minimum.value), source: "catalog",
        note: "copies kept running for availability"))
  }
}
