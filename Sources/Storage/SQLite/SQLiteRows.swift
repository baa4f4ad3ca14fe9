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
