#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds on the system's monotonic clock, read directly: one vDSO call, without
/// `ContinuousClock`'s 128-bit `Duration` arithmetic. For checks made on every request.
enum MonotonicTime {
  /// The current time, to the nanosecond (`CLOCK_MONOTONIC`).
  static func seconds() -> Double {
    read(CLOCK_MONOTONIC)
  }

  /// The time of the last clock tick (`CLOCK_MONOTONIC_COARSE` on Linux: a few
  /// milliseconds' resolution, for about a third of the cost), for checks due once a second.
  static func coarseSeconds() -> Double {
    #if os(Linux)
      read(CLOCK_MONOTONIC_COARSE)
    #else
      read(CLOCK_MONOTONIC)
    #endif
  }

  private static func read(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
}
