/// One thing wrong with an input, located by its JSON path (`traffic.requestsPerSecond.peak`;
/// the empty path is the document itself).
public struct InputProblem: Codable, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  /// Stable, machine-readable (`type.mismatch`, `enum.unknown`, `traffic.missing`, ...).
  public var code: String
  public var message: String
  /// The accepted values, for unknown enum values, unknown fields and unknown regions.
  public var allowed: [String]?

  public init(path: String, code: String, message: String, allowed: [String]? = nil) {
    self.path = path
    self.code = code
    self.message = message
    self.allowed = allowed
  }

  public var description: String { "\(path.isEmpty ? "(document)" : path): \(message) [\(code)]" }
}

/// Why an input was refused: not JSON at all (the HTTP API answers 400 with the position), or
/// JSON that does not describe a valid workload (422 with every problem).
public enum WorkloadInputError: Error, Sendable, Equatable, CustomStringConvertible {
  case malformedJSON(JSONSyntaxError)
  case invalid([InputProblem])

  public var problems: [InputProblem] {
    if case .invalid(let problems) = self { return problems }
    return []
  }

  public var description: String {
    switch self {
    case .malformedJSON(let error): return "malformed JSON: \(error)"
    case .invalid(let problems): return problems.map(\.description).joined(separator: "\n")
    }
  }
}

/// Stable problem codes.
public enum ProblemCode {
  public static let typeMismatch = "type.mismatch"
  public static let unknownField = "field.unknown"
  public static let duplicateField = "field.duplicate"
  public static let required = "field.required"
  public static let unknownEnumValue = "enum.unknown"
  public static let notInteger = "number.not-integer"
  public static let belowMinimum = "range.below-minimum"
  public static let aboveMaximum = "range.above-maximum"
  public static let unknownRegion = "region.unknown"
  public static let unknownGPUKind = "gpu.kind-unknown"
  public static let trafficMissing = "traffic.missing"
  public static let trafficConflict = "traffic.conflicting"
  public static let trafficNotApplicable = "traffic.not-applicable"
  public static let peakBelowAverage = "traffic.peak-below-average"
  public static let peakHoursInconsistent = "traffic.peak-hours-inconsistent"
  public static let maxBelowAverage = "execution.max-below-average"
  public static let windowsArm = "resources.windows-arm64"
  public static let gpuKindWithoutCount = "resources.gpu-kind-without-count"
}
