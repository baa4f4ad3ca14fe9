/// Writes a response head (and small bodies) into bytes ready for `sendmsg`.
///
/// The server owns message framing: handler-set `Content-Length`, `Transfer-Encoding` and
/// `Connection` fields are replaced by its own; `Date` is added unless the handler set one.
enum ResponseSerializer {
  /// Bodies up to this size are copied after the head so one buffer is sent; larger ones
  /// are sent as a second buffer without copying.
  static let inlineBodyLimit = 16_384

  /// The bytes to send for `response`, as one or two buffers.
  static func serialize(
    _ response: HTTPResponse, requestMethod: HTTPMethod, requestVersion: HTTPVersion,
    keepAlive: Bool, serverName: String?
  ) -> [[UInt8]] {
    var head: [UInt8] = []
    head.reserveCapacity(
      128 + response.headers.storage.count + response.headers.count * 4
        + (response.body.count <= inlineBodyLimit ? response.body.count : 0))
    head.append(contentsOf: "HTTP/1.1 ".utf8)
    appendDecimal(response.status.code, to: &head)
    head.append(UInt8(ascii: " "))
    head.append(contentsOf: response.status.reasonPhrase.utf8)
    head.append(contentsOf: "\r\n".utf8)
    var sawDate = false
    let headers = response.headers
    for index in 0..<headers.count {
      let entry = headers.entries[index]
      let nameLength = entry.nameEnd - entry.nameStart
      if (nameLength == 10 && headers.nameMatches(at: index, "connection"))
        || (nameLength == 14 && headers.nameMatches(at: index, "content-length"))
        || (nameLength == 17 && headers.nameMatches(at: index, "transfer-encoding"))
      {
        continue
      }
      if nameLength == 4 && headers.nameMatches(at: index, "date") { sawDate = true }
      head.append(contentsOf: headers.storage[entry.nameStart..<entry.nameEnd])
      head.append(UInt8(ascii: ":"))
      head.append(UInt8(ascii: " "))
      head.append(contentsOf: headers.storage[entry.valueStart..<entry.valueEnd])
      head.append(0x0D)
      head.append(0x0A)
    }
    if response.status.allowsContent {
      head.append(contentsOf: "Content-Length: ".utf8)
      appendDecimal(response.body.count, to: &head)
      head.append(contentsOf: "\r\n".utf8)
    }
    if !sawDate {
      head.append(contentsOf: "Date: ".utf8)
      head.append(contentsOf: HTTPDate.now())
      head.append(contentsOf: "\r\n".utf8)
    }
    if let serverName {
      head.append(contentsOf: "Server: \(serverName)\r\n".utf8)
    }
    if !keepAlive {
      head.append(contentsOf: "Connection: close\r\n".utf8)
    } else if requestVersion == .http10 {
      head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
    }
    head.append(contentsOf: "\r\n".utf8)
    guard requestMethod != .head, response.status.allowsContent, !response.body.isEmpty else {
      return [head]
    }
    if response.body.count <= inlineBodyLimit {
      head.append(contentsOf: response.body)
      return [head]
    }
    return [head, response.body]
  }

  /// Appends a non-negative integer's decimal digits without building a string.
  static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
    if value >= 10 { appendDecimal(value / 10, to: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// Whether the handler asked to close the connection with `Connection: close`.
  static func requestsClose(_ response: HTTPResponse) -> Bool {
    response.headers.values(for: "Connection").contains { value in
      FramingInterpreter.listElements(ArraySlice(value.utf8)).contains {
        ByteClass.equalsCaseInsensitively($0, "close")
      }
    }
  }

  /// The interim response sent before reading a body the client expects to be accepted.
  static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
