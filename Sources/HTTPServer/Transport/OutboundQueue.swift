#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bytes waiting to be sent on a connection. `flush` sends as much as the socket takes with
/// one `sendmsg` (gathering up to 16 buffers, `MSG_NOSIGNAL`), keeping the rest queued.
struct OutboundQueue {
  /// What a flush achieved.
  enum FlushResult: Equatable {
    /// Everything was sent.
    case drained
    /// The socket is full; wait until it is writable.
    case wouldBlock
    /// The peer is gone or the socket failed.
    case failed
  }

  private static let maxBuffersPerSend = 16

  private var buffers: [[UInt8]] = []
  private var sentOfFirst = 0

  /// Whether nothing is waiting.
  var isEmpty: Bool { buffers.isEmpty }

  /// The number of bytes waiting.
  var pendingByteCount: Int { buffers.reduce(0) { $0 + $1.count } - sentOfFirst }

  /// Queues buffers behind what is already waiting.
  mutating func enqueue(_ newBuffers: [[UInt8]]) {
    for buffer in newBuffers where !buffer.isEmpty { buffers.append(buffer) }
  }

  /// Removes and returns what is still waiting, the partly sent first buffer trimmed.
  mutating func takeRemaining() -> [[UInt8]] {
    guard !buffers.isEmpty else { return [] }
    var remaining = buffers
    remaining[0] = Array(remaining[0][sentOfFirst...])
    buffers = []
    sentOfFirst = 0
    return remaining
  }

  /// Sends until drained, the socket is full or an error occurs; returns whether any byte
  /// was sent in `madeProgress`.
  mutating func flush(to descriptor: Int32, madeProgress: inout Bool) -> FlushResult {
    while !buffers.isEmpty {
      let sent = send(descriptor)
      if sent < 0 {
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        default: return .failed
        }
      }
      madeProgress = madeProgress || sent > 0
      advance(by: sent)
    }
    return .drained
  }

  /// Sends through TLS until drained, the socket is full or an error occurs. One buffer per
  /// `SSL_write`, retried from the same bytes after a full socket as OpenSSL requires.
  mutating func flush(to tls: TLSSession, madeProgress: inout Bool) -> FlushResult {
    while let first = buffers.first {
      let offset = sentOfFirst
      let sent = first.withUnsafeBytes { bytes in
        tls.write(bytes.baseAddress! + offset, count: bytes.count - offset)
      }
      if sent < 0 { return errno == EAGAIN ? .wouldBlock : .failed }
      madeProgress = true
      advance(by: sent)
    }
    return .drained
  }

  private func send(_ descriptor: Int32) -> Int {
    let count = min(buffers.count, Self.maxBuffersPerSend)
    if count == 1 {
      return buffers[0].withUnsafeBytes { bytes in
        Glibc.send(
          descriptor, bytes.baseAddress! + sentOfFirst, bytes.count - sentOfFirst,
          Int32(MSG_NOSIGNAL))
      }
    }
    var vectors = [iovec](repeating: iovec(), count: count)
    return withArraysPinned(count: count) { pointers in
      for index in 0..<count {
        let skip = index == 0 ? sentOfFirst : 0
        vectors[index] = iovec(
          iov_base: UnsafeMutableRawPointer(mutating: pointers[index] + skip),
          iov_len: buffers[index].count - skip)
      }
      return vectors.withUnsafeMutableBufferPointer { vectorBuffer in
        var message = msghdr()
        message.msg_iov = vectorBuffer.baseAddress
        message.msg_iovlen = count
        return Glibc.sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
      }
    }
  }

  /// Calls `body` with stable base addresses of the first `count` buffers.
  private func withArraysPinned<Result>(
    count: Int, _ body: ([UnsafeRawPointer]) -> Result, pinned: [UnsafeRawPointer] = []
  ) -> Result {
    if pinned.count == count { return body(pinned) }
    return buffers[pinned.count].withUnsafeBytes { bytes in
      withArraysPinned(count: count, body, pinned: pinned + [bytes.baseAddress!])
    }
  }

  private mutating func advance(by sent: Int) {
    var remaining = sent
    while remaining > 0, let first = buffers.first {
      let left = first.count - sentOfFirst
      if remaining >= left {
        remaining -= left
        buffers.removeFirst()
        sentOfFirst = 0
      } else {
        sentOfFirst += remaining
        remaining = 0
      }
    }
  }
}
