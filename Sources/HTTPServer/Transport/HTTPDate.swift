#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `Date` header value (RFC 9110 IMF-fixdate), formatted at most once per second per
/// thread: each thread keeps its own cache, so responses never contend on a lock for it.
enum HTTPDate {
  /// One thread's cached value.
  private final class Cache {
    var second: time_t = -1
    var bytes: [UInt8] = []
  }

  /// The thread-local slot holding each thread's `Cache`, released when the thread exits.
  private static let cacheKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<AnyObject>.fromOpaque(pointer).release()
    }
    precondition(status == 0, "pthread_key_create failed")
    return key
  }()

  private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The current date as bytes, for example `Sun, 06 Nov 1994 08:49:37 GMT`.
  static func now() -> [UInt8] {
    let second = time(nil)
    let cache: Cache
    if let stored = pthread_getspecific(cacheKey) {
      cache = Unmanaged<Cache>.fromOpaque(stored).takeUnretainedValue()
    } else {
      cache = Cache()
      pthread_setspecific(cacheKey, Unmanaged.passRetained(cache).toOpaque())
    }
    if cache.second != second {
      cache.second = second
      cache.bytes = Array(format(second).utf8)
    }
    return cache.bytes
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
