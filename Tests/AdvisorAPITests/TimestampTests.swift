import Foundation
import Storage
import Testing

@testable import AdvisorAPI

/// `Timestamp.format` against Foundation's calendar, and back through `Timestamp.parse`.
@Suite struct TimestampTests {
  /// The same text built with Foundation's Gregorian calendar in UTC (the microsecond count
  /// as the stores keep it).
  private func reference(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let microseconds = MicrosecondTimestamp(date).microsecondsSinceEpoch
    var seconds = microseconds / 1_000_000
    var fraction = microseconds % 1_000_000
    if fraction < 0 {
      seconds -= 1
      fraction += 1_000_000
    }
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second],
      from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.year!, parts.month!, parts.day!,
      parts.hour!, parts.minute!, parts.second!, Int(fraction))
  }

  @Test func formatsLikeTheGregorianCalendar() {
    var generator = SystemRandomNumberGenerator()
    let fixed: [TimeInterval] = [
      0, -0.000001, 951_782_400, 951_868_799.999999, 4_107_542_399.5, -2_208_988_800,
      1_764_408_063.123456,
    ]
    let random = (0..<2000).map { _ in
      TimeInterval(
        Int64.random(in: -3_000_000_000_000_000...8_000_000_000_000_000, using: &generator))
        / 1_000_000
    }
    for interval in fixed + random {
      let date = Date(timeIntervalSince1970: interval)
      #expect(Timestamp.format(date) == reference(date), "\(interval)")
    }
  }

  @Test func formattedTimestampsParseBackToTheSameMicrosecond() throws {
    for interval in [0, 1_764_408_063.123456, 951_868_799.000001] as [TimeInterval] {
      let text = Timestamp.format(Date(timeIntervalSince1970: interval))
      let parsed = try #require(Timestamp.parse(text))
      #expect(Timestamp.format(parsed) == text)
    }
  }
}
