import Foundation

/// The current time as ISO 8601 in UTC with milliseconds (`2026-11-29T10:30:00.123Z`),
/// written straight into a byte buffer: log lines need one per line, and Foundation's date
/// formatting costs more than the rest of the line.
enum UTCTimestamp {
  /// Appends the current time.
  static func append(to output: inout [UInt8]) {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    append(seconds: now.tv_sec, milliseconds: Int(now.tv_nsec / 1_000_000), to: &output)
  }

  /// Appends the given instant (seconds since 1970 and milliseconds).
  static func append(seconds: Int, milliseconds: Int, to output: inout [UInt8]) {
    var time = seconds
    var parts = tm()
    gmtime_r(&time, &parts)
    appendDigits(Int(parts.tm_year) + 1900, width: 4, to: &output)
    output.append(UInt8(ascii: "-"))
    appendDigits(Int(parts.tm_mon) + 1, width: 2, to: &output)
    output.append(UInt8(ascii: "-"))
    appendDigits(Int(parts.tm_mday), width: 2, to: &output)
    output.append(UInt8(ascii: "T"))
    appendDigits(Int(parts.tm_hour), width: 2, to: &output)
    output.append(UInt8(ascii: ":"))
    appendDigits(Int(parts.tm_min), width: 2, to: &output)
    output.append(UInt8(ascii: ":"))
    appendDigits(Int(parts.tm_sec), width: 2, to: &output)
    output.append(UInt8(ascii: "."))
    appendDigits(milliseconds, width: 3, to: &output)
    output.append(UInt8(ascii: "Z"))
  }

  private static func appendDigits(_ value: Int, width: Int, to output: inout [UInt8]) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      output.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
      rest %= divisor
      divisor /= 10
    }
  }
}
