import Testing

@testable import HTTPServer

@Suite("Byte classes and field lists")
struct FieldsAndByteClassTests {
  /// RFC 9110 section 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" /
  /// "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.
  @Test func tokenBytesAreExactlyRFC9110TChars() {
    let tchars = Set("!#$%&'*+-.^_`|~0123456789".utf8)
      .union("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    for value in 0...255 {
      let byte = UInt8(value)
      #expect(ByteClass.isTokenByte(byte) == tchars.contains(byte), "byte \(value)")
    }
  }

  @Test func caseInsensitiveComparisonNeedsEqualLengths() {
    #expect(ByteClass.equalsCaseInsensitively(Array("Content-Length".utf8), "content-length"))
    #expect(!ByteClass.equalsCaseInsensitively(Array("Content-Length".utf8), "content-lengt"))
    #expect(!ByteClass.equalsCaseInsensitively(Array("Content-Lengt".utf8), "content-length"))
    #expect(!ByteClass.equalsCaseInsensitively(Array("Content-Lengti".utf8), "content-length"))
    #expect(ByteClass.equalsCaseInsensitively([UInt8](), ""))
  }

  @Test func uniqueValueBytesRefusesRepeatedFields() throws {
    var fields: HTTPFields = ["Authorization": "Bearer a", "Accept": "x"]
    let bytes = try #require(fields.uniqueValueBytes(for: "authorization"))
    #expect(String(decoding: bytes, as: UTF8.self) == "Bearer a")
    #expect(fields.uniqueValueBytes(for: "Host") == nil)
    fields.append(name: "AUTHORIZATION", value: "Bearer b")
    #expect(fields.uniqueValueBytes(for: "Authorization") == nil)
  }

  @Test func replacingSeveralFieldsKeepsOthersInOrder() {
    var fields: HTTPFields = ["A": "1", "x-b": "old", "C": "3", "X-B": "older", "d": "4"]
    fields.replace(["X-B": "new", "D": "5", "E": "6"])
    #expect(fields.map(\.name) == ["A", "C", "X-B", "D", "E"])
    #expect(fields.map(\.value) == ["1", "3", "new", "5", "6"])
  }
}
