import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Random version-4 UUIDs as lower-case strings (request ids, record ids), from the
/// kernel's CSPRNG read 4 KiB at a time.
///
/// Foundation's `UUID()` on Linux opens, reads and closes `/dev/urandom` for every value:
/// three system calls per request for the request id alone. Here `/dev/urandom` stays open
/// and one read serves 256 identifiers, each byte handed out once, under a lock.
enum RandomIdentifier {
  private static let bytesPerIdentifier = 16
  private static let poolSize = 4096
  private static let lock = NSLock()
  nonisolated(unsafe) private static var pool = [UInt8](repeating: 0, count: poolSize)
  nonisolated(unsafe) private static var next = poolSize
  nonisolated(unsafe) private static var source: Int32 = -1

  /// A new random UUID (122 random bits, RFC 9562 version 4), e.g.
  /// `"3f2c1a9e-7b4d-4c1e-9a2f-0d8e6b5c4a31"`.
  static func uuid() -> String {
    var bytes = randomBytes()
    bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10
    return format(bytes)
  }

  /// `bytes` as the canonical 8-4-4-4-12 lower-case hex form.
  static func format(_ bytes: [UInt8]) -> String {
    let hex = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: 36) { text in
      var position = 0
      for (index, byte) in bytes.enumerated() {
        if index == 4 || index == 6 || index == 8 || index == 10 {
          text[position] = UInt8(ascii: "-")
          position += 1
        }
        text[position] = hex[Int(byte >> 4)]
        text[position + 1] = hex[Int(byte & 0x0F)]
        position += 2
      }
      return position
    }
  }

  private static func randomBytes() -> [UInt8] {
    lock.withLock {
      if next + bytesPerIdentifier > poolSize {
        refill()
        next = 0
      }
      defer { next += bytesPerIdentifier }
      let taken = Array(pool[next..<next + bytesPerIdentifier])
      // Handed out once: wipe them so a later reader of the pool cannot see them.
      for index in next..<next + bytesPerIdentifier { pool[index] = 0 }
      return taken
    }
  }

  /// Fills the pool from `/dev/urandom` (opened on first use, kept open). Failing to read
  /// the kernel's random source is unrecoverable for an identifier generator.
  private static func refill() {
    if source < 0 {
      source = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
      guard source >= 0 else { fatalError("cannot open /dev/urandom: errno \(errno)") }
    }
    var filled = 0
    while filled < poolSize {
      let count = pool.withUnsafeMutableBytes { buffer in
        read(source, buffer.baseAddress! + filled, poolSize - filled)
      }
      if count <= 0 {
        guard count < 0, errno == EINTR else {
          fatalError("cannot read /dev/urandom: errno \(errno)")
        }
        continue
      }
      filled += count
    }
  }
}
