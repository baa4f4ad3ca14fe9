/// A raw HTTP/2 client for protocol tests: it writes frames byte by byte exactly as a test
/// gives them (valid or not) and reads the server's frames back, so tests see the precise
/// GOAWAY or RST_STREAM error codes. Header blocks use HPACK literals without indexing or
/// Huffman coding, which every decoder accepts.
final class HTTP2FrameClient: @unchecked Sendable {
  /// A frame as read off the wire.
  struct Frame {
    var type: UInt8
    var flags: UInt8
    var streamID: UInt32
    var payload: [UInt8]

    /// The error code of a GOAWAY (after the last stream id) or RST_STREAM frame.
    var errorCode: UInt32? {
      switch type {
      case FrameType.goaway where payload.count >= 8: return Self.uint32(payload, at: 4)
      case FrameType.rstStream where payload.count == 4: return Self.uint32(payload, at: 0)
      default: return nil
      }
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
      bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
  }

  /// Frame type codes (RFC 9113 section 6).
  enum FrameType {
    static let data: UInt8 = 0x0
    static let headers: UInt8 = 0x1
    static let rstStream: UInt8 = 0x3
    static let settings: UInt8 = 0x4
    static let ping: UInt8 = 0x6
    static let goaway: UInt8 = 0x7
    static let windowUpdate: UInt8 = 0x8
    static let continuation: UInt8 = 0x9
  }

  /// Error codes (RFC 9113 section 7).
  enum ErrorCode {
    static let protocolError: UInt32 = 0x1
    static let internalError: UInt32 = 0x2
    static let flowControlError: UInt32 = 0x3
    static let frameSizeError: UInt32 = 0x6
    static let refusedStream: UInt32 = 0x7
    static let cancel: UInt32 = 0x8
    static let enhanceYourCalm: UInt32 = 0xb
  }

  /// Flags.
  static let endStream: UInt8 = 0x1
  static let endHeaders: UInt8 = 0x4
  static let ack: UInt8 = 0x1

  private let connection: RawHTTPClient

  /// Connects and sends the preface with empty SETTINGS.
  init(port: Int) throws {
    connection = try RawHTTPClient(port: port)
    try connection.send(Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8))
    try send(type: FrameType.settings, flags: 0, streamID: 0, payload: [])
  }

  /// Sends one frame.
  func send(type: UInt8, flags: UInt8, streamID: UInt32, payload: [UInt8]) throws {
    let length = payload.count
    var frame: [UInt8] = [
      UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff),
    ]
    frame += [type, flags]
    frame += [24, 16, 8, 0].map { UInt8(streamID >> UInt32($0) & 0xff) }
    try connection.send(frame + payload)
  }

  /// Sends a HEADERS frame with `fields` (pseudo-headers first, in the order given).
  func sendHeaders(
    streamID: UInt32, _ fields: [(String, String)], endStream: Bool = true,
    endHeaders: Bool = true
  ) throws {
    let flags = (endStream ? Self.endStream : 0) | (endHeaders ? Self.endHeaders : 0)
    try send(
      type: FrameType.headers, flags: flags, streamID: streamID, payload: Self.encode(fields))
  }

  /// A GET for `path` as the four pseudo-headers.
  static func get(_ path: String) -> [(String, String)] {
    [(":method", "GET"), (":scheme", "http"), (":path", path), (":authority", "test")]
  }

  /// The header block for `fields`: literal header fields without indexing, new names.
  static func encode(_ fields: [(String, String)]) -> [UInt8] {
    var block: [UInt8] = []
    for (name, value) in fields {
      block.append(0x00)
      block += encodeString(name)
      block += encodeString(value)
    }
    return block
  }

  private static func encodeString(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    precondition(bytes.count < 127, "long strings need HPACK's multi-byte length")
    return [UInt8(bytes.count)] + bytes
  }

  /// The next frame, or nil when the server closed the connection.
  func readFrame() throws -> Frame? {
    guard let header = try connection.readBytes(9) else { return nil }
    let length = Int(header[0]) << 16 | Int(header[1]) << 8 | Int(header[2])
    let streamID = header[5..<9].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7fff_ffff
    guard let payload = try connection.readBytes(length) else { return nil }
    return Frame(type: header[3], flags: header[4], streamID: streamID, payload: payload)
  }

  /// Reads until a frame of `type` (on `streamID` when given); nil if the connection ends.
  func readUntil(type: UInt8, streamID: UInt32? = nil) throws -> Frame? {
    while let frame = try readFrame() {
      if frame.type == type && (streamID == nil || frame.streamID == streamID) { return frame }
    }
    return nil
  }

  /// Whether the server closed the connection (after whatever frames it still sent).
  func isClosedByServer() throws -> Bool {
    while try readFrame() != nil {}
    return true
  }
}
