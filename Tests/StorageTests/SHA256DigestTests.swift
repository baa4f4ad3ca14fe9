import Foundation
import Testing

@testable import Storage

@Suite("SHA-256 against the FIPS 180-4 example vectors")
struct SHA256DigestTests {
  @Test(
    "Known messages",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
      (
        "The quick brown fox jumps over the lazy dog",
        "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
      ),
    ])
  func knownMessage(message: String, expectedHex: String) {
    #expect(SHA256Digest(of: Array(message.utf8)).hexString == expectedHex)
  }

  @Test("One million 'a' (multi-block, FIPS 180-4 long message)")
  func millionA() {
    let digest = SHA256Digest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
    #expect(
      digest.hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("Padding boundaries 55, 56, 63, 64 and 65 bytes differ and have 32-byte digests")
  func paddingBoundaries() {
    let lengths = [55, 56, 63, 64, 65]
    let digests = lengths.map { SHA256Digest(of: [UInt8](repeating: 0x61, count: $0)) }
    #expect(Set(digests).count == lengths.count)
    #expect(digests.allSatisfy { $0.bytes.count == 32 && $0.hexString.count == 64 })
    // 64 bytes of 'a', checked against `printf 'a%.0s' {1..64} | sha256sum`.
    #expect(
      digests[3].hexString == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
  }
}
