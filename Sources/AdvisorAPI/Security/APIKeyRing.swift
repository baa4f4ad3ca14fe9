import Foundation
import Logging

/// A client whose bearer token matched an active key.
public struct AuthenticatedClient: Sendable, Equatable {
  /// The key id (recorded with stored queries and logged; never the token).
  public let keyID: String
  /// The name the operator gave the key.
  public let name: String
  /// What the key may do.
  public let scopes: APIKeyScopes
}

/// The active API keys: those given at start (the `COMPUTE_ADVISOR_API_KEYS` document) plus
/// those in the keys file, which is re-read when it changes so that `keys create` and
/// `keys revoke` take effect without a restart.
///
/// The file is checked at most once per `reloadInterval` (one `stat`), on the request path;
/// a file that cannot be read or parsed keeps the previous keys and logs an error, so a
/// half-edited file never locks everyone out or lets anyone in.
public final class APIKeyRing: @unchecked Sendable {
  private struct ActiveKey {
    let record: APIKeyRecord
    let digest: [UInt8]
  }

  /// What identifies one version of the keys file.
  private struct FileVersion: Equatable {
    let modified: Date?
    let size: Int?
    let fileNumber: Int?
  }

  private let fixedKeys: [APIKeyRecord]
  private let filePath: String?
  private let reloadInterval: Duration
  private let logger: Logger
  private let lock = NSLock()
  private var active: [String: ActiveKey] = [:]
  private var fileVersion: FileVersion?
  private var lastCheck: ContinuousClock.Instant?

  /// A key ring from keys given directly and/or a keys file (read now; a file that does
  /// not exist yet is an empty one). Throws when the file exists but cannot be parsed.
  public init(
    keys: [APIKeyRecord] = [], file: String? = nil, reloadInterval: Duration = .seconds(1),
    logger: Logger = Logger(label: "compute-advisor.keys")
  ) throws {
    self.fixedKeys = keys
    self.filePath = file
    self.reloadInterval = reloadInterval
    self.logger = logger
    let fileKeys = try file.map { try APIKeysDocument.load(from: $0).keys } ?? []
    fileVersion = file.map(Self.version(of:))
    lastCheck = .now
    active = Self.activeKeys(keys + fileKeys, logger: logger)
  }

  /// How many keys currently authenticate.
  public var activeKeyCount: Int {
    lock.withLock {
      reloadIfChanged()
      return active.count
    }
  }

  /// The client a bearer token belongs to, or nil when it is malformed, unknown or revoked.
  /// The token's hash is compared with the stored one in constant time.
  public func authenticate(bearer token: String) -> AuthenticatedClient? {
    let parsed = APIKeyToken(parsing: token)
    let presented = parsed.map { Array($0.digest.bytes) } ?? Self.unmatchable
    let key: ActiveKey? = lock.withLock {
      reloadIfChanged()
      return parsed.flatMap { active[$0.keyID] }
    }
    // Compare even when the id is unknown, so an unknown id costs the same as a wrong secret.
    let matches = ConstantTimeComparison.isEqual(presented, key?.digest ?? Self.unmatchable)
    guard let key, matches, parsed != nil else { return nil }
    return AuthenticatedClient(
      keyID: key.record.id, name: key.record.name, scopes: APIKeyScopes(key.record.scopes))
  }

  /// A digest no token hashes to in practice, compared against when nothing else is.
  private static let unmatchable = [UInt8](repeating: 0, count: 32)

  /// Re-reads the file when its version changed; the caller holds the lock.
  private func reloadIfChanged() {
    guard let filePath else { return }
    let now = ContinuousClock.now
    if let lastCheck, now - lastCheck < reloadInterval { return }
    lastCheck = now
    let version = Self.version(of: filePath)
    guard version != fileVersion else { return }
    do {
      let document = try APIKeysDocument.load(from: filePath)
      active = Self.activeKeys(fixedKeys + document.keys, logger: logger)
      fileVersion = version
      logger.notice(
        "API keys reloaded", metadata: ["file": .string(filePath), "active": "\(active.count)"])
    } catch {
      logger.error(
        "API keys file unreadable; keeping the previous keys",
        metadata: ["file": .string(filePath), "error": .string(String(describing: error))])
    }
  }

  /// Keys that authenticate: not revoked anywhere, with a well-formed hash.
  private static func activeKeys(_ records: [APIKeyRecord], logger: Logger) -> [String: ActiveKey] {
    let revoked = Set(records.filter { $0.revoked != nil }.map(\.id))
    var result: [String: ActiveKey] = [:]
    for record in records where !revoked.contains(record.id) {
      guard let digest = record.digestBytes else {
        logger.error(
          "API key has no valid sha256; ignored", metadata: ["key_id": .string(record.id)])
        continue
      }
      if result[record.id] != nil {
        logger.warning(
          "API key id listed twice; the first wins", metadata: ["key_id": .string(record.id)])
        continue
      }
      result[record.id] = ActiveKey(record: record, digest: digest)
    }
    return result
  }

  private static func version(of path: String) -> FileVersion {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return FileVersion(
      modified: attributes?[.modificationDate] as? Date,
      size: (attributes?[.size] as? NSNumber)?.intValue,
      fileNumber: (attributes?[.systemFileNumber] as? NSNumber)?.intValue)
  }
}
