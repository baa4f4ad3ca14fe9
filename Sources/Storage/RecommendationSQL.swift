import Foundation

/// A statement parameter, in the types both stores bind.
enum SQLParameter: Sendable, Equatable {
  /// A text value (`NULL` when `nil`).
  case text(String?)
  /// A 64-bit integer.
  case integer(Int64)
  /// Bytes stored as they are (SQLite `BLOB`, PostgreSQL `bytea`).
  case bytes(Data)
}

/// A parameterised statement: SQL text with placeholders and the values bound to them.
struct ParameterisedSQL: Sendable {
  /// The SQL text.
  var sql: String
  /// The values, in placeholder order.
  var parameters: [SQLParameter]
}

/// The SQL both stores share, written once so that filters, ordering and retention behave
/// identically; only the placeholder spelling differs (`?` for SQLite, `$n` for PostgreSQL).
struct RecommendationSQL: Sendable {
  /// How a store spells its placeholders.
  enum PlaceholderStyle: Sendable {
    /// SQLite's `?`.
    case questionMark
    /// PostgreSQL's `$1`, `$2`, ...
    case numbered
  }

  /// The table name in both stores.
  static let table = "recommendation"

  /// The selected columns, in the order ``StoredRecommendation`` decoders expect.
  static let columns =
    "id, created_at_us, client_id, idempotency_key, request_digest, recommended_option, "
    + "region, request, response"

  /// The placeholder spelling of the store using this builder.
  let style: PlaceholderStyle

  /// Builds SQL text with parameters appended in order.
  private struct Builder {
    let style: PlaceholderStyle
    var parameters: [SQLParameter] = []

    mutating func bind(_ parameter: SQLParameter) -> String {
      parameters.append(parameter)
      return style == .questionMark ? "?" : "$\(parameters.count)"
    }

    mutating func scopeCondition(_ scope: ClientScope) -> String? {
      switch scope {
      case .everyone: nil
      case .client(nil): "client_id IS NULL"
      case .client(let clientID?): "client_id = \(bind(.text(clientID)))"
      }
    }
  }

  /// Selects the record with an identifier, if visible in `scope`.
  func selectByID(_ id: String, scope: ClientScope) -> ParameterisedSQL {
    var builder = Builder(style: style)
    var conditions = ["id = \(builder.bind(.text(id)))"]
    if let scoped = builder.scopeCondition(scope) { conditions.append(scoped) }
    let sql =
      "SELECT \(Self.columns) FROM \(Self.table) WHERE \(conditions.joined(separator: " AND "))"
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Selects the record holding an idempotency key for a client.
  func selectByIdempotencyKey(_ key: String, clientID: String?) -> ParameterisedSQL {
    var builder = Builder(style: style)
    let sql = """
      SELECT \(Self.columns) FROM \(Self.table) \
      WHERE coalesce(client_id, '') = \(builder.bind(.text(clientID ?? ""))) \
      AND idempotency_key = \(builder.bind(.text(key)))
      """
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Deletes the record with an identifier, if visible in `scope`.
  func deleteByID(_ id: String, scope: ClientScope) -> ParameterisedSQL {
    var builder = Builder(style: style)
    var conditions = ["id = \(builder.bind(.text(id)))"]
    if let scoped = builder.scopeCondition(scope) { conditions.append(scoped) }
    let sql = "DELETE FROM \(Self.table) WHERE \(conditions.joined(separator: " AND "))"
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Selects up to `fetchLimit` records of a list page, newest first, after `cursor`.
  func selectPage(
    _ query: RecommendationListQuery, after cursor: PageCursor?, fetchLimit: Int
  ) -> ParameterisedSQL {
    var builder = Builder(style: style)
    var conditions: [String] = []
    if let scoped = builder.scopeCondition(query.scope) { conditions.append(scoped) }
    if let option = query.option {
      conditions.append("recommended_option = \(builder.bind(.text(option)))")
    }
    if let region = query.region {
      conditions.append("region = \(builder.bind(.text(region)))")
    }
    if let since = query.since {
      let micros = MicrosecondTimestamp(since).microsecondsSinceEpoch
      // `since` truncated down keeps every record created at or after it.
      conditions.append("created_at_us >= \(builder.bind(.integer(micros)))")
    }
    if let cursor {
      let micros = builder.bind(.integer(cursor.createdAt.microsecondsSinceEpoch))
      conditions.append("(created_at_us, id) < (\(micros), \(builder.bind(.text(cursor.id))))")
    }
    let whereClause =
      conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    let sql = """
      SELECT \(Self.columns) FROM \(Self.table)\(whereClause) \
      ORDER BY created_at_us DESC, id DESC LIMIT \(builder.bind(.integer(Int64(fetchLimit))))
      """
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Selects the position of the newest record that falls outside the newest `keep` records.
  func selectFirstPositionBeyond(keep: Int) -> ParameterisedSQL {
    var builder = Builder(style: style)
    let sql = """
      SELECT created_at_us, id FROM \(Self.table) ORDER BY created_at_us DESC, id DESC \
      LIMIT 1 OFFSET \(builder.bind(.integer(Int64(keep))))
      """
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Deletes at most `batchSize` of the oldest records created before `cutoff`.
  func deleteBatch(createdBefore cutoff: MicrosecondTimestamp, batchSize: Int)
    -> ParameterisedSQL
  {
    var builder = Builder(style: style)
    let sql = """
      DELETE FROM \(Self.table) WHERE id IN (SELECT id FROM \(Self.table) \
      WHERE created_at_us < \(builder.bind(.integer(cutoff.microsecondsSinceEpoch))) \
      ORDER BY created_at_us, id LIMIT \(builder.bind(.integer(Int64(batchSize)))))
      """
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Deletes at most `batchSize` of the oldest records at or before `position`.
  func deleteBatch(atOrBefore position: PageCursor, batchSize: Int) -> ParameterisedSQL {
    var builder = Builder(style: style)
    let micros = builder.bind(.integer(position.createdAt.microsecondsSinceEpoch))
    let id = builder.bind(.text(position.id))
    let sql = """
      DELETE FROM \(Self.table) WHERE id IN (SELECT id FROM \(Self.table) \
      WHERE (created_at_us, id) <= (\(micros), \(id)) \
      ORDER BY created_at_us, id LIMIT \(builder.bind(.integer(Int64(batchSize)))))
      """
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Inserts many normalised records in one statement, without idempotency checks.
  func insertMany(_ records: [StoredRecommendation]) -> ParameterisedSQL {
    var builder = Builder(style: style)
    let rows = records.map { record in
      let values = [
        SQLParameter.text(record.id),
        .integer(MicrosecondTimestamp(record.createdAt).microsecondsSinceEpoch),
        .text(record.clientID), .text(record.idempotencyKey), .text(record.requestDigest),
        .text(record.recommendedOption), .text(record.region), .bytes(record.request),
        .bytes(record.response),
      ].map { builder.bind($0) }
      return "(" + values.joined(separator: ", ") + ")"
    }
    let sql =
      "INSERT INTO \(Self.table) (\(Self.columns)) VALUES " + rows.joined(separator: ", ")
    return ParameterisedSQL(sql: sql, parameters: builder.parameters)
  }

  /// Inserts a normalised record; with `skippingConflicts`, a row that would break a unique
  /// constraint is skipped instead (PostgreSQL's race-free idempotent insert) and the inserted
  /// identifier is returned.
  func insert(_ record: StoredRecommendation, skippingConflicts: Bool) -> ParameterisedSQL {
    let single = insertMany([record])
    let onConflict = skippingConflicts ? " ON CONFLICT DO NOTHING RETURNING id" : ""
    return ParameterisedSQL(sql: single.sql + onConflict, parameters: single.parameters)
  }
}
