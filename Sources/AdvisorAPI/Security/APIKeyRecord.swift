import Foundation

/// One API key as stored: never the key itself, only the SHA-256 of it.
public struct APIKeyRecord: Codable, Sendable, Equatable {
  /// The key id: recorded with every stored query the key makes, logged, and shown in
  /// listings; not secret.
  public var id: String
  /// Who the key is for, as the operator named it.
  public var name: String
  /// What the key may do.
  public var scopes: [APIKeyScope]
  /// The lower-case hex SHA-256 of the whole token.
  public var sha256: String
  /// When the key was created.
  public var created: Date
  /// When the key was revoked; a revoked key authenticates nothing.
  public var revoked: Date?

  /// Creates a record.
  public init(
    id: String, name: String, scopes: [APIKeyScope], sha256: String, created: Date,
    revoked: Date? = nil
  ) {
    self.id = id
    self.name = name
    self.scopes = scopes
    self.sha256 = sha256
    self.created = created
    self.revoked = revoked
  }

  /// The record for a freshly generated token.
  public init(token: APIKeyToken, name: String, scopes: [APIKeyScope], created: Date) {
    self.init(
      id: token.keyID, name: name, scopes: scopes.sorted(), sha256: token.digest.hexString,
      created: created)
  }

  /// The stored hash as bytes, or nil when the file holds something that is not 64 hex digits.
  var digestBytes: [UInt8]? {
    let text = Array(sha256.utf8)
    guard text.count == 64 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for pair in stride(from: 0, to: 64, by: 2) {
      guard let high = Self.hexValue(text[pair]), let low = Self.hexValue(text[pair + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

/// The keys file (and the `COMPUTE_ADVISOR_API_KEYS` variable): `{"keys": [...]}`.
public struct APIKeysDocument: Codable, Sendable, Equatable {
  /// Every key ever created, revoked ones included so their ids are never reused silently.
  public var keys: [APIKeyRecord]

  /// Creates a document.
  public init(keys: [APIKeyRecord] = []) {
    self.keys = keys
  }

  /// Parses the JSON form; dates are ISO 8601.
  public static func decode(_ data: Data) throws -> APIKeysDocument {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(APIKeysDocument.self, from: data)
  }

  /// The JSON form, pretty-printed with sorted keys so diffs stay small.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// Reads a keys file; a missing file is an empty document (no key has been created yet).
  public static func load(from path: String) throws -> APIKeysDocument {
    guard FileManager.default.fileExists(atPath: path) else { return APIKeysDocument() }
    return try decode(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Writes the file atomically (a new file renamed over the old one, so a running server
  /// never reads half a file) and readable by its owner only.
  public func save(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try encoded().write(to: url, options: .atomic)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }
}
