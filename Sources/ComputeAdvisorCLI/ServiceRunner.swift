import AdvisorAPI
import ComputeAdvisor
import Foundation
import HTTPServer
import Logging
import Storage

/// Starts the service from a resolved configuration: catalog, store, API and server; runs
/// retention in the background; on SIGTERM or SIGINT drains and closes the store.
struct ServiceRunner {
  /// How often retention runs when it is configured.
  static let retentionInterval: Duration = .seconds(600)

  let configuration: ServeConfiguration
  let logger: Logger

  func run() async throws {
    logger.info("starting compute-advisor: \(configuration)")
    let catalog: PricingCatalog
    do {
      catalog =
        try configuration.pricingCatalog.map {
          try PricingCatalog.load(from: URL(fileURLWithPath: $0))
        }
        ?? PricingCatalog.loadBundled()
    } catch {
      logger.critical("cannot load the pricing catalog: \(error)")
      throw error
    }
    let store = try await openStore()
    let api = try AdvisorAPI(
      advisor: Advisor(catalog: catalog), store: store, operations: try makeOperations())

    var serverConfiguration = HTTPServerConfiguration(
      host: configuration.host, port: configuration.port)
    serverConfiguration.maxConnections = configuration.maxConnections
    serverConfiguration.maxConnectionsPerAddress = configuration.operations.maxConnectionsPerAddress
    serverConfiguration.limits.maxBodyBytes = configuration.maxBodyBytes
    serverConfiguration.timeouts.drain = .seconds(configuration.drainTimeoutSeconds)
    serverConfiguration.accessLog = false  // the API logs each request with route and key id
    serverConfiguration.serverErrorRenderer = { [logger] problem in
      AdvisorAPI.renderServerError(
        status: problem.status, detail: problem.detail, logger: logger)
    }
    if let certificate = configuration.tlsCertificatePath,
      let key = configuration.tlsPrivateKeyPath
    {
      serverConfiguration.tls = TLSConfiguration(
        certificateChainPath: certificate, privateKeyPath: key)
    }
    let server = HTTPServer(
      configuration: serverConfiguration, responder: api.buildResponder(), logger: logger)
    server.installSignalHandlers()
    api.operations.metrics?.observeConnections { server.connectionCount }

    let retention = retentionPolicy.map { policy in
      Task.detached { [logger] in await Self.applyRetention(policy, to: store, logger: logger) }
    }
    do {
      try server.start()
    } catch {
      logger.critical("cannot serve on \(configuration.host):\(configuration.port): \(error)")
      await store.close()
      throw error
    }
    logger.info(
      "listening",
      metadata: ["address": "\(configuration.host):\(server.port ?? configuration.port)"])
    let metricsServer = try startMetricsServer(for: api)
    try await server.run()
    await metricsServer?.shutdown()
    retention?.cancel()
    await store.close()
    logger.info("stopped")
  }

  private func openStore() async throws -> any RecommendationStore {
    if case .sqlite(let sqlite) = configuration.storage {
      let directory = (sqlite.path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      }
    }
    return try await configuration.storage.open()
  }

  private var retentionPolicy: RetentionPolicy? {
    guard configuration.retentionMaxAgeDays != nil || configuration.retentionMaxCount != nil
    else { return nil }
    return RetentionPolicy(
      maxAge: configuration.retentionMaxAgeDays.map { TimeInterval($0) * 86_400 },
      maxCount: configuration.retentionMaxCount)
  }

  /// Applies the policy now and then every ``retentionInterval`` until cancelled. The store
  /// deletes in small batches, so requests are never held up for long.
  private static func applyRetention(
    _ policy: RetentionPolicy, to store: any RecommendationStore, logger: Logger
  ) async {
    while !Task.isCancelled {
      do {
        let deleted = try await store.applyRetention(policy, now: Date())
        if deleted > 0 { logger.info("retention deleted \(deleted) stored queries") }
      } catch {
        logger.warning("retention failed: \(error)")
      }
      try? await Task.sleep(for: retentionInterval)
    }
  }
}
