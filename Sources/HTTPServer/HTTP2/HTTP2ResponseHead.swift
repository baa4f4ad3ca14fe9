import CNGHTTP2

/// The header block of an HTTP/2 response: `:status`, the handler's fields in lower case
/// without the connection-specific ones HTTP/2 forbids, then `content-length`, `date`,
/// `server` and HSTS as the server adds them for HTTP/1.1.
struct HTTP2ResponseHead {
  /// Fields HTTP/2 forbids in messages (RFC 9113 section 8.2.2), and those the server
  /// computes itself.
  private static let dropped: Set<String> = [
    "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade",
    "content-length",
  ]

  private var fields: [(name: String, value: String)] = []

  /// The head for `response`; `contentLength` nil sends none (HEAD, 204, 304).
  init(
    _ response: HTTPResponse, contentLength: Int?, serverName: String?,
    strictTransportSecurity: String?
  ) {
    fields.append((":status", String(response.status.code)))
    var sawDate = false
    var sawHSTS = false
    for field in response.headers {
      let name = field.name.lowercased()
      if Self.dropped.contains(name) { continue }
      if name == "date" { sawDate = true }
      if name == "strict-transport-security" { sawHSTS = true }
      fields.append((name, field.value))
    }
    if let contentLength { fields.append(("content-length", String(contentLength))) }
    if !sawDate { fields.append(("date", String(decoding: HTTPDate.now(), as: UTF8.self))) }
    if let serverName { fields.append(("server", serverName)) }
    if let strictTransportSecurity, !sawHSTS {
      fields.append(("strict-transport-security", strictTransportSecurity))
    }
  }

  /// Runs `body` with nghttp2 name/value pairs pointing into this head's storage; nghttp2
  /// copies them when the response is submitted.
  func withNameValuePairs<Result>(_ body: (UnsafeMutableBufferPointer<nghttp2_nv>) -> Result)
    -> Result
  {
    var storage: [UInt8] = []
    var ranges: [(name: Range<Int>, value: Range<Int>)] = []
    for (name, value) in fields {
      let nameStart = storage.count
      storage.append(contentsOf: name.utf8)
      let valueStart = storage.count
      storage.append(contentsOf: value.utf8)
      ranges.append((nameStart..<valueStart, valueStart..<storage.count))
    }
    return storage.withUnsafeMutableBufferPointer { bytes in
      var pairs = ranges.map { range in
        nghttp2_nv(
          name: bytes.baseAddress! + range.name.lowerBound,
          value: bytes.baseAddress! + range.value.lowerBound, namelen: range.name.count,
          valuelen: range.value.count, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
      }
      return pairs.withUnsafeMutableBufferPointer { body($0) }
    }
  }
}
