#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A connection's reusable input buffer: bytes are read from the socket straight into it and
/// the parser looks at the unconsumed part in place. It starts small, grows when a request
/// needs it, and shrinks back when the connection is idle.
final class ReadBuffer {
  /// The size a buffer starts with and shrinks back to.
  static let initialCapacity = 4096
  /// The least free space offered to one `read`.
  private static let minimumReadSize = 2048

  private var storage: UnsafeMutableRawBufferPointer
  private var readerIndex = 0
  private var writerIndex = 0

  /// Creates an empty buffer.
  init() {
    storage = .allocate(byteCount: Self.initialCapacity, alignment: 16)
  }

  deinit {
    storage.deallocate()
  }

  /// The number of received bytes not yet consumed.
  var readableCount: Int { writerIndex - readerIndex }

  /// Runs `body` over the unconsumed bytes.
  func withReadableBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
    -> Result
  {
    try body(UnsafeRawBufferPointer(rebasing: storage[readerIndex..<writerIndex]))
  }

  /// Drops `count` bytes from the front.
  func consume(_ count: Int) {
    precondition(count <= readableCount)
    readerIndex += count
    if readerIndex == writerIndex {
      readerIndex = 0
      writerIndex = 0
    }
  }

  /// Reads once from `descriptor` into free space, making room first; returns `read`'s result.
  func read(from descriptor: Int32) -> Int {
    read { Glibc.read(descriptor, $0, $1) }
  }

  /// Makes room, then lets `reader` fill free space (address, capacity) once; `reader`
  /// returns the bytes it stored, or 0 or less as `read(2)` does.
  func read(using reader: (UnsafeMutableRawPointer, Int) -> Int) -> Int {
    reserveReadSpace()
    let result = reader(storage.baseAddress! + writerIndex, storage.count - writerIndex)
    if result > 0 { writerIndex += result }
    return result
  }

  /// Returns to the initial capacity when empty, so idle connections hold little memory.
  func shrinkIfEmpty() {
    guard readableCount == 0, storage.count > Self.initialCapacity else { return }
    storage.deallocate()
    storage = .allocate(byteCount: Self.initialCapacity, alignment: 16)
    readerIndex = 0
    writerIndex = 0
  }

  private func reserveReadSpace() {
    guard storage.count - writerIndex < Self.minimumReadSize else { return }
    let readable = readableCount
    if readerIndex > 0 && storage.count - readable >= Self.minimumReadSize {
      storage.baseAddress!.copyMemory(from: storage.baseAddress! + readerIndex, byteCount: readable)
    } else {
      let larger = UnsafeMutableRawBufferPointer.allocate(
        byteCount: storage.count * 2, alignment: 16)
      larger.baseAddress!.copyMemory(from: storage.baseAddress! + readerIndex, byteCount: readable)
      storage.deallocate()
      storage = larger
    }
    readerIndex = 0
    writerIndex = readable
  }
}
