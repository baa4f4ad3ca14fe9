import Foundation
import Storage

/// Where `serve` gets a setting: its flag first, then its environment variable, then the
/// default (12-factor). The README's configuration table lists the same names.
struct SettingSource {
  let environment: [String: String]

  /// The flag's value, else the environment variable's when set and not empty.
  func string(_ flag: String?, _ variable: String) -> String? {
    if let flag { return flag }
    guard let value = environment[variable], !value.isEmpty else { return nil }
    return value
  }

  /// A whole number from the flag or the environment, checked against `range`.
  func integer(_ flag: Int?, _ variable: String, in range: ClosedRange<Int>) throws -> Int? {
    let value: Int
    if let flag {
      value = flag
    } else if let text = string(nil, variable) {
      guard let parsed = Int(text) else {
        throw ServeConfigurationError("\(variable)=\(text) is not a whole number")
      }
      value = parsed
    } else {
      return nil
    }
    guard range.contains(value) else {
      throw ServeConfigurationError(
        "\(variable) (or its flag) must be from \(range.lowerBound) to \(range.upperBound), got \(value)"
      )
    }
    return value
  }
}

/// A configuration value `serve` cannot start with; printed, then exit code 2.
struct ServeConfigurationError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Everything `serve` runs with, resolved from flags, environment and defaults.
struct ServeConfiguration: CustomStringConvertible {
  var host: String
  var port: Int
  var dataDirectory: String
  var storage: StoreSelection
  var logLevel: String
  var pricingCatalog: String?
  var maxBodyBytes: Int
  var maxConnections: Int
  var drainTimeoutSeconds: Int
  var retentionMaxAgeDays: Int?
  var retentionMaxCount: Int?
  /// PEM certificate chain and key; both set serves HTTPS, neither cleartext.
  var tlsCertificatePath: String?
  var tlsPrivateKeyPath: String?
  var operations: ServeOperationsConfiguration

  /// One line per setting, secrets redacted: printed at start so operators see what runs.
  var description: String {
    return [
      "listen \(host):\(port)", "storage \(storage.redactedDescription)",
      "data-dir \(dataDirectory)",
      "log-level \(logLevel)", "pricing-catalog \(pricingCatalog ?? "bundled")",
      "max-body-bytes \(maxBodyBytes)", "max-connections \(maxConnections)",
      "drain-timeout \(drainTimeoutSeconds)s",
      "retention max-age-days \(retentionMaxAgeDays.map(String.init) ?? "unset") "
        + "max-count \(retentionMaxCount.map(String.init) ?? "unset")",
      "tls \(tlsCertificatePath ?? "off")",
      operations.description,
    ].joined(separator: "; ")
  }

}
