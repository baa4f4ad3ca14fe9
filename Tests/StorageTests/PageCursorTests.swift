import Foundation
import Testing

@testable import Storage

@Suite("Cursors and timestamps")
struct PageCursorTests {
  @Test(
    "A cursor round-trips, is URL-safe and unpadded",
    arguments: ["a", "id/with+odd=chars", "\u{e9}t\u{e9}"])
  func roundTrip(id: String) throws {
    let cursor = PageCursor(
      createdAt: MicrosecondTimestamp(microsecondsSinceEpoch: 1_790_000_000_123_456), id: id)
    let encoded = cursor.encoded
    #expect(!encoded.contains(where: { "+/=".contains($0) }))
    #expect(try PageCursor(encoded: encoded) == cursor)
  }

  @Test("Dates truncate to the microsecond and round-trip exactly")
  func microsecondTruncation() {
    for micros: Int64 in [0, 1, 999_999, 1_790_000_000_123_456, 4_102_444_800_000_001] {
      let date = MicrosecondTimestamp(microsecondsSinceEpoch: micros).date
      #expect(MicrosecondTimestamp(date).microsecondsSinceEpoch == micros)
      #expect(
        MicrosecondTimestamp(date.addingTimeInterval(0.000_000_4)).microsecondsSinceEpoch == micros)
    }
  }
}
