import AdvisorAPI
import ArgumentParser
import ComputeAdvisor
import Foundation
import HTTPServer
import Logging
import Storage

/// `compute-advisor serve`: runs the REST API until SIGTERM or SIGINT, then drains.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the HTTP API (flags override COMPUTE_ADVISOR_* environment variables)."
  )

  @Option(help: "Address to bind (COMPUTE_ADVISOR_HOST, default 0.0.0.0).")
  var host: String?
  @Option(help: "Port to bind (COMPUTE_ADVISOR_PORT, default 8080).")
  var port: Int?
  @Option(help: "Directory for the SQLite database (COMPUTE_ADVISOR_DATA_DIR, default ./data).")
  var dataDir: String?
  @Option(
    help:
      "SQLite database file (COMPUTE_ADVISOR_DATABASE_PATH, default DATA_DIR/compute-advisor.sqlite)."
  )
  var databasePath: String?
  @Option(help: "postgres:// URL; selects PostgreSQL instead of SQLite (DATABASE_URL).")
  var databaseURL: String?
  @Option(help: "PostgreSQL connections (COMPUTE_ADVISOR_DB_POOL_SIZE, default 8).")
  var dbPoolSize: Int?
  @Option(
    help: "trace, debug, info, notice, warning, error or critical (COMPUTE_ADVISOR_LOG_LEVEL).")
  var logLevel: String?
  @Option(help: "Pricing catalog JSON replacing the bundled one (COMPUTE_ADVISOR_PRICING_CATALOG).")
  var pricingCatalog: String?
  @Option(help: "Largest request body in bytes (COMPUTE_ADVISOR_MAX_BODY_BYTES, default 1048576).")
  var maxBodyBytes: Int?
  @Option(help: "Most open connections (COMPUTE_ADVISOR_MAX_CONNECTIONS, default 4096).")
  var maxConnections: Int?
  @Option(
    name: .customLong("drain-timeout"),
    help:
      "Seconds in-flight requests get at shutdown (COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS, default 20)."
  )
  var drainTimeout: Int?
  @Option(
    help: "Delete queries older than this many days (COMPUTE_ADVISOR_RETENTION_MAX_AGE_DAYS).")
  var retentionMaxAgeDays: Int?
  @Option(help: "Keep at most this many queries (COMPUTE_ADVISOR_RETENTION_MAX_COUNT).")
  var retentionMaxCount: Int?
  @OptionGroup var operations: ServeOperationsOptions
  @Option(help: "PEM certificate chain; serves HTTPS with --tls-key (COMPUTE_ADVISOR_TLS_CERT).")
  var tlsCert: String?
  @Option(help: "PEM private key of --tls-cert; SIGHUP reloads both (COMPUTE_ADVISOR_TLS_KEY).")
  var tlsKey: String?

  func run() async throws {
    let configuration: ServeConfiguration
    do {
      configuration = try resolve(SettingSource(environment: ProcessInfo.processInfo.environment))
    } catch let error as ServeConfigurationError {
      FileHandle.standardError.write(Data("compute-advisor serve: \(error)\n".utf8))
      throw ExitCode(2)
    }
    let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    defer { JSONLogHandler.Sink.standardOutput.flush() }  // the batched lines still waiting
    let logger = Logger(label: "compute-advisor")
    try await ServiceRunner(configuration: configuration, logger: logger).run()
  }

  /// The effective configuration; throws for values `serve` cannot run with.
  func resolve(_ source: SettingSource) throws -> ServeConfiguration {
    let dataDirectory = source.string(dataDir, "COMPUTE_ADVISOR_DATA_DIR") ?? "./data"
    let databaseURL = source.string(databaseURL, "DATABASE_URL")
    if let databaseURL,
      !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://"))
    {
      throw ServeConfigurationError("DATABASE_URL must be a postgres:// URL")
    }
    let storage = StoreSelection(
      databaseURL: databaseURL,
      sqlitePath: source.string(databasePath, "COMPUTE_ADVISOR_DATABASE_PATH")
        ?? (dataDirectory as NSString).appendingPathComponent("compute-advisor.sqlite"),
      postgresPoolSize: try source.integer(dbPoolSize, "COMPUTE_ADVISOR_DB_POOL_SIZE", in: 1...256)
        ?? 8)
    let logLevel = source.string(logLevel, "COMPUTE_ADVISOR_LOG_LEVEL") ?? "info"
    guard Logger.Level(rawValue: logLevel) != nil else {
      throw ServeConfigurationError("unknown log level \(logLevel)")
    }
    let tlsCertificate = source.string(tlsCert, "COMPUTE_ADVISOR_TLS_CERT")
    let tlsPrivateKey = source.string(tlsKey, "COMPUTE_ADVISOR_TLS_KEY")
    guard (tlsCertificate == nil) == (tlsPrivateKey == nil) else {
      throw ServeConfigurationError("TLS needs both a certificate and a key")
    }
    return ServeConfiguration(
      host: source.string(host, "COMPUTE_ADVISOR_HOST") ?? "0.0.0.0",
      port: try source.integer(port, "COMPUTE_ADVISOR_PORT", in: 0...65_535) ?? 8080,
      dataDirectory: dataDirectory, storage: storage, logLevel: logLevel,
      pricingCatalog: source.string(pricingCatalog, "COMPUTE_ADVISOR_PRICING_CATALOG"),
      maxBodyBytes: try source.integer(
        maxBodyBytes, "COMPUTE_ADVISOR_MAX_BODY_BYTES", in: 1_024...(64 << 20)) ?? 1_048_576,
      maxConnections: try source.integer(
        maxConnections, "COMPUTE_ADVISOR_MAX_CONNECTIONS", in: 1...1_000_000) ?? 4096,
      drainTimeoutSeconds: try source.integer(
        drainTimeout, "COMPUTE_ADVISOR_DRAIN_TIMEOUT_SECONDS", in: 0...3_600) ?? 20,
      retentionMaxAgeDays: try source.integer(
        retentionMaxAgeDays, "COMPUTE_ADVISOR_RETENTION_MAX_AGE_DAYS", in: 1...36_500),
      retentionMaxCount: try source.integer(
        retentionMaxCount, "COMPUTE_ADVISOR_RETENTION_MAX_COUNT", in: 1...1_000_000_000),
      tlsCertificatePath: tlsCertificate, tlsPrivateKeyPath: tlsPrivateKey,
      operations: try operations.resolve(source))
  }
}
