import Dispatch

/// The one timer of a connection, guarding whichever wait it is in: request head, body, idle
/// keep-alive, a stalled write, or the lingering close after an error.
///
/// Moving a deadline later does not touch the kernel timer: when it fires early it simply
/// re-arms for the current deadline. So the per-request cost is reading the clock.
final class ConnectionTimer {
  /// The wait a deadline guards.
  enum Purpose: Equatable {
    /// Waiting for (the rest of) a request head.
    case header
    /// Waiting for the rest of a request body.
    case body
    /// Waiting on an idle keep-alive connection.
    case idle
    /// Waiting for the socket to accept queued output.
    case writeStall
    /// Discarding input after an error response, before closing.
    case linger
  }

  private let source: any DispatchSourceTimer
  private var deadline: DispatchTime?
  private var armedFor: DispatchTime?
  /// What the current deadline guards, or nil when there is none.
  private(set) var purpose: Purpose?

  /// Creates a timer whose expiries are delivered on `queue` to `onExpiry`.
  init(queue: DispatchQueue, onExpiry: @escaping (Purpose) -> Void) {
    source = DispatchSource.makeTimerSource(queue: queue)
    // The handler keeps the timer alive until `cancel()`, when Dispatch releases it.
    source.setEventHandler { [self] in
      armedFor = nil
      guard let deadline, let purpose else { return }
      if DispatchTime.now() >= deadline {
        self.deadline = nil
        self.purpose = nil
        onExpiry(purpose)
      } else {
        arm(at: deadline)
      }
    }
    source.resume()
  }

  /// Sets the deadline `timeout` from now for `purpose`, replacing any other.
  func set(_ purpose: Purpose, after timeout: Duration) {
    let nanoseconds =
      timeout.components.seconds * 1_000_000_000
      + timeout.components.attoseconds / 1_000_000_000
    let newDeadline = DispatchTime.now() + .nanoseconds(Int(nanoseconds))
    self.purpose = purpose
    deadline = newDeadline
    if let armedFor, armedFor <= newDeadline { return }
    arm(at: newDeadline)
  }

  /// Removes the deadline; an armed kernel timer fires once and finds nothing to do.
  func clear() {
    purpose = nil
    deadline = nil
  }

  /// Stops the timer for good.
  func cancel() {
    clear()
    source.cancel()
  }

  private func arm(at time: DispatchTime) {
    armedFor = time
    source.schedule(deadline: time, leeway: .milliseconds(50))
  }
}
