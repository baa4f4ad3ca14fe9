/// A fixed-size pool of ``PostgresConnection``s, opened lazily and lent to one task at a time.
///
/// Tasks beyond the pool size wait in FIFO order. Connections that failed are handed out
/// again and reset by their next borrower, so a server restart costs one reset per connection.
actor PostgresConnectionPool {
  /// How the pool opens connections.
  struct Settings: Sendable {
    /// libpq connection string or `postgres://` URI.
    var conninfo: String
    /// Maximum number of open connections.
    var size: Int
    /// Seconds libpq waits for a connection before failing (unless the URI says otherwise).
    var connectTimeoutSeconds: Int
    /// Statements run on every new or reset connection.
    var sessionSetup: [String]
  }

  private let settings: Settings
  private var idle: [PostgresConnection] = []
  private var openCount = 0
  private var waiters: [CheckedContinuation<PostgresConnection, any Error>] = []
  private var isClosed = false

  /// Creates an empty pool; connections open on first use.
  init(settings: Settings) {
    self.settings = settings
  }

  /// Borrows a connection, opening one if the pool is not full, else waiting for a return.
  func checkOut() async throws -> PostgresConnection {
    guard !isClosed else { throw StoreError.unavailable("PostgreSQL store is closed") }
    if let connection = idle.popLast() { return connection }
    if openCount < settings.size {
      openCount += 1
      do {
        return try await PostgresConnection.connect(
          conninfo: settings.conninfo, connectTimeoutSeconds: settings.connectTimeoutSeconds,
          sessionSetup: settings.sessionSetup,
          label: "compute-advisor.postgres.\(openCount)")
      } catch {
        openCount -= 1
        throw error
      }
    }
    return try await withCheckedThrowingContinuation { waiters.append($0) }
  }

  /// Returns a borrowed connection to the next waiter or to the idle list.
  func checkIn(_ connection: PostgresConnection) async {
    if isClosed {
      openCount -= 1
      await connection.close()
    } else if !waiters.isEmpty {
      waiters.removeFirst().resume(returning: connection)
    } else {
      idle.append(connection)
    }
  }

  /// Closes idle connections, fails waiters, and closes borrowed ones as they come back.
  func close() async {
    guard !isClosed else { return }
    isClosed = true
    for waiter in waiters {
      waiter.resume(throwing: StoreError.unavailable("PostgreSQL store is closed"))
    }
    waiters.removeAll()
    let closing = idle
    idle.removeAll()
    openCount -= closing.count
    for connection in closing { await connection.close() }
  }
}
