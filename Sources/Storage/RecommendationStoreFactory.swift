import Foundation

/// Which store the service runs on, as operators configure it: PostgreSQL when
/// `DATABASE_URL` is set, the embedded SQLite file otherwise.
public enum StoreSelection: Sendable, Equatable {
  /// The embedded SQLite database.
  case sqlite(SQLiteStoreConfiguration)
  /// A shared PostgreSQL database.
  case postgres(PostgresStoreConfiguration)

  /// PostgreSQL if `databaseURL` is non-empty (a `postgres://` or `postgresql://` URI, or a
  /// libpq `key=value` string), else SQLite at `sqlitePath`.
  public init(databaseURL: String?, sqlitePath: String, postgresPoolSize: Int = 4) {
    if let databaseURL, !databaseURL.trimmingCharacters(in: .whitespaces).isEmpty {
      self = .postgres(PostgresStoreConfiguration(url: databaseURL, poolSize: postgresPoolSize))
    } else {
      self = .sqlite(SQLiteStoreConfiguration(path: sqlitePath))
    }
  }

  /// A description safe to log at startup: the password in a URL is masked.
  public var redactedDescription: String {
    switch self {
    case .sqlite(let configuration): "sqlite:\(configuration.path)"
    case .postgres(let configuration):
      "postgres (pool \(configuration.poolSize)): "
        + Self.maskingPassword(in: configuration.url)
    }
  }

  /// Opens the selected store, applying pending migrations; throws ``StoreError/unavailable(_:)``
  /// when the database cannot be opened or reached.
  public func open() async throws -> any RecommendationStore {
    switch self {
    case .sqlite(let configuration): try SQLiteRecommendationStore(configuration: configuration)
    case .postgres(let configuration):
      try await PostgresRecommendationStore(configuration: configuration)
    }
  }

  /// `scheme://user:secret@host` becomes `scheme://user:***@host`; `password=secret` in a
  /// libpq string becomes `password=***`.
  static func maskingPassword(in url: String) -> String {
    if let schemeEnd = url.range(of: "://"),
      let at = url[schemeEnd.upperBound...].firstIndex(of: "@"),
      let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":")
    {
      return url[..<url.index(after: colon)] + "***" + url[at...]
    }
    return url.replacingOccurrences(
      of: #"password\s*=\s*('[^']*'|\S+)"#, with: "password=***", options: .regularExpression)
  }
}
