import Foundation
import Logging
import Storage
import Synchronization

/// A client whose bearer token matched an active key.
public struct AuthenticatedClient: Sendable, Equatable {
  init(_ record: APIKeyRecord) {
    keyID = record.id
    name = record.name
    scopes = APIKeyScopes(record.scopes)
  }

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
///
/// Every presented token is hashed (SHA-256, by libcrypto) and the hash compared in constant
/// time with the stored one of the key its id names; no token is kept after the call.
public final class APIKeyRing: Sendable {
  /// One active key, as the request path needs it.
  private struct ActiveKey {
    let digest: [UInt8]
    let client: AuthenticatedClient
  }

  /// What identifies one version of the keys file.
  private struct FileVersion: Equatable {
    let modified: Date?
    let size: Int?
    let fileNumber: Int?
  }

  /// What changes when the file does, under one lock.
  private struct State {
    /// Active keys by the number their 16-hex-digit id spells.
    var active: [UInt64: ActiveKey]
    var fileVersion: FileVersion?
    /// When the file was last checked, in ``MonotonicTime/coarseSeconds()``.
    var lastCheck: Double
  }

  private let fixedKeys: [APIKeyRecord]
  private let filePath: String?
  /// Seconds between checks of the file.
  private let reloadInterval: Double
  private let logger: Logger
  /// Inline in the ring: one cache line less to fetch per request than a separate lock.
  private let state: Mutex<State>

  /// A key ring from keys given directly and/or a keys file (read now; a file that does
  /// not exist yet is an empty one). Throws when the file exists but cannot be parsed.
  public init(
    keys: [APIKeyRecord] = [], file: String? = nil, reloadInterval: Duration = .seconds(1),
    logger: Logger = Logger(label: "compute-advisor.keys")
  ) throws {
    self.fixedKeys = keys
    self.filePath = file
    self.reloadInterval =
      Double(reloadInterval.components.seconds)
      + Double(reloadInterval.components.attoseconds) * 1e-18
    self.logger = logger
    let fileKeys = try file.map { try APIKeysDocument.load(from: $0).keys } ?? []
    state = Mutex(
      State(
        active: Self.activeKeys(keys + fileKeys, logger: logger),
        fileVersion: file.map(Self.version(of:)), lastCheck: MonotonicTime.coarseSeconds()))
  }

  /// How many keys currently authenticate.
  public var activeKeyCount: Int {
    state.withLock { state in
      reloadIfChanged(&state)
      return state.active.count
    }
  }

  /// The client a bearer token belongs to, or nil when it is malformed, unknown or revoked.
  /// The token's SHA-256 is compared with the stored one in constant time.
  public func authenticate<Token: StringProtocol>(bearer token: Token) -> AuthenticatedClient? {
    token.utf8.withContiguousStorageIfAvailable { authenticate(bearerBytes: $0) }
      ?? authenticate(bearerBytes: Array(token.utf8))
  }

  /// The client a bearer token given as its bytes belongs to (see
  /// ``authenticate(bearer:)``); the bytes are read in place.
  public func authenticate(bearerBytes token: ArraySlice<UInt8>) -> AuthenticatedClient? {
    token.withUnsafeBufferPointer { authenticate(bearerBytes: $0) }
  }

  private func authenticate<Bytes: RandomAccessCollection>(bearerBytes token: Bytes)
    -> AuthenticatedClient?
  where Bytes.Element == UInt8, Bytes.Index == Int {
    guard let id = APIKeyToken.identifier(ofToken: token) else { return nil }
    let key = state.withLock { state in
      reloadIfChanged(&state)
      return state.active[id]
    }
    // Hash and compare even when the id is unknown, so an unknown id costs what a wrong
    // secret does.
    let matches = SHA256Digest.withDigest(of: token) {
      ConstantTimeComparison.isEqual($0, key?.digest ?? Self.unmatchable)
    }
    guard let key, matches else { return nil }
    return key.client
  }

  /// A digest no token hashes to in practice, compared against when nothing else is.
  private static let unmatchable = [UInt8](repeating: 0, count: SHA256Digest.byteCount)

  /// Re-reads the file when its version changed; called with the lock held. Without a file
  /// there is nothing to check, and the clock is not read.
  private func reloadIfChanged(_ state: inout State) {
    guard let filePath else { return }
    let now = MonotonicTime.coarseSeconds()
    guard now - state.lastCheck >= reloadInterval else { return }
    state.lastCheck = now
    let version = Self.version(of: filePath)
    guard version != state.fileVersion else { return }
    do {
      let document = try APIKeysDocument.load(from: filePath)
      state.active = Self.activeKeys(fixedKeys + document.keys, logger: logger)
      state.fileVersion = version
      logger.notice(
        "API keys reloaded",
        metadata: ["file": .string(filePath), "active": "\(state.active.count)"])
    } catch {
      logger.error(
        "API keys file unreadable; keeping the previous keys",
        metadata: ["file": .string(filePath), "error": .string(String(describing: error))])
    }
  }

  /// Keys that authenticate: not revoked anywhere, with a well-formed id and hash.
  private static func activeKeys(_ records: [APIKeyRecord], logger: Logger) -> [UInt64: ActiveKey] {
    let revoked = Set(records.filter { $0.revoked != nil }.map(\.id))
    var result: [UInt64: ActiveKey] = [:]
    for record in records where !revoked.contains(record.id) {
      guard let id = APIKeyToken.identifier(ofKeyID: record.id) else {
        logger.error(
          "API key id is not 16 lower-case hex digits; ignored",
          metadata: ["key_id": .string(record.id)])
        continue
      }
      guard let digest = record.digestBytes else {
        logger.error(
          "API key has no valid sha256; ignored", metadata: ["key_id": .string(record.id)])
        continue
      }
      if result[id] != nil {
        logger.warning(
          "API key id listed twice; the first wins", metadata: ["key_id": .string(record.id)])
        continue
      }
      result[id] = ActiveKey(digest: digest, client: AuthenticatedClient(record))
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
