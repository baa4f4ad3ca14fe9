import Foundation

/// RFC 3339 timestamps with microseconds, in UTC: the precision both stores keep, so a
/// `createdAt` read back is the same text as the one first returned.
enum Timestamp {
  /// Formats a date as `2026-11-29T09:21:03.123456Z`.
  static func format(_ date: Date) -> String {
    let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    let seconds = microseconds.quotientFloorDivided(by: 1_000_000)
    let fraction = microseconds - seconds * 1_000_000
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second],
      from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    func pad(_ value: Int?, _ width: Int) -> String {
      let text = String(value ?? 0)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
      + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))."
      + "\(pad(Int(fraction), 6))Z"
  }

  /// Parses an RFC 3339 date-time (`Z` or a numeric offset, optional fraction). `T` and
  /// `Z` may be lower case (RFC 3339 section 5.6); they are the only letters a valid
  /// date-time has, so upper-casing the whole text is safe.
  static func parse(_ text: String) -> Date? {
    let text = text.uppercased()
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}

extension Int64 {
  fileprivate func quotientFloorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor < 0) ? quotient - 1 : quotient
  }
}
