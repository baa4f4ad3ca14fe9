/// A failure reported by libpq or the server, with what the store needs to react to it.
struct PostgresError: Error, Sendable, CustomStringConvertible {
  /// The five-character SQLSTATE, when the server sent one.
  var sqlState: String?
  /// libpq's or the server's message.
  var message: String
  /// Whether the connection itself failed (the statement may or may not have run); the
  /// connection must be reset before reuse.
  var isConnectionFailure: Bool

  /// SQLSTATE `23505`: a unique index refused the row.
  var isUniqueViolation: Bool { sqlState == "23505" }

  /// SQLSTATE classes meaning the session is gone or cannot be opened yet: `08` (connection
  /// exception), `57P01`-`57P03` (server shutting down or starting).
  static func isConnectionState(_ sqlState: String?) -> Bool {
    guard let sqlState else { return false }
    return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
  }

  var description: String {
    sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message
  }
}
