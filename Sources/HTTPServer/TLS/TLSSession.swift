import COpenSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One connection's TLS state (`SSL`) over its non-blocking socket. Used only on the
/// connection's queue; OpenSSL reads and writes the descriptor itself.
final class TLSSession {
  /// Where a handshake step left off.
  enum HandshakeProgress: Equatable {
    /// The handshake is complete.
    case done
    /// Waiting for the socket to become readable.
    case wantRead
    /// Waiting for the socket to become writable.
    case wantWrite
    /// The handshake failed (bad client hello, protocol version refused, peer gone).
    case failed
  }

  private let ssl: OpaquePointer
  /// Set after a fatal error: OpenSSL forbids `SSL_shutdown` then.
  private var failed = false
  private var closeNotifySent = false

  /// Takes ownership of a server-side `SSL` bound to the connection's descriptor.
  init(ssl: OpaquePointer) {
    self.ssl = ssl
  }

  deinit {
    SSL_free(ssl)
  }

  /// Advances the handshake as far as the socket allows.
  func handshake() -> HandshakeProgress {
    ERR_clear_error()
    let result = SSL_do_handshake(ssl)
    if result == 1 { return .done }
    switch SSL_get_error(ssl, result) {
    case SSL_ERROR_WANT_READ: return .wantRead
    case SSL_ERROR_WANT_WRITE: return .wantWrite
    default:
      failed = true
      ERR_clear_error()
      return .failed
    }
  }

  /// The protocol ALPN selected (`h2`, `http/1.1`), or nil when none was negotiated.
  var negotiatedProtocol: String? {
    var data: UnsafePointer<UInt8>?
    var length: UInt32 = 0
    SSL_get0_alpn_selected(ssl, &data, &length)
    guard let data, length > 0 else { return nil }
    return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
  }

  /// Whether decrypted bytes of an already received record wait inside OpenSSL, which the
  /// socket's readability would not announce.
  var hasBufferedPlaintext: Bool { SSL_pending(ssl) > 0 || SSL_has_pending(ssl) == 1 }

  /// Decrypts into `buffer` with `read(2)`'s contract: bytes read, 0 at the peer's
  /// close_notify, or -1 with `errno` EAGAIN (no complete record yet) or ECONNRESET.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    ERR_clear_error()
    let result = SSL_read(ssl, buffer, Int32(clamping: count))
    if result > 0 { return Int(result) }
    return failure(of: result)
  }

  /// Encrypts and sends from `buffer` with `send(2)`'s contract: bytes taken, or -1 with
  /// `errno` EAGAIN (retry with the same bytes when writable) or ECONNRESET.
  func write(_ buffer: UnsafeRawPointer, count: Int) -> Int {
    ERR_clear_error()
    let result = SSL_write(ssl, buffer, Int32(clamping: count))
    if result > 0 { return Int(result) }
    return failure(of: result)
  }

  /// Sends the close_notify alert once, without waiting for the peer's (best effort: the
  /// socket is non-blocking and about to be closed).
  func sendCloseNotify() {
    guard !failed, !closeNotifySent, SSL_is_init_finished(ssl) == 1 else { return }
    closeNotifySent = true
    ERR_clear_error()
    _ = SSL_shutdown(ssl)
    ERR_clear_error()
  }

  private func failure(of result: Int32) -> Int {
    switch SSL_get_error(ssl, result) {
    case SSL_ERROR_ZERO_RETURN:
      return 0
    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
      errno = EAGAIN
      return -1
    default:
      failed = true
      ERR_clear_error()
      errno = ECONNRESET
      return -1
    }
  }
}
