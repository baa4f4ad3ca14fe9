import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A response as read off the wire by the raw client.
struct RawResponse {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: [UInt8]

  /// The first value of a header, compared case-insensitively.
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The body as UTF-8 text.
  var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client over a raw socket, sending exactly the bytes a test gives it and
/// parsing responses by hand, so that tests see precisely what the server put on the wire.
/// Used by one thread at a time.
final class RawHTTPClient: @unchecked Sendable {
  enum ClientError: Error {
    case system(String)
    case closedBeforeResponse
    case malformedResponse(String)
  }

  private let descriptor: Int32
  private var pending: [UInt8] = []

  /// Connects to `127.0.0.1:port`; reads give up after `timeoutSeconds`.
  init(port: Int, timeoutSeconds: Int = 5) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ClientError.system("socket") }
    setReadTimeout(seconds: timeoutSeconds)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    // No close here: a class whose initializer throws once every property is set still
    // runs its deinit, which closes the descriptor; closing it twice could close a socket
    // another test has opened under the same number meanwhile.
    guard status == 0 else { throw ClientError.system("connect") }
  }

  deinit { Glibc.close(descriptor) }

  /// Waits (up to `seconds`) until the server has sent something not yet read, and returns
  /// whether it did; reads nothing.
  func waitForUnreadInput(seconds: Double) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
      var available: Int32 = 0
      if ioctl(descriptor, UInt(FIONREAD), &available) == 0, available > 0 { return true }
      usleep(10_000)
    }
    return false
  }

  /// Makes later reads give up after `seconds`.
  func setReadTimeout(seconds: Int) {
    var timeout = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sends bytes in one write.
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { throw ClientError.system("send") }
      offset += sent
    }
  }

  /// Sends a string's UTF-8 bytes in one write.
  func send(_ text: String) throws { try send(Array(text.utf8)) }

  /// Reads one response; `forHead` means a response to HEAD (no body despite its length).
  func readResponse(forHead: Bool = false) throws -> RawResponse {
    let headEnd = try readUntil([0x0D, 0x0A, 0x0D, 0x0A])
    let head = String(decoding: pending[..<headEnd], as: UTF8.self)
    pending.removeFirst(headEnd + 4)
    var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1])
    else { throw ClientError.malformedResponse(head) }
    let headers = try lines.map { line -> (String, String) in
      guard let colon = line.firstIndex(of: ":") else {
        throw ClientError.malformedResponse(head)
      }
      return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
    }
    var response = RawResponse(status: status, headers: headers, body: [])
    let length = forHead || status < 200 ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
    while pending.count < length {
      guard try receiveMore() else { throw ClientError.closedBeforeResponse }
    }
    response.body = Array(pending[..<length])
    pending.removeFirst(length)
    return response
  }

  /// Whether the server closed the connection (end of stream or reset) without sending
  /// anything more.
  func isClosedByServer() throws -> Bool {
    if !pending.isEmpty { return false }
    return try !receiveMore()
  }

  /// Reads exactly `count` bytes, or nil when the server closes first.
  func readBytes(_ count: Int) throws -> [UInt8]? {
    while pending.count < count {
      guard try receiveMore() else { return nil }
    }
    defer { pending.removeFirst(count) }
    return Array(pending[..<count])
  }

  /// Closes the sending side, as a client that has nothing more to say.
  func shutdownWrite() {
    Glibc.shutdown(descriptor, Int32(SHUT_WR))
  }

  private func readUntil(_ marker: [UInt8]) throws -> Int {
    while true {
      if let index = pending.firstRange(of: marker)?.lowerBound { return index }
      guard try receiveMore() else { throw ClientError.closedBeforeResponse }
    }
  }

  /// Reads more bytes; false at end of stream or reset.
  private func receiveMore() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
    if count > 0 {
      pending.append(contentsOf: chunk[..<count])
      return true
    }
    if count == 0 || errno == ECONNRESET { return false }
    throw ClientError.system("recv errno \(errno)")
  }
}
