/// Turns a parsed JSON document into a `WorkloadDescription`, collecting every type error,
/// unknown field, duplicate and unknown enum value instead of stopping at the first. Range
/// and cross-field checks come after, in `WorkloadResolver`.
final class ProblemCollector {
  private(set) var problems: [InputProblem] = []
  /// Paths already reported, so that later checks do not pile a second problem on them.
  private(set) var reportedPaths: Set<String> = []

  func report(_ path: String, _ code: String, _ message: String, allowed: [String]? = nil) {
    problems.append(InputProblem(path: path, code: code, message: message, allowed: allowed))
    reportedPaths.insert(path)
  }

  func hasReported(_ path: String) -> Bool { reportedPaths.contains(path) }
}

func joinPath(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

/// Reads the members of one JSON object by name; `finish()` reports the members nobody read.
struct ObjectReader {
  let path: String
  private let members: [(key: String, value: JSONValue)]
  private let collector: ProblemCollector
  private var known: [String] = []

  init?(_ value: JSONValue, path: String, collector: ProblemCollector) {
    guard case .object(let members) = value else {
      collector.report(
        path, ProblemCode.typeMismatch, "expected an object, got \(value.typeName)")
      return nil
    }
    self.path = path
    self.members = members
    self.collector = collector
  }

  /// The member's value; nil when absent or null. Reports duplicates.
  private mutating func value(_ key: String) -> JSONValue? {
    known.append(key)
    var found: JSONValue?
    var count = 0
    for member in members where member.key == key {
      count += 1
      found = member.value
    }
    if count > 1 {
      collector.report(
        joinPath(path, key), ProblemCode.duplicateField, "'\(key)' appears \(count) times")
      return nil
    }
    if case .null? = found { return nil }
    return found
  }

  private func mismatch(_ key: String, _ expected: String, _ got: JSONValue) {
    collector.report(
      joinPath(path, key), ProblemCode.typeMismatch, "expected \(expected), got \(got.typeName)")
  }

  mutating func number(_ key: String) -> Double? {
    guard let value = value(key) else { return nil }
    guard case .number(let number) = value else {
      mismatch(key, "a number", value)
      return nil
    }
    return number
  }

  mutating func integer(_ key: String) -> Int? {
    guard let number = number(key) else { return nil }
    guard number.rounded() == number, abs(number) < 1e15 else {
      collector.report(
        joinPath(path, key), ProblemCode.notInteger, "expected a whole number, got \(number)")
      return nil
    }
    return Int(number)
  }

  mutating func string(_ key: String) -> String? {
    guard let value = value(key) else { return nil }
    guard case .string(let string) = value else {
      mismatch(key, "a string", value)
      return nil
    }
    return string
  }

  mutating func bool(_ key: String) -> Bool? {
    guard let value = value(key) else { return nil }
    guard case .bool(let bool) = value else {
      mismatch(key, "true or false", value)
      return nil
    }
    return bool
  }

  mutating func enumeration<E: InputEnum>(_ key: String, _: E.Type) -> E? {
    guard let string = string(key) else { return nil }
    guard let value = E(rawValue: string) else {
      collector.report(
        joinPath(path, key), ProblemCode.unknownEnumValue,
        "unknown value '\(string)'; allowed: \(E.allowedValues.joined(separator: ", "))",
        allowed: E.allowedValues)
      return nil
    }
    return value
  }

  mutating func object(_ key: String) -> ObjectReader? {
    guard let value = value(key) else { return nil }
    return ObjectReader(value, path: joinPath(path, key), collector: collector)
  }

  /// Reports every member that no accessor asked for.
  func finish() {
    for member in members where !known.contains(member.key) {
      collector.report(
        joinPath(path, member.key), ProblemCode.unknownField,
        "unknown field '\(member.key)'; allowed here: \(known.joined(separator: ", "))",
        allowed: known)
    }
  }
}

enum WorkloadDecoder {
  /// Reads a workload object at `path` ("" for a whole document).
  static func description(
    from value: JSONValue, path: String, collector: ProblemCollector
  ) -> WorkloadDescription {
    var result = WorkloadDescription()
    guard var root = ObjectReader(value, path: path, collector: collector) else { return result }
    result.name = root.string("name")
    result.region = root.string("region")
    result.pattern = root.enumeration("pattern", Pattern.self)
    result.packaging = root.enumeration("packaging", Packaging.self)
    if var reader = root.object("traffic") {
      result.traffic = traffic(&reader)
      reader.finish()
    }
    if var reader = root.object("execution") {
      result.execution = .init(
        averageDurationMs: reader.number("averageDurationMs"),
        maxDurationSeconds: reader.number("maxDurationSeconds"),
        cpuTimeMs: reader.number("cpuTimeMs"))
      reader.finish()
    }
    if var reader = root.object("resources") {
      result.resources = resources(&reader)
      reader.finish()
    }
    if var reader = root.object("requirements") {
      result.requirements = requirements(&reader)
      reader.finish()
    }
    if var reader = root.object("team") {
      result.team = .init(
        opsCapacity: reader.enumeration("opsCapacity", OpsCapacity.self),
        existingPlatform: reader.enumeration("existingPlatform", ExistingPlatform.self),
        engineerHourlyRateUSD: reader.number("engineerHourlyRateUSD"))
      reader.finish()
    }
    if var reader = root.object("purchase") {
      result.purchase = .init(
        purchaseOption: reader.enumeration("purchaseOption", PurchaseOption.self),
        applyFreeTier: reader.bool("applyFreeTier"))
      reader.finish()
    }
    root.finish()
    return result
  }

  private static func traffic(_ reader: inout ObjectReader) -> WorkloadDescription.Traffic {
    var traffic = WorkloadDescription.Traffic(requestsPerMonth: reader.number("requestsPerMonth"))
    if var rate = reader.object("requestsPerSecond") {
      traffic.requestsPerSecond = .init(average: rate.number("average"), peak: rate.number("peak"))
      rate.finish()
    }
    traffic.peakHoursPerDay = reader.number("peakHoursPerDay")
    traffic.jobsPerMonth = reader.number("jobsPerMonth")
    traffic.replicas = reader.integer("replicas")
    traffic.dataTransferOutGBPerMonth = reader.number("dataTransferOutGBPerMonth")
    return traffic
  }

  private static func resources(_ reader: inout ObjectReader) -> WorkloadDescription.Resources {
    var resources = WorkloadDescription.Resources(
      vcpu: reader.number("vcpu"), memoryMiB: reader.number("memoryMiB"))
    if var gpu = reader.object("gpu") {
      resources.gpu = .init(count: gpu.integer("count"), kind: gpu.string("kind"))
      gpu.finish()
    }
    resources.ephemeralStorageGiB = reader.number("ephemeralStorageGiB")
    resources.architecture = reader.enumeration("architecture", Architecture.self)
    resources.operatingSystem = reader.enumeration("operatingSystem", OperatingSystem.self)
    return resources
  }

  private static func requirements(
    _ reader: inout ObjectReader
  ) -> WorkloadDescription.Requirements {
    var result = WorkloadDescription.Requirements(
      osAccess: reader.bool("osAccess"), kubernetes: reader.bool("kubernetes"),
      privileged: reader.bool("privileged"), daemonSets: reader.bool("daemonSets"),
      persistentConnections: reader.bool("persistentConnections"),
      maxColdStartMs: reader.number("maxColdStartMs"),
      interruptionTolerant: reader.bool("interruptionTolerant"),
      ingress: reader.enumeration("ingress", Ingress.self))
    if var pc = reader.object("provisionedConcurrency") {
      result.provisionedConcurrency = .init(
        count: pc.integer("count"), hoursPerMonth: pc.number("hoursPerMonth"))
      pc.finish()
    }
    return result
  }
}
