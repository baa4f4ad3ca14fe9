import Foundation

/// A one-shot gate handlers can wait on until a test opens it.
final class Gate: @unchecked Sendable {
  private let lock = NSLock()
  private var isOpen = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  /// Suspends until the gate is open.
  func wait() async {
    await withCheckedContinuation { continuation in
      let openAlready = lock.withLock {
        if !isOpen { waiters.append(continuation) }
        return isOpen
      }
      if openAlready { continuation.resume() }
    }
  }

  /// Opens the gate, resuming every waiter.
  func open() {
    let resumed = lock.withLock {
      isOpen = true
      defer { waiters = [] }
      return waiters
    }
    for waiter in resumed { waiter.resume() }
  }
}
