/// A fixed-size pool of ``PostgresConnection``s, opened lazily and lent to one task at a time.
///
/// Tasks beyond the pool size wait in FIFO order. Connections that failed are handed out
/// again and reset by their next borrower, so a server restart costs one reset per connection;
/// a connection that cannot be opened passes its slot to the next waiter, so no waiter is
/// stranded while the server is down.
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
  /// Tasks waiting for a connection; resumed with one, or with `nil` to open one themselves.
  private var waiters: [CheckedContinuation<PostgresConnection?, any Error>] = []
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
    } else if let returned = try await withCheckedThrowingContinuation({ waiters.append($0) }) {
      return returned
    }
    // This task holds a slot (its own, or one handed over by a failed connection attempt).
    do {
      return try await PostgresConnection.connect(
        conninfo: settings.conninfo, connectTimeoutSeconds: settings.connectTimeoutSeconds,
        sessionSetup: settings.sessionSetup, label: "compute-advisor.postgres")
    } catch {
      releaseSlot()
      throw error
    }
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

  /// Gives the slot of a connection that could not be opened to the next waiter, which then
  /// tries to open one itself; without waiters the slot is freed.
  private func releaseSlot() {
    if !waiters.isEmpty {
      waiters.removeFirst().resume(returning: nil)
    } else {
      openCount -= 1
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
