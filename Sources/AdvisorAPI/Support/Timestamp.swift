import Foundation
import Storage

/// RFC 3339 timestamps with microseconds, in UTC: the precision both stores keep, so a
/// `createdAt` read back is the same text as the one first returned.
enum Timestamp {
  /// Formats a date as `2026-11-29T09:21:03.123456Z`. Pure arithmetic on the proleptic
  /// Gregorian calendar (Foundation's `Calendar` took 5% of a listing's CPU time).
  static func format(_ date: Date) -> String {
    let microseconds = MicrosecondTimestamp(date).microsecondsSinceEpoch
    let seconds = microseconds.quotientFloorDivided(by: 1_000_000)
    let fraction = microseconds - seconds * 1_000_000
    let days = seconds.quotientFloorDivided(by: 86_400)
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    var text = ""
    text.reserveCapacity(27)
    text += pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
    text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
    text += pad(secondOfDay % 60, 2) + "." + pad(fraction, 6) + "Z"
    return text
  }

  /// Year, month and day of a day count since 1970-01-01 (H. Hinnant's days-to-civil).
  static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = shifted.quotientFloorDivided(by: 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Parses an RFC 3339 date-time (`Z` or a numeric offset, optional fraction), to the
  /// microsecond: the fraction is read here because `ISO8601DateFormatter` keeps only
  /// milliseconds, which widened a `since` filter given a stored `createdAt`. `T` and `Z`
  /// may be lower case (RFC 3339 section 5.6); they are the only letters a valid
  /// date-time has, so upper-casing the whole text is safe.
  static func parse(_ text: String) -> Date? {
    var text = text.uppercased()
    var fractionMicroseconds: Int64 = 0
    if let dot = text.firstIndex(of: ".") {
      let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty else { return nil }
      let padded =
        String(digits.prefix(6)) + String(repeating: "0", count: max(0, 6 - digits.count))
      fractionMicroseconds = Int64(padded) ?? 0
      text.removeSubrange(dot..<digits.endIndex)
    }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let whole = formatter.date(from: text) else { return nil }
    let seconds = Int64(whole.timeIntervalSince1970.rounded())
    return MicrosecondTimestamp(microsecondsSinceEpoch: seconds * 1_000_000 + fractionMicroseconds)
      .date
  }
}

extension Int64 {
  fileprivate func quotientFloorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor < 0) ? quotient - 1 : quotient
  }
}
