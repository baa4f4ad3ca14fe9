import Storage

/// The secret a client sends as `Authorization: Bearer <token>`:
/// `ca_<key id>_<64 hex digits of secret>`.
///
/// The key id is not secret: it selects the stored record, whose SHA-256 hash of the whole
/// token is then compared in constant time. Only that hash is ever stored.
public struct APIKeyToken: Sendable, Equatable {
  /// The prefix every token starts with, so leaked tokens are easy to recognise and scan for.
  public static let prefix = "ca_"
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
    let prefix = Array(Self.prefix.utf8)
    let idEnd = prefix.count + Self.identifierLength
    guard bytes.count == idEnd + 1 + Self.secretLength, bytes.starts(with: prefix),
      bytes[idEnd] == UInt8(ascii: "_"),
      bytes[prefix.count..<idEnd].allSatisfy(Self.isLowerHex),
      bytes[(idEnd + 1)...].allSatisfy(Self.isLowerHex)
    else { return nil }
    self.text = text
    self.keyID = String(decoding: bytes[prefix.count..<idEnd], as: UTF8.self)
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

  private static func isLowerHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
  }

  private static func randomHex(count: Int, using generator: inout SystemRandomNumberGenerator)
    -> String
  {
    let digits = Array("0123456789abcdef")
    return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
  }
}
