import Foundation

/// The rows of a statement run with binary results, copied out of libpq's `PGresult`.
///
/// Binary formats decoded here: `text` (UTF-8 bytes), `bytea` (raw bytes) and `int8`
/// (8 bytes, big-endian).
struct PostgresResult: Sendable {
  /// Each row's fields, `nil` for SQL `NULL`.
  var rows: [[Data?]]

  /// A `text` field (or `nil` for `NULL`).
  func text(row: Int, column: Int) throws -> String? {
    try field(row: row, column: column).map { String(decoding: $0, as: UTF8.self) }
  }

  /// A non-null `text` field.
  func requiredText(row: Int, column: Int) throws -> String {
    guard let value = try text(row: row, column: column) else {
      throw PostgresError(
        sqlState: nil, message: "unexpected NULL in column \(column)", isConnectionFailure: false)
    }
    return value
  }

  /// A non-null `bytea` field.
  func bytes(row: Int, column: Int) throws -> Data {
    guard let value = try field(row: row, column: column) else {
      throw PostgresError(
        sqlState: nil, message: "unexpected NULL in column \(column)", isConnectionFailure: false)
    }
    return value
  }

  /// A non-null `int8` field.
  func int64(row: Int, column: Int) throws -> Int64 {
    guard let value = try field(row: row, column: column), value.count == 8 else {
      throw PostgresError(
        sqlState: nil, message: "column \(column) is not a non-null int8",
        isConnectionFailure: false)
    }
    return value.reduce(Int64(0)) { ($0 << 8) | Int64($1) }
  }

  private func field(row: Int, column: Int) throws -> Data? {
    guard rows.indices.contains(row), rows[row].indices.contains(column) else {
      throw PostgresError(
        sqlState: nil, message: "no field at row \(row), column \(column)",
        isConnectionFailure: false)
    }
    return rows[row][column]
  }
}

extension StoredRecommendation {
  /// Decodes a row selected with ``RecommendationSQL/columns``.
  init(postgresResult result: PostgresResult, row: Int) throws {
    self.init(
      id: try result.requiredText(row: row, column: 0),
      createdAt: MicrosecondTimestamp(
        microsecondsSinceEpoch: try result.int64(row: row, column: 1)
      ).date,
      clientID: try result.text(row: row, column: 2),
      idempotencyKey: try result.text(row: row, column: 3),
      requestDigest: try result.requiredText(row: row, column: 4),
      recommendedOption: try result.text(row: row, column: 5),
      region: try result.requiredText(row: row, column: 6),
      request: try result.bytes(row: row, column: 7),
      response: try result.bytes(row: row, column: 8))
  }

  /// Decodes every row of a result selected with ``RecommendationSQL/columns``.
  static func all(in result: PostgresResult) throws -> [StoredRecommendation] {
    try result.rows.indices.map { try StoredRecommendation(postgresResult: result, row: $0) }
  }
}
