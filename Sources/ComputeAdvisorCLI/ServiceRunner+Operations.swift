import AdvisorAPI
import HTTPServer
import Logging

extension ServiceRunner {
  /// API keys, rate limit, metrics and the JSON access log as configured.
  func makeOperations() throws -> APIOperations {
    let settings = configuration.operations
    let keyRing =
      settings.keysEnabled
      ? try APIKeyRing(
        keys: settings.inlineKeys, file: settings.apiKeysFile,
        logger: Logger(label: "compute-advisor.keys"))
      : nil
    if let keyRing {
      logger.info("API keys on", metadata: ["active_keys": "\(keyRing.activeKeyCount)"])
    } else {
      logger.warning("API keys off: every caller shares one anonymous history")
    }
    return APIOperations(
      keyRing: keyRing, rateLimiter: settings.rateLimit.map { TokenBucketRateLimiter(policy: $0) },
      metrics: ServiceMetrics(), servesMetricsRoute: settings.metricsPort == nil, accessLog: true)
  }

  /// The `/metrics`-only server when a separate metrics port is configured, started.
  func startMetricsServer(for api: AdvisorAPI) throws -> HTTPServer? {
    guard let port = configuration.operations.metricsPort,
      let responder = api.buildMetricsResponder()
    else { return nil }
    var metricsConfiguration = HTTPServerConfiguration(host: configuration.host, port: port)
    metricsConfiguration.accessLog = false
    metricsConfiguration.maxConnections = 64
    let server = HTTPServer(
      configuration: metricsConfiguration, responder: responder, logger: logger)
    try server.start()
    logger.info("metrics listening", metadata: ["port": "\(server.port ?? port)"])
    return server
  }
}
