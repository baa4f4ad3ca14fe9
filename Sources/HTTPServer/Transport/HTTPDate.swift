#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `Date` header value (RFC 9110 IMF-fixdate), formatted at most once per second.
enum HTTPDate {
  private static let cache = LockedValue<(second: time_t, bytes: [UInt8])>((-1, []))
  private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The current date as bytes, for example `Sun, 06 Nov 1994 08:49:37 GMT`.
  static func now() -> [UInt8] {
    let second = time(nil)
    return cache.withLock { cached in
      if cached.second != second {
        cached = (second, Array(format(second).utf8))
      }
      return cached.bytes
    }
  }

  /// Formats a UNIX time.
  static func format(_ second: time_t) -> String {
    var seconds = second
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
      + "\(parts.tm_year + 1900) \(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):"
      + "\(twoDigits(parts.tm_sec)) GMT"
  }
}
