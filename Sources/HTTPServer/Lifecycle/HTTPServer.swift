import Dispatch
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An HTTP/1.1 and HTTP/2 server on POSIX sockets and Dispatch, optionally over TLS
/// (OpenSSL); HTTP/2 through nghttp2.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(host: "0.0.0.0", port: 8080),
///                         responder: router.buildResponder(), logger: logger)
/// server.installSignalHandlers()   // SIGTERM/SIGINT: graceful shutdown; SIGHUP: reload TLS
/// try await server.run()           // returns once shut down
/// ```
public final class HTTPServer: Sendable {
  private enum Lifecycle {
    case idle
    case starting
    case running(Listener)
    case draining
    case stopped
  }

  private struct State {
    var lifecycle = Lifecycle.idle
    var port: Int?
    var connections: [Int: Connection] = [:]
    var connectionHosts: [Int: String] = [:]
    var perAddress = AddressConnectionCounter()
    var nextConnectionID = 0
    var stoppedWaiters: [CheckedContinuation<Void, Never>] = []
    var signalSources: [any DispatchSourceSignal] = []
    var tlsContexts: TLSContextStore?
  }

  /// The configuration the server was created with.
  public let configuration: HTTPServerConfiguration
  private let logger: Logger
  private let dispatcher: RequestDispatcher
  private let state = LockedValue(State())
  private let eventLoops: [EventLoop]

  /// Creates a server; nothing is bound until `start()` or `run()`.
  public init(
    configuration: HTTPServerConfiguration, responder: any HTTPResponder,
    logger: Logger = Logger(label: "HTTPServer")
  ) {
    self.configuration = configuration
    self.logger = logger
    self.dispatcher = RequestDispatcher(
      responder: responder, logger: logger, accessLog: configuration.accessLog,
      requestIDHeader: configuration.requestIDHeader)
    self.eventLoops = (0..<max(1, configuration.eventLoopCount)).map(EventLoop.init(index:))
  }

  /// The bound port once started (the actual one when configured with port 0), else nil.
  public var port: Int? { state.withLock { $0.port } }

  /// The number of open connections.
  public var connectionCount: Int { state.withLock { $0.connections.count } }

  /// Loads the TLS certificate if configured, binds, listens and starts accepting. Throws a
  /// `TLSError` or a `SocketError`. Calling it again, or after shutdown, does nothing.
  public func start() throws {
    let shouldStart = state.withLock { state -> Bool in
      guard case .idle = state.lifecycle else { return false }
      state.lifecycle = .starting
      return true
    }
    guard shouldStart else { return }
    signal(SIGPIPE, SIG_IGN)
    let bound: (descriptor: Int32, port: Int)
    do {
      if let tls = configuration.tls {
        let contexts = try TLSContextStore(tls, offerHTTP2: configuration.http2.enabled)
        state.withLock { $0.tlsContexts = contexts }
      }
      bound = try ListeningSocket.open(
        host: configuration.host, port: configuration.port, backlog: configuration.backlog,
        reusePort: configuration.reusePort)
    } catch {
      state.withLock { $0.lifecycle = .idle }
      throw error
    }
    let listener = Listener(
      descriptor: bound.descriptor, logger: logger,
      hasCapacity: { [weak self] in
        guard let self else { return false }
        return self.state.withLock { $0.connections.count < self.configuration.maxConnections }
      },
      admit: { [weak self] descriptor, remoteAddress in
        self?.admit(descriptor, remoteAddress: remoteAddress) ?? false
      })
    let stillStarting = state.withLock { state -> Bool in
      guard case .starting = state.lifecycle else { return false }
      state.lifecycle = .running(listener)
      state.port = bound.port
      return true
    }
    guard stillStarting else {
      listener.stop()  // shut down while binding
      return
    }
    logger.info(
      "listening", metadata: ["host": .string(configuration.host), "port": "\(bound.port)"])
  }

  /// Starts if needed and returns once the server has shut down gracefully.
  public func run() async throws {
    try start()
    await waitUntilStopped()
  }

  /// Stops accepting, lets requests in flight finish and closes idle connections; after
  /// `drainTimeout` (default: the configured drain timeout) closes whatever remains.
  /// Returns once every connection is closed.
  public func shutdown(drainTimeout: Duration? = nil) async {
    let toDrain = state.withLock { state -> (Listener?, [Connection])? in
      switch state.lifecycle {
      case .idle, .starting:
        state.lifecycle = .stopped
        return (nil, [])
      case .running(let listener):
        state.lifecycle = .draining
        return (listener, Array(state.connections.values))
      case .draining, .stopped:
        return nil
      }
    }
    if let (listener, connections) = toDrain {
      listener?.stop()
      logger.info("shutting down", metadata: ["connections": "\(connections.count)"])
      for connection in connections { connection.beginShutdown() }
      let timeout = drainTimeout ?? configuration.timeouts.drain
      DispatchQueue.global().asyncAfter(deadline: .now() + Self.interval(timeout)) {
        [weak self] in self?.forceCloseRemaining()
      }
      finishIfDrained()
    }
    await waitUntilStopped()
  }

  /// Loads the TLS certificate and key again from their paths, for connections accepted
  /// from now on; open connections keep theirs. On failure the current ones stay in use.
  /// Does nothing without TLS or before `start()`.
  public func reloadTLSCertificate() throws(TLSError) {
    try state.withLock { $0.tlsContexts }?.reload()
  }

  /// Installs handlers for `signals` (SIGTERM and SIGINT by default) that start a graceful
  /// shutdown, so `run()` returns and the process can exit 0, and one for SIGHUP that
  /// reloads the TLS certificate. Their default actions (killing the process) are disabled.
  public func installSignalHandlers(_ signals: [Int32] = [SIGTERM, SIGINT]) {
    signal(SIGHUP, SIG_IGN)
    let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    reload.setEventHandler { [weak self] in
      guard let self else { return }
      do {
        try self.reloadTLSCertificate()
        self.logger.info("TLS certificate reloaded (SIGHUP)")
      } catch {
        self.logger.error("TLS certificate reload failed", metadata: ["error": "\(error)"])
      }
    }
    reload.resume()
    state.withLock { $0.signalSources.append(reload) }
    let sources = signals.map { number -> any DispatchSourceSignal in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in
        guard let self else { return }
        self.logger.info("signal received", metadata: ["signal": "\(number)"])
        Task { await self.shutdown() }
      }
      source.resume()
      return source
    }
    state.withLock { $0.signalSources.append(contentsOf: sources) }
  }

  // MARK: Connections

  private func admit(_ descriptor: Int32, remoteAddress: String?) -> Bool {
    let host = remoteAddress.map(AddressConnectionCounter.host(of:))
    var refusedAlone = false
    let connection = state.withLock { state -> Connection? in
      guard case .running = state.lifecycle,
        state.connections.count < configuration.maxConnections
      else { return nil }
      var tls: TLSSession?
      if let contexts = state.tlsContexts {
        guard let session = contexts.context.makeSession(descriptor: descriptor) else {
          refusedAlone = true  // no TLS session for this one; the server is not at capacity
          return nil
        }
        tls = session
      }
      if let limit = configuration.maxConnectionsPerAddress, let host {
        guard state.perAddress.admit(host, limit: limit) else {
          refusedAlone = true
          return nil
        }
        state.connectionHosts[state.nextConnectionID + 1] = host
      }
      state.nextConnectionID += 1
      let connection = Connection(
        id: state.nextConnectionID, descriptor: descriptor, tls: tls,
        remoteAddress: remoteAddress,
        configuration: configuration, dispatcher: dispatcher,
        eventLoop: eventLoops[state.nextConnectionID % eventLoops.count],
        onClose: { [weak self] id in self?.connectionClosed(id) })
      state.connections[connection.id] = connection
      return connection
    }
    if refusedAlone {
      // Only this peer is refused (over its address's cap, or no TLS session could be made
      // for it): close it alone and keep accepting others.
      logger.debug("connection refused", metadata: ["remote": "\(host ?? "")"])
      Glibc.close(descriptor)
      return true
    }
    connection?.start()
    return connection != nil
  }

  private func connectionClosed(_ id: Int) {
    let listener = state.withLock { state -> Listener? in
      state.connections[id] = nil
      if let host = state.connectionHosts.removeValue(forKey: id) { state.perAddress.release(host) }
      if case .running(let listener) = state.lifecycle { return listener }
      return nil
    }
    listener?.capacityFreed()
    finishIfDrained()
  }

  private func forceCloseRemaining() {
    let remaining = state.withLock { Array($0.connections.values) }
    if !remaining.isEmpty {
      logger.warning(
        "drain timeout: closing connections", metadata: ["count": "\(remaining.count)"])
    }
    for connection in remaining { connection.forceClose() }
  }

  private func finishIfDrained() {
    let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
      guard case .draining = state.lifecycle, state.connections.isEmpty else { return [] }
      state.lifecycle = .stopped
      for source in state.signalSources { source.cancel() }
      state.signalSources = []
      defer { state.stoppedWaiters = [] }
      return state.stoppedWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  private func waitUntilStopped() async {
    await withCheckedContinuation { continuation in
      let stopped = state.withLock { state -> Bool in
        if case .stopped = state.lifecycle { return true }
        state.stoppedWaiters.append(continuation)
        return false
      }
      if stopped { continuation.resume() }
    }
  }

  private static func interval(_ duration: Duration) -> DispatchTimeInterval {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(Int(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
  }
}
