import AdvisorAPI
import ArgumentParser
import Foundation

/// `serve`'s API key, rate limit and metrics flags (each overrides its
/// `COMPUTE_ADVISOR_*` variable; the README's configuration table lists them).
struct ServeOperationsOptions: ParsableArguments {
  @Option(
    help:
      "API keys file, re-read when it changes (COMPUTE_ADVISOR_API_KEYS_FILE; unset with no --api-keys: keys off)."
  )
  var apiKeysFile: String?
  @Option(help: "API keys as an inline keys-file JSON document (COMPUTE_ADVISOR_API_KEYS).")
  var apiKeys: String?
  @Option(
    help:
      "Requests per second per key or address; 0 turns limiting off (COMPUTE_ADVISOR_RATE_LIMIT, default 0)."
  )
  var rateLimit: Int?
  @Option(
    help:
      "Requests a client may send at once (COMPUTE_ADVISOR_RATE_LIMIT_BURST, default 2x the rate).")
  var rateLimitBurst: Int?
  @Option(
    help: "Serve /metrics on this port instead of the API port (COMPUTE_ADVISOR_METRICS_PORT).")
  var metricsPort: Int?
  @Option(
    help:
      "Most open connections from one client address (COMPUTE_ADVISOR_MAX_CONNECTIONS_PER_ADDRESS; unset: no cap)."
  )
  var maxConnectionsPerAddress: Int?

  /// The effective settings; throws for values `serve` cannot run with.
  func resolve(_ source: SettingSource) throws -> ServeOperationsConfiguration {
    var inlineKeys: [APIKeyRecord] = []
    if let text = source.string(apiKeys, "COMPUTE_ADVISOR_API_KEYS") {
      do {
        inlineKeys = try APIKeysDocument.decode(Data(text.utf8)).keys
      } catch {
        throw ServeConfigurationError("COMPUTE_ADVISOR_API_KEYS is not a keys document: \(error)")
      }
    }
    let rate = try source.integer(rateLimit, "COMPUTE_ADVISOR_RATE_LIMIT", in: 0...1_000_000) ?? 0
    let burst = try source.integer(
      rateLimitBurst, "COMPUTE_ADVISOR_RATE_LIMIT_BURST", in: 1...10_000_000)
    return ServeOperationsConfiguration(
      apiKeysFile: source.string(apiKeysFile, "COMPUTE_ADVISOR_API_KEYS_FILE"),
      inlineKeys: inlineKeys,
      rateLimit: rate == 0
        ? nil
        : TokenBucketRateLimiter.Policy(ratePerSecond: Double(rate), burst: burst ?? rate * 2),
      metricsPort: try source.integer(metricsPort, "COMPUTE_ADVISOR_METRICS_PORT", in: 0...65_535),
      maxConnectionsPerAddress: try source.integer(
        maxConnectionsPerAddress, "COMPUTE_ADVISOR_MAX_CONNECTIONS_PER_ADDRESS", in: 1...1_000_000))
  }
}

/// API keys, rate limit and metrics port as `serve` runs with them.
struct ServeOperationsConfiguration: CustomStringConvertible {
  /// The keys file, re-read when it changes.
  var apiKeysFile: String?
  /// Keys given inline (hashes only).
  var inlineKeys: [APIKeyRecord]
  /// The per-client limit, nil when off.
  var rateLimit: TokenBucketRateLimiter.Policy?
  /// A separate port for `/metrics`, nil to serve it on the API port.
  var metricsPort: Int?
  /// The per-address connection cap, nil when off.
  var maxConnectionsPerAddress: Int?

  /// Whether requests must carry a key.
  var keysEnabled: Bool { apiKeysFile != nil || !inlineKeys.isEmpty }

  /// One line for the start-up log; no key material (hashes are not printed either).
  var description: String {
    let keys =
      keysEnabled
      ? "api-keys on (file \(apiKeysFile ?? "none"), \(inlineKeys.count) inline)" : "api-keys off"
    let limit =
      rateLimit.map { "rate-limit \(Int($0.ratePerSecond))/s burst \($0.burst)" }
      ?? "rate-limit off"
    let perAddress = maxConnectionsPerAddress.map(String.init) ?? "unset"
    return "\(keys); \(limit); metrics \(metricsPort.map { "port \($0)" } ?? "on the API port"); "
      + "max-connections-per-address \(perAddress)"
  }
}
