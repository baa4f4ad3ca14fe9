import Foundation

/// Counts handlers that have started, so a test can wait until exactly that many are
/// running instead of guessing with a sleep.
final class ArrivalCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var arrived = 0
  private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

  /// Records one arrival.
  func arrive() {
    let ready = lock.withLock {
      arrived += 1
      let ready = waiters.filter { $0.count <= arrived }
      waiters.removeAll { $0.count <= arrived }
      return ready
    }
    for waiter in ready { waiter.continuation.resume() }
  }

  /// Suspends until at least `count` arrivals were recorded.
  func waitFor(_ count: Int) async {
    await withCheckedContinuation { continuation in
      let reached = lock.withLock {
        if arrived < count { waiters.append((count, continuation)) }
        return arrived >= count
      }
      if reached { continuation.resume() }
    }
  }
}
