import Foundation
import GRDB

extension SQLParameter {
  /// The GRDB value bound for this parameter.
  var databaseValue: DatabaseValue {
    switch self {
    case .text(let text): text.databaseValue
    case .integer(let integer): integer.databaseValue
    case .bytes(let bytes): bytes.databaseValue
    }
  }
}

extension ParameterisedSQL {
  /// The parameters as GRDB statement arguments.
  var arguments: StatementArguments {
    StatementArguments(parameters.map(\.databaseValue))
  }
}

extension Database {
  /// The first row of a statement, compiled once per connection and then reused.
  func fetchRow(_ statement: ParameterisedSQL) throws -> Row? {
    try Row.fetchOne(cachedStatement(sql: statement.sql), arguments: statement.arguments)
  }

  /// Every row of a statement, compiled once per connection and then reused.
  func fetchRows(_ statement: ParameterisedSQL) throws -> [Row] {
    try Row.fetchAll(cachedStatement(sql: statement.sql), arguments: statement.arguments)
  }

  /// Runs a statement, compiled once per connection and then reused.
  func run(_ statement: ParameterisedSQL) throws {
    try cachedStatement(sql: statement.sql).execute(arguments: statement.arguments)
  }
}

extension StoredRecommendation {
  /// Decodes a row selected with ``RecommendationSQL/columns``.
  init(sqliteRow row: Row) {
    self.init(
      id: row[0],
      createdAt: MicrosecondTimestamp(microsecondsSinceEpoch: row[1]).date,
      clientID: row[2],
      idempotencyKey: row[3],
      requestDigest: row[4],
      recommendedOption: row[5],
      region: row[6],
      request: row[7],
      response: row[8])
  }
}

/// Runs `operation`, translating GRDB errors into ``StoreError``: lock, I/O and disk failures
/// become ``StoreError/unavailable(_:)``, anything else ``StoreError/unexpected(_:)``.
/// Runs on the caller's actor, if any, so that the operation may use its state.
func translatingSQLiteErrors<Result>(
  isolation: isolated (any Actor)? = #isolation, _ operation: () async throws -> Result
) async throws -> Result {
  do {
    return try await operation()
  } catch let error as DatabaseError {
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_FULL, .SQLITE_IOERR,
      .SQLITE_READONLY, .SQLITE_MISUSE:
      throw StoreError.unavailable("SQLite: \(error)")
    default:
      throw StoreError.unexpected("SQLite: \(error)")
    }
  }
}
