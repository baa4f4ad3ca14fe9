import COpenSSL

/// SHA-256 (FIPS 180-4) of a byte sequence, for ``StoredRecommendation/requestDigest`` and
/// API key hashes.
///
/// Computed by the system's libcrypto (already linked for TLS), which uses the CPU's SHA
/// extensions or vector units: hashing an API key on every request costs well under a
/// microsecond. Tested against the FIPS 180-4 example vectors, including the million-`a`
/// message.
public struct SHA256Digest: Sendable, Hashable {
  /// Bytes in a digest.
  public static let byteCount = 32

  /// The 32 digest bytes.
  public let bytes: [UInt8]

  /// The digest of `data`.
  public init<Bytes: Sequence>(of data: Bytes) where Bytes.Element == UInt8 {
    let digest = data.withContiguousStorageIfAvailable { Self.hash(UnsafeRawBufferPointer($0)) }
    bytes = digest ?? Array(data).withUnsafeBytes(Self.hash)
  }

  /// The digest as 64 lowercase hexadecimal characters.
  public var hexString: String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(64)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: byteCount) { digest, initialized in
      compute_advisor_sha256(data.baseAddress, data.count, digest.baseAddress)
      initialized = byteCount
    }
  }
}
