import Dispatch

/// Measures what handing a request to an async handler costs: the round trip from a
/// connection-like serial queue to a new task and back (as `Connection` does for every
/// request), against the same round trip without the task.
enum HopMeasurement {
  /// Prints the mean round trip with and without the task hop over `iterations` trips.
  static func run(iterations: Int) async {
    let queue = DispatchQueue(label: "hop.connection")
    let withoutTask = await measure(iterations) { done in
      queue.async { queue.async { done() } }
    }
    let withTask = await measure(iterations) { done in
      queue.async { Task { queue.async { done() } } }
    }
    print("queue round trip without a task: \(format(withoutTask)) us")
    print("queue -> Task -> queue round trip: \(format(withTask)) us")
    print("the hop to the async handler adds: \(format(withTask - withoutTask)) us per request")
  }

  /// The mean duration of one trip, in microseconds.
  private static func measure(
    _ iterations: Int, trip: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void
  ) async -> Double {
    let started = ContinuousClock.now
    for _ in 0..<iterations {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        trip { continuation.resume() }
      }
    }
    let elapsed = ContinuousClock.now - started
    let (seconds, attoseconds) = elapsed.components
    return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(iterations)
  }

  private static func format(_ microseconds: Double) -> String {
    let hundredths = Int((microseconds * 100).rounded())
    let fraction = abs(hundredths % 100)
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
