/// The client connection preface of HTTP/2 (RFC 9113 section 3.4), recognized before any
/// HTTP/1.1 parsing so a client with prior knowledge can speak HTTP/2 in cleartext.
enum HTTP2Preface {
  /// How received bytes compare with the preface.
  enum Match {
    /// They start with the whole preface.
    case complete
    /// They are a proper prefix of it: wait for more.
    case partial
    /// They are something else (HTTP/1.x).
    case mismatch
  }

  /// `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`.
  static let bytes: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

  /// Compares the start of `received` with the preface.
  static func match(_ received: UnsafeRawBufferPointer) -> Match {
    let compared = min(received.count, bytes.count)
    for index in 0..<compared where received[index] != bytes[index] { return .mismatch }
    return compared == bytes.count ? .complete : .partial
  }
}
