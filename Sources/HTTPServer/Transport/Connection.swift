import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One accepted TCP connection speaking HTTP/1.1 or HTTP/2 (see Connection+HTTP2), in
/// cleartext or over TLS.
///
/// A serial queue owns everything here: the descriptor's read and write sources, the input
/// buffer, the parser, the output queue and the timer. Requests are answered one at a time
/// in arrival order (pipelined ones wait in the buffer); the handler runs as a task on the
/// event loop (or the global executor) and writes its response itself when the queue has
/// nothing else to do with it (see `ResponseHandoff`), else hands it back to the queue. The
/// descriptor is closed only in the sources' cancel handlers.
final class Connection: @unchecked Sendable {
  /// Where the connection is in its request cycle.
  enum Phase {
    /// Completing the TLS handshake.
    case handshaking
    /// Reading a request (or waiting for one).
    case reading
    /// A handler is producing the response.
    case handling
    /// The response is being written; then read the next request or close.
    case writing(then: AfterWrite)
    /// An error response was sent and the write side shut; discarding input until close.
    case lingering
    /// Speaking HTTP/2: the nghttp2 session owns the request cycle.
    case http2
    /// Closed; every event is ignored.
    case closed
  }

  /// What follows a written response.
  enum AfterWrite {
    /// Read the next request.
    case keepReading
    /// Close; with `linger`, first discard input for a while (see `beginLingeringClose`).
    case close(linger: Bool)
  }

  /// Stop reading while this many unparsed bytes wait behind a request being answered.
  private static let pausedReadThreshold = 65_536
  /// How long input is discarded after an error response before closing.
  private static let lingerTimeout = Duration.seconds(2)

  let id: Int
  let descriptor: Int32
  let stream: ConnectionStream
  /// The `Strict-Transport-Security` value added to responses over TLS.
  let strictTransportSecurity: String?
  let remoteAddress: String?
  let queue: DispatchQueue
  let configuration: HTTPServerConfiguration
  let dispatcher: RequestDispatcher
  /// The executor handler tasks prefer: the event loop, or nil for the global executor.
  let handlerExecutor: (any TaskExecutor)?
  private let onClose: @Sendable (Int) -> Void

  private var readSource: (any DispatchSourceRead)?
  var writeSource: (any DispatchSourceWrite)?
  var timer: ConnectionTimer?
  let input = ReadBuffer()
  private var parser: RequestParser
  var output = OutboundQueue()
  /// The HTTP/2 session once the connection speaks HTTP/2.
  var http2: HTTP2Session?
  /// Whether an HTTP/2 send is already queued behind the responses arriving now.
  var http2PumpScheduled = false
  private let handoff = ResponseHandoff()
  var phase: Phase
  private var readingPaused = false
  var writeArmed = false
  private var peerClosed = false
  private var shuttingDown = false
  private var requestsStarted = 0
  var openSources = 0

  /// Creates a connection for an accepted, non-blocking descriptor (with `tls`, a session
  /// over it that still has to shake hands); call `start()` next. Its queue targets
  /// `eventLoop`'s, a serial queue shared by many connections, so a busy server drains many
  /// connections' events per thread wake-up; handlers run there too unless the
  /// configuration says otherwise.
  init(
    id: Int, descriptor: Int32, tls: TLSSession?, remoteAddress: String?,
    configuration: HTTPServerConfiguration, dispatcher: RequestDispatcher,
    eventLoop: EventLoop, onClose: @escaping @Sendable (Int) -> Void
  ) {
    self.id = id
    self.descriptor = descriptor
    self.stream = ConnectionStream(descriptor: descriptor, tls: tls)
    self.phase = tls == nil ? .reading : .handshaking
    self.strictTransportSecurity =
      tls == nil
      ? nil : configuration.tls?.strictTransportSecurityMaxAge.map { "max-age=\($0)" }
    self.remoteAddress = remoteAddress
    self.configuration = configuration
    self.dispatcher = dispatcher
    self.onClose = onClose
    self.parser = RequestParser(limits: configuration.parserLimits)
    self.queue = DispatchQueue(label: "http.connection", target: eventLoop.queue)
    self.handlerExecutor =
      configuration.handlerExecution == .eventLoop ? eventLoop : nil
  }

  /// Starts reading, with the header timer (or the TLS handshake timer) running from now.
  /// Does nothing if the connection was closed first (shutdown raced with the accept): its
  /// descriptor is closed already and its number may belong to another connection.
  func start() {
    queue.async { [self] in
      if case .closed = phase { return }
      let timer = ConnectionTimer(queue: queue) { [weak self] in self?.timerExpired($0) }
      self.timer = timer
      if case .handshaking = phase, let handshakeTimeout = configuration.tls?.handshakeTimeout {
        timer.set(.header, after: handshakeTimeout)
      } else {
        timer.set(.header, after: configuration.timeouts.header)
      }
      let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
      source.setEventHandler { [weak self] in self?.readable() }
      source.setCancelHandler { [self] in sourceCancelled() }
      openSources += 1
      readSource = source
      source.resume()
    }
  }

  /// Graceful shutdown: close now if idle, otherwise answer the request in progress with
  /// `Connection: close` and close after it.
  func beginShutdown() {
    handoff.noteShutdown()
    queue.async { [self] in
      shuttingDown = true
      if case .handling = phase, handoff.markShuttingDown() { takeOverWrittenResponse() }
      if case .reading = phase, input.readableCount == 0, !parser.isReadingBody { close() }
      if case .http2 = phase { shutDownHTTP2() }
    }
  }

  /// Closes at once, whatever is in progress (drain timeout expired).
  func forceClose() {
    queue.async { [self] in close() }
  }

  // MARK: Reading

  func readable() {
    switch phase {
    case .closed:
      return
    case .handshaking:
      continueHandshake()
      return
    case .http2:
      readHTTP2()
      return
    case .lingering:
      let result = input.read(from: descriptor)
      input.consume(input.readableCount)
      if result == 0 || (result < 0 && errno != EAGAIN && errno != EINTR) { close() }
      return
    case .reading, .handling, .writing:
      break
    }
    let wasEmpty = input.readableCount == 0
    let result = stream.receive(into: input)
    if result < 0 {
      if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { close() }
      return
    }
    if case .handling = phase, handoff.noteInput() { takeOverWrittenResponse() }
    if result == 0 {
      peerClosed = true
      if case .reading = phase {
        close()
      } else {
        pauseReading()
      }
      return
    }
    guard case .reading = phase else {
      if input.readableCount >= Self.pausedReadThreshold { pauseReading() }
      return
    }
    if wasEmpty, !parser.isReadingBody, timer?.purpose == .idle {
      timer?.set(.header, after: configuration.timeouts.header)
    }
    if requestsStarted == 0, configuration.http2.enabled {
      switch input.withReadableBytes(HTTP2Preface.match) {
      case .complete: return startHTTP2()
      case .partial: return
      case .mismatch: break
      }
    }
    parseBufferedInput()
  }

  /// Parses what the buffer holds until a request is complete, more bytes are needed, or
  /// the input is invalid.
  func parseBufferedInput() {
    while case .reading = phase {
      var consumed = 0
      let event = input.withReadableBytes { parser.next($0, consumed: &consumed) }
      input.consume(consumed)
      switch event {
      case .needMoreData:
        if consumed > 0 && input.readableCount > 0 { continue }
        if parser.isReadingBody, timer?.purpose == .header {
          timer?.set(.body, after: configuration.timeouts.body)
        }
        if peerClosed { close() }
        return
      case .continueExpected:
        write([ResponseSerializer.continueResponse])
      case .request(let parsed):
        dispatch(parsed)
      case .failure(let error):
        answerErrorAndClose(ProblemDetails(status: error.status, detail: error.detail))
      }
    }
  }

  private func pauseReading() {
    guard !readingPaused, let readSource else { return }
    readingPaused = true
    readSource.suspend()
  }

  func resumeReading() {
    guard readingPaused, let readSource else { return }
    readingPaused = false
    readSource.resume()
  }

  // MARK: Answering

  private func dispatch(_ parsed: RequestParser.ParsedRequest) {
    phase = .handling
    // Guards the connection after a response the handler's task writes itself (see
    // ResponseHandoff); while the handler still runs, expiry just re-arms it.
    timer?.set(.idle, after: configuration.timeouts.idle)
    requestsStarted += 1
    var received = parsed.request
    received.remoteAddress = remoteAddress
    let request = received
    let keepAlive =
      parsed.keepAlive && requestsStarted < configuration.limits.maxRequestsPerConnection
    if input.readableCount >= Self.pausedReadThreshold { pauseReading() }
    handoff.beginResponse(inputPending: input.readableCount > 0 || peerClosed)
    let dispatcher = self.dispatcher
    let serverName = configuration.serverName
    Task(executorPreference: handlerExecutor) { [self] in
      let started = ContinuousClock.now
      let response = await dispatcher.respond(to: request)
      let persist = keepAlive && !ResponseSerializer.requestsClose(response)
      // Over TLS only the queue may touch the session, so responses always hop back to it.
      let outcome =
        persist && !stream.isTLS
        ? handoff.tryWrite(
          ResponseSerializer.serialize(
            response, requestMethod: request.method, requestVersion: request.version,
            keepAlive: true, serverName: serverName),
          to: descriptor)
        : .needsQueue
      switch outcome {
      case .written, .connectionClosed:
        break
      case .needsQueue:
        queue.async { [self] in
          respond(
            with: response, method: request.method, version: request.version,
            keepAlive: persist)
        }
      case .partiallyWritten(let remaining):
        queue.async { [self] in
          guard case .handling = phase else { return }
          phase = .writing(then: .keepReading)
          write(remaining)
        }
      case .failed:
        queue.async { [self] in close() }
      }
      dispatcher.logAccess(request, response: response, duration: ContinuousClock.now - started)
    }
  }

  /// The handler's task wrote the response itself: continue as after any written response.
  private func takeOverWrittenResponse() {
    phase = .writing(then: .keepReading)
    outputDrained()
  }

  private func respond(
    with response: HTTPResponse, method: HTTPMethod, version: HTTPVersion, keepAlive: Bool
  ) {
    guard case .handling = phase else { return }
    let persist = keepAlive && !shuttingDown && !handoff.isShuttingDown && !peerClosed
    // Input already buffered behind the last request would be unread at close: linger.
    phase = .writing(then: persist ? .keepReading : .close(linger: input.readableCount > 0))
    write(
      ResponseSerializer.serialize(
        withTransportHeaders(response), requestMethod: method, requestVersion: version,
        keepAlive: persist, serverName: configuration.serverName))
  }

  /// Sends an error answer with `Connection: close`, then closes once it is written.
  private func answerErrorAndClose(_ problem: ProblemDetails) {
    pauseReading()
    phase = .writing(then: .close(linger: true))
    write(
      ResponseSerializer.serialize(
        withTransportHeaders(configuration.serverErrorRenderer(problem)),
        requestMethod: .get,
        requestVersion: .http11, keepAlive: false, serverName: configuration.serverName))
  }

  // MARK: Closing

  /// After an error answer: stop sending, keep reading briefly so unread input does not
  /// turn the close into a reset that could destroy the answer, then close.
  func beginLingeringClose() {
    phase = .lingering
    stream.shutdownOutput()
    input.consume(input.readableCount)
    timer?.set(.linger, after: Self.lingerTimeout)
    resumeReading()
  }

  private func timerExpired(_ purpose: ConnectionTimer.Purpose) {
    if case .http2 = phase { return http2TimerExpired(purpose) }
    if case .handling = phase {
      guard handoff.takeOverWrittenResponse() else {
        timer?.set(.idle, after: configuration.timeouts.idle)  // the handler is still running
        return
      }
      takeOverWrittenResponse()
    }
    switch purpose {
    case .header where input.readableCount > 0, .body:
      answerErrorAndClose(
        ProblemDetails(status: .requestTimeout, detail: "The request was not received in time."))
    case .header, .idle, .writeStall, .linger:
      close()
    }
  }

  func close() {
    if case .closed = phase { return }
    stream.prepareToClose()
    phase = .closed
    handoff.markClosed()
    timer?.cancel()
    if let readSource {
      if readingPaused { readSource.resume() }
      readSource.cancel()
    }
    if let writeSource {
      if !writeArmed { writeSource.resume() }
      writeSource.cancel()
    }
    if openSources == 0 { Glibc.close(descriptor) }
    onClose(id)
  }

  func sourceCancelled() {
    openSources -= 1
    if openSources == 0 { Glibc.close(descriptor) }
  }
}
