/// Lets a handler's task write its response straight to the socket when the connection's
/// queue has nothing else to do with it, saving the thread hop back to the queue on the
/// common path (keep-alive, no pipelined input, the socket takes the whole response).
///
/// While a handler runs, the queue only reads ahead; the socket's output belongs to the
/// handler's task, which writes under this object's lock so the queue can never close the
/// descriptor during a write. A response written this way is "taken over" by the queue when
/// the next input arrives, when the timer fires, or at shutdown. Whenever any condition does
/// not hold, the task hands the response to the queue instead.
final class ResponseHandoff: @unchecked Sendable {
  /// What happened to a response the task tried to write.
  enum Outcome {
    /// Written completely; the queue takes over later.
    case written
    /// Not written: the queue must answer (input arrived, closing, shutting down).
    case needsQueue
    /// Partly written before the socket filled up; the queue sends the rest.
    case partiallyWritten(remaining: [[UInt8]])
    /// The socket failed; the queue must close the connection.
    case failed
    /// The connection is closed; drop the response.
    case connectionClosed
  }

  private struct State {
    var closed = false
    var shuttingDown = false
    var inputArrived = false
    var writtenAwaitingTakeover = false
  }

  private let state = LockedValue(State())

  /// Queue: a handler is about to run; `inputPending` says the queue already has input (or
  /// end of stream) to deal with after the response, so the task must hand it over.
  func beginResponse(inputPending: Bool) {
    state.withLock {
      $0.inputArrived = inputPending
      $0.writtenAwaitingTakeover = false
    }
  }

  /// Task: writes `buffers` to `descriptor` if nothing requires the queue.
  func tryWrite(_ buffers: [[UInt8]], to descriptor: Int32) -> Outcome {
    state.withLock { state in
      if state.closed { return .connectionClosed }
      if state.inputArrived || state.shuttingDown { return .needsQueue }
      var output = OutboundQueue()
      output.enqueue(buffers)
      var madeProgress = false
      switch output.flush(to: descriptor, madeProgress: &madeProgress) {
      case .drained:
        state.writtenAwaitingTakeover = true
        return .written
      case .wouldBlock:
        return .partiallyWritten(remaining: output.takeRemaining())
      case .failed:
        return .failed
      }
    }
  }

  /// Queue: input or end of stream arrived while a handler was running. Returns true when
  /// the response was already written, so the queue now takes over the connection.
  func noteInput() -> Bool {
    state.withLock { state in
      if state.writtenAwaitingTakeover {
        state.writtenAwaitingTakeover = false
        return true
      }
      state.inputArrived = true
      return false
    }
  }

  /// Queue: takes over a response written by the task, if there is one.
  func takeOverWrittenResponse() -> Bool {
    state.withLock { state in
      defer { state.writtenAwaitingTakeover = false }
      return state.writtenAwaitingTakeover
    }
  }

  /// Any thread: graceful shutdown began. From now on the task writes nothing itself, so
  /// every response still to come goes through the queue and carries `Connection: close`,
  /// however late the queue learns of the shutdown.
  func noteShutdown() {
    state.withLock { $0.shuttingDown = true }
  }

  /// Whether graceful shutdown has begun.
  var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

  /// Queue: graceful shutdown began; later responses go through the queue (to close).
  /// Returns true when a written response awaited takeover.
  func markShuttingDown() -> Bool {
    state.withLock { state in
      state.shuttingDown = true
      defer { state.writtenAwaitingTakeover = false }
      return state.writtenAwaitingTakeover
    }
  }

  /// Queue: the connection is closing; no task writes from now on.
  func markClosed() {
    state.withLock { $0.closed = true }
  }
}
