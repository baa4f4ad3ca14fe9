/// Hands a connection's requests, one at a time, to the single task that answers all of
/// them, so a keep-alive connection starts one task rather than one per request.
///
/// Why one task: a task's frames come from its own stack allocator, which takes 1 KB slabs
/// from `malloc` as the frames of a request's middleware chain grow and keeps them until the
/// task ends. A task per request pays for those slabs on every request (eight to eleven of
/// them through this project's API); a task per connection pays once.
///
/// The connection's queue delivers at most one request at a time (it answers them in
/// order), and the task takes them with ``next()``, suspending while there is none.
/// ``finish()`` ends the task: it is called when the connection closes.
final class RequestMailbox<Item: Sendable>: Sendable {
  private enum State {
    /// Nothing delivered, and the task is not waiting (yet).
    case empty
    /// The task is suspended in `next()`.
    case waiting(UnsafeContinuation<Item?, Never>)
    /// Delivered before the task asked for it.
    case holding(Item)
    /// The connection closed: `next()` returns nil from now on.
    case finished
  }

  private let state = LockedValue(State.empty)

  /// Queue: hands `item` to the task. Returns false, dropping the item, once finished.
  /// Delivering again before the task took the last item is a programming error.
  @discardableResult
  func deliver(_ item: Item) -> Bool {
    let (accepted, waiting): (Bool, UnsafeContinuation<Item?, Never>?) = state.withLock {
      state in
      switch state {
      case .empty:
        state = .holding(item)
        return (true, nil)
      case .waiting(let continuation):
        state = .empty
        return (true, continuation)
      case .holding:
        preconditionFailure("a request was delivered before the previous one was taken")
      case .finished:
        return (false, nil)
      }
    }
    waiting?.resume(returning: item)
    return accepted
  }

  /// Task: the next request, waiting for one; nil once the connection closed.
  func next() async -> Item? {
    await withUnsafeContinuation { (continuation: UnsafeContinuation<Item?, Never>) in
      let ready: Item?? = state.withLock { state in
        switch state {
        case .empty:
          state = .waiting(continuation)
          return nil
        case .holding(let item):
          state = .empty
          return .some(item)
        case .finished:
          return .some(nil)
        case .waiting:
          preconditionFailure("only the connection's one task takes requests")
        }
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }

  /// Queue: no more requests; the task's `next()` returns nil, now or when it next asks.
  /// An item delivered but not taken is dropped.
  func finish() {
    let waiting: UnsafeContinuation<Item?, Never>? = state.withLock { state in
      defer { state = .finished }
      if case .waiting(let continuation) = state { return continuation }
      return nil
    }
    waiting?.resume(returning: nil)
  }
}
