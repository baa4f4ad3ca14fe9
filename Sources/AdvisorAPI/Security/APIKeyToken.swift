import Storage

/// The secret a client sends as `Authorization: Bearer <token>`:
/// `ca_<key id>_<64 hex digits of secret>`.
///
/// The key id is not secret: it selects the stored record, whose SHA-256 hash of the whole
/// token is then compared in constant time. Only that hash is ever stored.
public struct APIKeyToken: Sendable, Equatable {
  /// The prefix every token starts with, so leaked tokens are easy to recognise and scan for.
  public static let prefix = "ca_"
  private static let prefixBytes = Array(prefix.utf8)
  /// Hex digits in a key id (64 random bits).
  static let identifierLength = 16
  /// Hex digits in the secret part (256 random bits).
  static let secretLength = 64

  /// The whole token as sent by clients.
  public let text: String
  /// The key id inside the token.
  public let keyID: String

  /// Splits a presented token; nil unless it has the token's exact shape.
  public init?(parsing text: String) {
    let bytes = Array(text.utf8)
    guard Self.identifier(ofToken: bytes) != nil,
      Self.hexValue(bytes[(bytes.count - Self.secretLength)...]) != nil
    else { return nil }
    self.text = text
    let idStart = text.utf8.index(text.utf8.startIndex, offsetBy: Self.prefix.utf8.count)
    let idEnd = text.utf8.index(idStart, offsetBy: Self.identifierLength)
    self.keyID = String(text.utf8[idStart..<idEnd])!
  }

  /// The key id of a presented token as a number (its 16 hex digits), or nil unless the
  /// bytes have the token's prefix, length and id. Reads the bytes in place: it runs on
  /// every request. The secret's digits are not checked here: a secret that is not hex
  /// hashes to a digest no stored key has, which the caller finds out anyway.
  static func identifier<Bytes: RandomAccessCollection>(ofToken bytes: Bytes) -> UInt64?
  where Bytes.Element == UInt8, Bytes.Index == Int {
    let prefixLength = prefixBytes.count
    let idEnd = prefixLength + identifierLength
    guard bytes.count == idEnd + 1 + secretLength else { return nil }
    let start = bytes.startIndex
    guard bytes.prefix(prefixLength).elementsEqual(prefixBytes),
      bytes[start + idEnd] == UInt8(ascii: "_")
    else { return nil }
    return hexValue(bytes[(start + prefixLength)..<(start + idEnd)])
  }

  /// The key id of a stored record as a number, or nil when it is not 16 lower-case hex
  /// digits (no token can name such a record).
  static func identifier(ofKeyID keyID: String) -> UInt64? {
    let bytes = Array(keyID.utf8)
    guard bytes.count == identifierLength else { return nil }
    return hexValue(bytes[...])
  }

  /// The value of lower-case hex digits (the low 64 bits when there are more than 16), or
  /// nil when any byte is not one. No branch per digit: this reads 80 bytes per request.
  private static func hexValue<Digits: Collection>(_ digits: Digits) -> UInt64?
  where Digits.Element == UInt8 {
    var value: UInt64 = 0
    var invalid = false
    for byte in digits {
      let decimal = byte &- UInt8(ascii: "0")
      let letter = byte &- UInt8(ascii: "a")
      let isDecimal = decimal < 10
      invalid = invalid || !(isDecimal || letter < 6)
      value = value << 4 | UInt64(isDecimal ? decimal : letter &+ 10)
    }
    return invalid ? nil : value
  }

  /// A new token with a random id and secret from the system's secure generator.
  public static func generate() -> APIKeyToken {
    var generator = SystemRandomNumberGenerator()
    let id = randomHex(count: identifierLength, using: &generator)
    let secret = randomHex(count: secretLength, using: &generator)
    // The shape is exactly what `init(parsing:)` accepts.
    return APIKeyToken(parsing: prefix + id + "_" + secret)!
  }

  /// The SHA-256 of the whole token, as stored in the keys file.
  public var digest: SHA256Digest { SHA256Digest(of: text.utf8) }

  private static func randomHex(count: Int, using generator: inout SystemRandomNumberGenerator)
    -> String
  {
    let digits = Array("0123456789abcdef")
    return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
  }
}
