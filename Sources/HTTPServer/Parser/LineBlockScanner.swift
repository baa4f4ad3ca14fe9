#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the end of a block of CRLF-terminated lines closed by an empty line (a request head
/// or a trailer section), resuming where the previous call stopped so that a head arriving
/// byte by byte is scanned in linear time.
///
/// Every LF must be preceded by CR; a bare LF is reported at once rather than waiting for a
/// limit or a timer.
struct LineBlockScanner: Sendable, Equatable {
  /// What a scan found.
  enum Outcome: Equatable {
    /// No empty line yet; call again with more bytes.
    case incomplete
    /// The block ends at this offset, just after the empty line's LF.
    case complete(end: Int)
    /// An LF without a CR before it, at this offset.
    case invalidLineEnding(at: Int)
  }

  /// Offset where the current, not yet terminated line starts.
  private(set) var lineStart = 0
  /// Offset just after the first line's LF, once the first line is complete.
  private(set) var firstLineEnd: Int?

  /// Scans `bytes`, which must start with the same bytes as at the previous call.
  mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Outcome {
    guard let base = bytes.baseAddress else { return .incomplete }
    while lineStart < bytes.count {
      guard let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) else {
        return .incomplete
      }
      let lineFeed = base.distance(to: UnsafeRawPointer(found))
      guard lineFeed > 0, bytes[lineFeed - 1] == 0x0D else {
        return .invalidLineEnding(at: lineFeed)
      }
      if firstLineEnd == nil { firstLineEnd = lineFeed + 1 }
      if lineFeed - 1 == lineStart { return .complete(end: lineFeed + 1) }
      lineStart = lineFeed + 1
    }
    return .incomplete
  }
}
