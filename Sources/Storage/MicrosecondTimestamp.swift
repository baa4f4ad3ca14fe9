import Foundation

/// A point in time as both stores keep it: whole microseconds since the Unix epoch.
///
/// `Date` carries a `Double`, so a date built from microseconds converts back to the same
/// microseconds; converting a `Date` truncates toward the past, never rounding into the future.
public struct MicrosecondTimestamp: Sendable, Hashable, Comparable {
  /// Microseconds since 1970-01-01T00:00:00Z.
  public var microsecondsSinceEpoch: Int64

  /// Wraps a count of microseconds since the Unix epoch.
  public init(microsecondsSinceEpoch: Int64) {
    self.microsecondsSinceEpoch = microsecondsSinceEpoch
  }

  /// Truncates `date` to the microsecond at or before it.
  public init(_ date: Date) {
    let micros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
    // Guard against a `Date` whose floating-point value lands just below a whole microsecond
    // it was built from: the date of `micros + 1` may equal `date` exactly.
    let candidate = Int64(micros)
    if MicrosecondTimestamp(microsecondsSinceEpoch: candidate + 1).date <= date {
      microsecondsSinceEpoch = candidate + 1
    } else {
      microsecondsSinceEpoch = candidate
    }
  }

  /// The same instant as a `Date`.
  public var date: Date {
    Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
  }

  /// Orders timestamps chronologically.
  public static func < (lhs: MicrosecondTimestamp, rhs: MicrosecondTimestamp) -> Bool {
    lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
  }
}
