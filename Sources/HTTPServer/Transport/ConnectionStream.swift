#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A connection's byte stream: the socket itself, or TLS over it. The connection reads,
/// writes and closes through it without knowing which.
struct ConnectionStream {
  /// The accepted socket.
  let descriptor: Int32
  /// The TLS session over the socket, or nil for cleartext.
  let tls: TLSSession?

  /// Whether bytes travel encrypted.
  var isTLS: Bool { tls != nil }

  /// Receives into `input` with `read(2)`'s contract. Over TLS it also takes the plaintext
  /// OpenSSL already holds, which the socket's readability would never announce.
  func receive(into input: ReadBuffer) -> Int {
    guard let tls else { return input.read(from: descriptor) }
    var total = 0
    while true {
      let result = input.read(using: { tls.read(into: $0, count: $1) })
      if result <= 0 { return total > 0 ? total : result }
      total += result
      if !tls.hasBufferedPlaintext { return total }
    }
  }

  /// Sends what `output` holds until drained, the socket is full, or it fails.
  func flush(_ output: inout OutboundQueue, madeProgress: inout Bool) -> OutboundQueue.FlushResult {
    if let tls { return output.flush(to: tls, madeProgress: &madeProgress) }
    return output.flush(to: descriptor, madeProgress: &madeProgress)
  }

  /// Ends the sending direction: close_notify over TLS, then a TCP half-close.
  func shutdownOutput() {
    tls?.sendCloseNotify()
    shutdown(descriptor, Int32(SHUT_WR))
  }

  /// Before closing the socket: tells a TLS peer the end is deliberate (close_notify), so
  /// it can tell a complete response from a truncated one.
  func prepareToClose() {
    tls?.sendCloseNotify()
  }
}
