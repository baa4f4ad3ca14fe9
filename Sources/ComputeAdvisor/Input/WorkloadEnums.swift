/// The closed vocabularies of the workload description. Raw values are the JSON spellings.
public protocol InputEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable
where RawValue == String {}

extension InputEnum {
  /// Every accepted spelling, in declaration order (used in error messages).
  public static var allowedValues: [String] { allCases.map(\.rawValue) }
}

/// How work arrives.
public enum Pattern: String, InputEnum {
  /// Synchronous HTTP/API traffic.
  case requestDriven = "request-driven"
  /// Queue, stream or event consumers.
  case eventDriven = "event-driven"
  /// Jobs that start, run and finish.
  case batch
  /// Batch on a clock.
  case scheduled
  /// Always-on processes: websockets, game servers, workers that never end.
  case longRunning = "long-running"

  /// Jobs billed per run rather than services that stay up.
  public var isJob: Bool { self == .batch || self == .scheduled }
}

public enum Architecture: String, InputEnum {
  case x86 = "x86_64"
  case arm64
  /// Either; each option picks the cheaper one it offers.
  case any
}

public enum OperatingSystem: String, InputEnum {
  case linux
  case windows
}

public enum Packaging: String, InputEnum {
  case source
  case container
  case machineImage = "machine-image"
}

public enum Ingress: String, InputEnum {
  case publicHTTP = "public-http"
  case `internal`
  case none
}

public enum OpsCapacity: String, InputEnum {
  case none
  case low
  case medium
  case high
}

public enum ExistingPlatform: String, InputEnum {
  case none
  case ecs
  case eks
}

public enum PurchaseOption: String, InputEnum {
  case onDemand = "on-demand"
  case savingsPlan1y = "savings-plan-1y"
  case savingsPlan3y = "savings-plan-3y"
  case spot
}
