import Foundation
import Testing

@testable import AdvisorAPI

/// A byte collection that logs every element read, to check which bytes a comparison reads.
private final class ReadLog: @unchecked Sendable {
  var indices: [Int] = []
}

private struct LoggingBytes: Collection {
  let bytes: [UInt8]
  let log: ReadLog
  var startIndex: Int { 0 }
  var endIndex: Int { bytes.count }
  func index(after index: Int) -> Int { index + 1 }
  subscript(position: Int) -> UInt8 {
    log.indices.append(position)
    return bytes[position]
  }
}

@Suite struct ConstantTimeComparisonTests {
  /// The bytes read from each operand when comparing `secret` against `candidate`.
  private func reads(_ secret: [UInt8], _ candidate: [UInt8]) -> (Bool, [Int], [Int]) {
    let leftLog = ReadLog()
    let rightLog = ReadLog()
    let equal = ConstantTimeComparison.isEqual(
      LoggingBytes(bytes: secret, log: leftLog), LoggingBytes(bytes: candidate, log: rightLog))
    return (equal, leftLog.indices, rightLog.indices)
  }

  @Test func everyByteIsReadWhereverTheFirstMismatchIs() {
    let secret = (0..<32).map { UInt8($0 * 7 % 256) }
    let everyIndex = Array(0..<32)
    for mismatch in [0, 1, 15, 31] {
      var candidate = secret
      candidate[mismatch] ^= 0xFF
      let (equal, left, right) = reads(secret, candidate)
      #expect(!equal)
      #expect(left == everyIndex, "mismatch at \(mismatch) read \(left)")
      #expect(right == everyIndex)
    }
    let (equal, left, right) = reads(secret, secret)
    #expect(equal)
    #expect(left == everyIndex && right == everyIndex)
  }

  @Test func differentLengthsAreUnequal() {
    #expect(!ConstantTimeComparison.isEqual([1, 2, 3], [1, 2]))
    #expect(ConstantTimeComparison.isEqual([UInt8](), [UInt8]()))
  }

  @Test func onlyTheLastBitDiffering() {
    #expect(!ConstantTimeComparison.isEqual([0, 0, 0, 1], [0, 0, 0, 0]))
  }
}

@Suite struct APIKeyTokenTests {
  @Test func generatedTokensParseAndDiffer() throws {
    let first = APIKeyToken.generate()
    let second = APIKeyToken.generate()
    #expect(first != second)
    let parsed = try #require(APIKeyToken(parsing: first.text))
    #expect(parsed.keyID == first.keyID)
    #expect(first.text.hasPrefix("ca_" + first.keyID + "_"))
    #expect(first.digest.hexString.count == 64)
  }

  @Test func malformedTokensAreRejected() {
    let valid = APIKeyToken.generate().text
    #expect(APIKeyToken(parsing: String(valid.dropLast())) == nil)
    #expect(APIKeyToken(parsing: valid + "0") == nil)
    #expect(APIKeyToken(parsing: valid.uppercased()) == nil)
    #expect(APIKeyToken(parsing: "xx" + valid.dropFirst(2)) == nil)
    #expect(APIKeyToken(parsing: "") == nil)
    #expect(APIKeyToken(parsing: valid.dropLast() + "g") == nil)
    #expect(APIKeyToken(parsing: valid.prefix(4) + "g" + valid.dropFirst(5)) == nil)
  }
}

@Suite struct APIKeyRingTests {
  private func temporaryKeysFile() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("keys-\(UUID().uuidString).json").path
  }

  @Test func authenticatesOnlyTheExactToken() throws {
    let token = APIKeyToken.generate()
    let record = APIKeyRecord(token: token, name: "billing", scopes: [.read], created: Date())
    let ring = try APIKeyRing(keys: [record])
    let client = try #require(ring.authenticate(bearer: token.text))
    #expect(client.keyID == token.keyID)
    #expect(client.scopes.allows(.read) && !client.scopes.allows(.recommend))

    var wrongSecret = Array(token.text)
    wrongSecret[wrongSecret.count - 1] = wrongSecret.last == "0" ? "1" : "0"
    #expect(ring.authenticate(bearer: String(wrongSecret)) == nil)
    #expect(ring.authenticate(bearer: APIKeyToken.generate().text) == nil)
    #expect(ring.authenticate(bearer: "not a token") == nil)
    #expect(ring.authenticate(bearer: token.text.dropLast() + "g") == nil)
    #expect(ring.authenticate(bearer: token.text.uppercased()) == nil)
  }

  @Test func adminAllowsEveryScope() {
    let scopes = APIKeyScopes([.admin])
    #expect(scopes.isAdmin && scopes.allows(.read) && scopes.allows(.recommend))
  }

  @Test func revokingInTheFileTakesEffectWithoutARestart() throws {
    let path = temporaryKeysFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let token = APIKeyToken.generate()
    var document = APIKeysDocument(keys: [
      APIKeyRecord(token: token, name: "ci", scopes: [.recommend], created: Date())
    ])
    try document.save(to: path)
    let ring = try APIKeyRing(file: path, reloadInterval: .zero)
    #expect(ring.authenticate(bearer: token.text) != nil)

    document.keys[0].revoked = Date()
    try document.save(to: path)
    #expect(ring.authenticate(bearer: token.text) == nil)
  }

  @Test func aKeyAddedToTheFileWorksAtOnce() throws {
    let path = temporaryKeysFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let ring = try APIKeyRing(file: path, reloadInterval: .zero)
    #expect(ring.activeKeyCount == 0)
    let token = APIKeyToken.generate()
    try APIKeysDocument(keys: [
      APIKeyRecord(token: token, name: "new", scopes: [.read], created: Date())
    ]).save(to: path)
    #expect(ring.authenticate(bearer: token.text)?.name == "new")
  }

  @Test func aBrokenFileKeepsThePreviousKeys() throws {
    let path = temporaryKeysFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let token = APIKeyToken.generate()
    try APIKeysDocument(keys: [
      APIKeyRecord(token: token, name: "ci", scopes: [.read], created: Date())
    ]).save(to: path)
    let ring = try APIKeyRing(file: path, reloadInterval: .zero)
    try Data("{\"keys\": [".utf8).write(to: URL(fileURLWithPath: path))
    #expect(ring.authenticate(bearer: token.text) != nil)
  }

  @Test func theFileIsCheckedAtMostOncePerInterval() throws {
    let path = temporaryKeysFile()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let token = APIKeyToken.generate()
    var document = APIKeysDocument(keys: [
      APIKeyRecord(token: token, name: "ci", scopes: [.read], created: Date())
    ])
    try document.save(to: path)
    let ring = try APIKeyRing(file: path, reloadInterval: .seconds(3600))
    document.keys[0].revoked = Date()
    try document.save(to: path)
    #expect(ring.authenticate(bearer: token.text) != nil)
  }

  @Test func documentRoundTripsAndStoresNoSecret() throws {
    let token = APIKeyToken.generate()
    let document = APIKeysDocument(keys: [
      APIKeyRecord(
        token: token, name: "ops", scopes: [.read, .admin],
        created: Date(timeIntervalSince1970: 1_800_000_000))
    ])
    let data = try document.encoded()
    let decoded = try APIKeysDocument.decode(data)
    #expect(decoded == document)
    let text = String(decoding: data, as: UTF8.self)
    #expect(!text.contains(token.text))
    #expect(text.contains(token.digest.hexString))
    #expect(document.keys[0].scopes == [.admin, .read])
  }
}
