import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing on a connection's queue: send at once, queue what the socket does not take, arm
/// the write source only on `EAGAIN` with the write-stall timer running, and once the
/// output is drained go on with what the response was followed by (the next request, a
/// lingering close, or a close).
extension Connection {
  /// Queues `buffers` behind any pending output and sends what the socket takes.
  func write(_ buffers: [[UInt8]]) {
    output.enqueue(buffers)
    flush()
  }

  /// Sends queued output until it drains, the socket is full (wait for the write source), or
  /// the socket fails (close).
  func flush() {
    if case .closed = phase { return }
    if case .handshaking = phase { return continueHandshake() }
    if case .http2 = phase { return pumpHTTP2() }
    var madeProgress = false
    switch stream.flush(&output, madeProgress: &madeProgress) {
    case .drained:
      disarmWriteSource()
      outputDrained()
    case .wouldBlock:
      armWriteSource()
      if madeProgress || timer?.purpose != .writeStall {
        timer?.set(.writeStall, after: configuration.timeouts.writeStall)
      }
    case .failed:
      close()
    }
  }

  /// Everything queued was sent: close, linger, or read the next request.
  func outputDrained() {
    guard case .writing(let next) = phase else { return }
    if case .close(let linger) = next {
      if linger { beginLingeringClose() } else { close() }
      return
    }
    phase = .reading
    input.shrinkIfEmpty()
    if input.readableCount == 0 {
      timer?.set(.idle, after: configuration.timeouts.idle)
    } else {
      timer?.set(.header, after: configuration.timeouts.header)
    }
    resumeReading()
    parseBufferedInput()
  }

  /// Waits for the socket to take more output, creating the write source on first use.
  func armWriteSource() {
    guard !writeArmed else { return }
    writeArmed = true
    if writeSource == nil {
      let source = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
      source.setEventHandler { [weak self] in self?.flush() }
      source.setCancelHandler { [self] in sourceCancelled() }
      openSources += 1
      writeSource = source
    }
    writeSource?.resume()
  }

  /// Stops waiting for the socket to take output.
  func disarmWriteSource() {
    guard writeArmed else { return }
    writeArmed = false
    writeSource?.suspend()
  }
}
