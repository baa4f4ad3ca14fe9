#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// HTTP/2 on a connection: after the cleartext preface or ALPN `h2`, an nghttp2 session
/// takes the bytes. Everything runs on the connection's queue; handlers run on the
/// concurrency runtime and hop back to the queue with their responses.
extension Connection {
  /// Stop pulling frames from nghttp2 while this much output waits for the socket.
  private static let http2OutputHighWater = 262_144

  /// Switches to HTTP/2, feeding it what was already received (the preface onwards).
  func startHTTP2() {
    guard
      let session = HTTP2Session(
        configuration: configuration, remoteAddress: remoteAddress,
        strictTransportSecurity: strictTransportSecurity)
    else { return close() }
    http2 = session
    phase = .http2
    session.onRequest = { [unowned self] streamID, request in dispatchHTTP2(streamID, request) }
    timer?.set(.idle, after: configuration.timeouts.idle)
    feedHTTP2()
  }

  /// The socket is readable.
  func readHTTP2() {
    let result = stream.receive(into: input)
    if result == 0 || (result < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return close()
    }
    if result > 0 { feedHTTP2() }
  }

  /// Graceful shutdown: GOAWAY, answer open streams, then close.
  func shutDownHTTP2() {
    http2?.shutdownGracefully()
    pumpHTTP2()
  }

  /// Sends what nghttp2 has to send, as far as the socket takes it; closes once the session
  /// is over and its last bytes are out.
  func pumpHTTP2() {
    guard case .http2 = phase, let session = http2 else { return }
    while true {
      if output.isEmpty, let bytes = session.nextOutput(limit: Self.http2OutputHighWater) {
        output.enqueue([bytes])
      }
      if output.isEmpty { break }
      var madeProgress = false
      switch stream.flush(&output, madeProgress: &madeProgress) {
      case .drained:
        continue
      case .wouldBlock:
        armWriteSource()
        if madeProgress || timer?.purpose != .writeStall {
          timer?.set(.writeStall, after: configuration.timeouts.writeStall)
        }
        return
      case .failed:
        return close()
      }
    }
    disarmWriteSource()
    if session.isFinished { return close() }
    if timer?.purpose == .writeStall { timer?.set(.idle, after: configuration.timeouts.idle) }
  }

  /// Sends after the responses already queued behind this one are submitted too, so a
  /// burst of responses leaves in one write rather than one each.
  private func schedulePumpHTTP2() {
    guard !http2PumpScheduled else { return }
    http2PumpScheduled = true
    queue.async { [self] in
      http2PumpScheduled = false
      pumpHTTP2()
    }
  }

  /// Idle with no open stream: GOAWAY and close; otherwise wait on. A stalled write closes.
  func http2TimerExpired(_ purpose: ConnectionTimer.Purpose) {
    guard purpose != .writeStall, let session = http2 else { return close() }
    if session.hasOpenStreams {
      timer?.set(.idle, after: configuration.timeouts.idle)
    } else {
      shutDownHTTP2()
    }
  }

  private func feedHTTP2() {
    guard let session = http2 else { return }
    let accepted = input.withReadableBytes { session.receive($0) }
    input.consume(input.readableCount)
    if timer?.purpose == .idle { timer?.set(.idle, after: configuration.timeouts.idle) }
    pumpHTTP2()
    if !accepted, case .http2 = phase, output.isEmpty { close() }
  }

  private func dispatchHTTP2(_ streamID: Int32, _ request: HTTPRequest) {
    let dispatcher = self.dispatcher
    Task(executorPreference: handlerExecutor) { [self] in
      let started = ContinuousClock.now
      let response = await dispatcher.respond(to: request)
      queue.async { [self] in
        guard case .http2 = phase, let session = http2 else { return }
        session.respond(streamID: streamID, response: response, method: request.method)
        schedulePumpHTTP2()
      }
      dispatcher.logAccess(request, response: response, duration: ContinuousClock.now - started)
    }
  }
}
