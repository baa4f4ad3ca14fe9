import CLibPQ
import Dispatch
import Foundation

/// One libpq connection, driven from its own serial `DispatchQueue` so that blocking libpq
/// calls never occupy a thread of Swift's cooperative pool.
///
/// Not safe for concurrent use: ``PostgresConnectionPool`` lends it to one task at a time,
/// and every libpq call runs on ``queue``; that discipline is why it is `@unchecked Sendable`.
final class PostgresConnection: @unchecked Sendable {
  /// Type OIDs of the parameters we bind (from `pg_type`).
  private enum TypeOID {
    static let bytea: Oid = 17
    static let int8: Oid = 20
    static let text: Oid = 25
  }

  private let queue: DispatchQueue
  /// The libpq handle; only touched on ``queue``.
  private var handle: OpaquePointer?
  /// Statements run after every (re)connection, such as `SET search_path`.
  private let sessionSetup: [String]
  /// Set when a statement failed because the connection did; cleared by a successful reset.
  private(set) var needsReset = false
  /// Names of the statements prepared in the current session (a reset forgets them).
  private var preparedStatements: [PreparedStatementKey: String] = [:]
  private static let preparedStatementLimit = 64

  /// A statement's text and parameter types: what the server prepared it for.
  private struct PreparedStatementKey: Hashable {
    var sql: String
    var types: [Oid]
  }

  private init(handle: OpaquePointer?, sessionSetup: [String], queue: DispatchQueue) {
    self.handle = handle
    self.sessionSetup = sessionSetup
    self.queue = queue
  }

  /// Connects with a libpq connection string or `postgres://` URI (parsed by libpq), then
  /// runs `sessionSetup`.
  static func connect(
    conninfo: String, connectTimeoutSeconds: Int, sessionSetup: [String], label: String
  ) async throws -> PostgresConnection {
    let queue = DispatchQueue(label: label)
    let connection: PostgresConnection = try await withCheckedThrowingContinuation { done in
      queue.async {
        // Keywords are applied in order: the URI given as `dbname` is expanded after our
        // default timeout, so a `connect_timeout` in the URI wins.
        let keywords = ["connect_timeout", "dbname"]
        let values = [String(connectTimeoutSeconds), conninfo]
        let handle = withCStringArray(keywords) { keywordPointers in
          withCStringArray(values) { valuePointers in
            PQconnectdbParams(keywordPointers, valuePointers, 1)
          }
        }
        let connection = PostgresConnection(
          handle: handle, sessionSetup: sessionSetup, queue: queue)
        do {
          try connection.checkConnectedAndSetUpSession()
          done.resume(returning: connection)
        } catch {
          connection.finishOnQueue()
          done.resume(throwing: error)
        }
      }
    }
    return connection
  }

  /// Runs one parameterised statement (binary parameters and results) and returns its rows.
  func execute(_ statement: ParameterisedSQL) async throws -> PostgresResult {
    try await onQueue { try self.executeOnQueue(statement) }
  }

  /// Re-establishes a failed connection with `PQreset` and runs the session setup again.
  func reset() async throws {
    try await onQueue {
      guard let handle = self.handle else {
        throw PostgresError(
          sqlState: nil, message: "connection closed", isConnectionFailure: true)
      }
      PQreset(handle)
      self.preparedStatements.removeAll()
      try self.checkConnectedAndSetUpSession()
      self.needsReset = false
    }
  }

  /// Closes the connection; further statements fail.
  func close() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      queue.async {
        self.finishOnQueue()
        done.resume()
      }
    }
  }

  private func onQueue<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result)
    async throws -> Result
  {
    try await withCheckedThrowingContinuation { done in
      queue.async { done.resume(with: Swift.Result { try work() }) }
    }
  }

  private func finishOnQueue() {
    if let handle { PQfinish(handle) }
    handle = nil
  }

  private func checkConnectedAndSetUpSession() throws {
    guard let handle, PQstatus(handle) == CONNECTION_OK else {
      needsReset = true
      throw PostgresError(
        sqlState: nil, message: handle.map(Self.errorMessage) ?? "out of memory",
        isConnectionFailure: true)
    }
    for sql in sessionSetup {
      _ = try executeOnQueue(ParameterisedSQL(sql: sql, parameters: []))
    }
  }

  private func executeOnQueue(_ statement: ParameterisedSQL) throws -> PostgresResult {
    guard let handle else {
      throw PostgresError(sqlState: nil, message: "connection closed", isConnectionFailure: true)
    }
    let encoded = statement.parameters.map(Self.encode)
    let types = encoded.map(\.type)
    let lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
    let formats = [Int32](repeating: 1, count: encoded.count)
    // Empty values still need a non-null pointer: give every buffer at least one byte.
    let buffers = encoded.map { $0.bytes.map { $0.isEmpty ? [0] : $0 } }
    let preparedName = try preparedStatementName(for: statement.sql, types: types, on: handle)
    let result = withParameterPointers(buffers) { values in
      if let preparedName {
        PQexecPrepared(handle, preparedName, Int32(encoded.count), values, lengths, formats, 1)
      } else {
        PQexecParams(
          handle, statement.sql, Int32(encoded.count), types, values, lengths, formats, 1)
      }
    }
    defer { PQclear(result) }
    try check(result, on: handle)
    return Self.rows(of: result!)
  }

  /// The server-side prepared statement for `sql`, prepared on first use, so that repeated
  /// statements skip parsing and planning. Statements without parameters (DDL, `BEGIN`,
  /// `SET`) run unprepared, and so does everything once the cache is full.
  private func preparedStatementName(for sql: String, types: [Oid], on handle: OpaquePointer)
    throws -> String?
  {
    guard !types.isEmpty else { return nil }
    let key = PreparedStatementKey(sql: sql, types: types)
    if let name = preparedStatements[key] { return name }
    guard preparedStatements.count < Self.preparedStatementLimit else { return nil }
    let name = "compute_advisor_\(preparedStatements.count)"
    let result = PQprepare(handle, name, sql, Int32(types.count), types)
    defer { PQclear(result) }
    try check(result, on: handle)
    preparedStatements[key] = name
    return name
  }

  /// Throws the server's or libpq's error unless `result` reports success.
  private func check(_ result: OpaquePointer?, on handle: OpaquePointer) throws {
    let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
    guard status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK else { return }
    let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }
      .map { String(cString: $0) }
    let connectionLost = PQstatus(handle) != CONNECTION_OK
    let error = PostgresError(
      sqlState: sqlState,
      message: result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) }
        .flatMap { $0.isEmpty ? nil : $0 } ?? Self.errorMessage(handle),
      isConnectionFailure: connectionLost || PostgresError.isConnectionState(sqlState))
    if error.isConnectionFailure { needsReset = true }
    throw error
  }

  private static func rows(of result: OpaquePointer) -> PostgresResult {
    let rowCount = PQntuples(result)
    let columnCount = PQnfields(result)
    var rows: [[Data?]] = []
    rows.reserveCapacity(Int(rowCount))
    for row in 0..<rowCount {
      var fields: [Data?] = []
      fields.reserveCapacity(Int(columnCount))
      for column in 0..<columnCount {
        if PQgetisnull(result, row, column) != 0 {
          fields.append(nil)
        } else {
          let length = Int(PQgetlength(result, row, column))
          let start = PQgetvalue(result, row, column)!
          fields.append(Data(bytes: start, count: length))
        }
      }
      rows.append(fields)
    }
    return PostgresResult(rows: rows)
  }

  private static func encode(_ parameter: SQLParameter) -> (type: Oid, bytes: [UInt8]?) {
    switch parameter {
    case .text(let text): (TypeOID.text, text.map { Array($0.utf8) })
    case .bytes(let bytes): (TypeOID.bytea, Array(bytes))
    case .integer(let integer):
      (TypeOID.int8, withUnsafeBytes(of: integer.bigEndian) { Array($0) })
    }
  }

  private static func errorMessage(_ handle: OpaquePointer) -> String {
    String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// Calls `body` with NUL-terminated C strings for `strings`, followed by a NULL terminator.
private func withCStringArray<Result>(
  _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
  let duplicates = strings.map { strdup($0) }
  defer { for duplicate in duplicates { free(duplicate) } }
  let pointers = duplicates.map { UnsafePointer($0) } + [nil]
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Calls `body` with one pointer per parameter buffer (NULL for SQL `NULL`).
private func withParameterPointers<Result>(
  _ buffers: [[UInt8]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
) -> Result {
  let allocations: [UnsafeMutablePointer<UInt8>?] = buffers.map { buffer in
    guard let buffer else { return nil }
    let allocation = UnsafeMutablePointer<UInt8>.allocate(capacity: buffer.count)
    allocation.initialize(from: buffer, count: buffer.count)
    return allocation
  }
  defer { for allocation in allocations { allocation?.deallocate() } }
  let pointers: [UnsafePointer<CChar>?] = allocations.map { allocation in
    allocation.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
  }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
