import Foundation
import Testing

@testable import AdvisorAPI

/// Request and record ids: version-4 UUIDs, all different, past many pool refills.
@Suite struct RandomIdentifierTests {
  @Test func identifiersAreLowerCaseVersion4UUIDs() throws {
    for _ in 0..<600 {  // more than two refills of the 256-identifier pool
      let text = RandomIdentifier.uuid()
      #expect(text.utf8.count == 36)
      #expect(text == text.lowercased())
      let uuid = try #require(UUID(uuidString: text))
      let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
      #expect(bytes[6] >> 4 == 4)
      #expect(bytes[8] >> 6 == 0b10)
    }
  }

  @Test func identifiersDoNotRepeat() {
    let identifiers = (0..<20_000).map { _ in RandomIdentifier.uuid() }
    #expect(Set(identifiers).count == identifiers.count)
  }

  @Test func formatIsTheCanonicalHyphenatedForm() {
    let bytes: [UInt8] = [
      0x3F, 0x2C, 0x1A, 0x9E, 0x7B, 0x4D, 0x4C, 0x1E,
      0x9A, 0x2F, 0x0D, 0x8E, 0x6B, 0x5C, 0x4A, 0x31,
    ]
    #expect(RandomIdentifier.format(bytes) == "3f2c1a9e-7b4d-4c1e-9a2f-0d8e6b5c4a31")
  }
}
