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
    bytes = [UInt8](unsafeUninitializedCapacity: Self.byteCount) { digest, initialized in
      Self.hash(data, into: UnsafeMutableRawBufferPointer(digest))
      initialized = Self.byteCount
    }
  }

  /// Calls `body` with the digest of `data` in a temporary buffer: nothing is allocated,
  /// for a digest that is only compared (an API key's, on every request).
  public static func withDigest<Bytes: Sequence, Result>(
    of data: Bytes, _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result where Bytes.Element == UInt8 {
    withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 1) { digest in
      hash(data, into: digest)
      return body(UnsafeRawBufferPointer(digest))
    }
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

  /// Writes the digest of `data` into the first 32 bytes of `digest`.
  private static func hash<Bytes: Sequence>(
    _ data: Bytes, into digest: UnsafeMutableRawBufferPointer
  )
  where Bytes.Element == UInt8 {
    precondition(digest.count >= byteCount, "a SHA-256 digest needs 32 bytes")
    let hashed: Void? = data.withContiguousStorageIfAvailable {
      compute_advisor_sha256($0.baseAddress, $0.count, digest.baseAddress)
    }
    if hashed == nil {
      Array(data).withUnsafeBufferPointer {
        compute_advisor_sha256($0.baseAddress, $0.count, digest.baseAddress)
      }
    }
  }
}
