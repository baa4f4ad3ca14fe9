import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A response as the test client read it off the wire.
struct WireResponse: Sendable {
  /// The status code.
  var status: Int
  /// Every header field in the order received.
  var headers: [(name: String, value: String)]
  /// The body bytes (empty for 204 and 304).
  var body: [UInt8]

  /// The first value of a header field, compared case-insensitively.
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The body as UTF-8 text.
  var text: String { String(decoding: body, as: UTF8.self) }

  /// The body parsed as a JSON object; fails the caller when it is not one.
  func jsonObject() throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
      throw SocketHTTPClient.ClientError.malformedResponse("body is not a JSON object: \(text)")
    }
    return object
  }
}

/// A small blocking HTTP/1.1 client over one TCP connection to the loopback interface.
/// It writes exactly the request it is given and reads responses framed by
/// `Content-Length`, so tests see what the server put on the wire. One thread at a time.
final class SocketHTTPClient: @unchecked Sendable {
  /// Why a request could not complete.
  enum ClientError: Error, CustomStringConvertible {
    /// A system call failed with the `errno` it left (read when the error is made).
    case system(String, errno: Int32 = errno)
    case closedBeforeResponse
    case malformedResponse(String)

    var description: String {
      switch self {
      case .system(let call, let code): "\(call) failed: errno \(code)"
      case .closedBeforeResponse: "the server closed the connection before a whole response"
      case .malformedResponse(let head): "malformed response: \(head)"
      }
    }
  }

  private let descriptor: Int32
  private var pending: [UInt8] = []

  /// Connects to `127.0.0.1:port`; a read waits at most `timeoutSeconds`.
  init(port: Int, timeoutSeconds: Int = 10) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ClientError.system("socket") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
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

  /// Sends one request and reads its response. `Host` and, with a body, `Content-Length`
  /// are added; every other field is sent as given.
  func request(
    _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil
  ) throws -> WireResponse {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    try send(Array(head.utf8) + (body ?? []))
    return try readResponse(forHead: method == "HEAD")
  }

  /// Sends raw bytes, for requests the convenience method cannot express.
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      // A server may answer early (413) and close while the body is still being sent.
      if sent <= 0 {
        if errno == EPIPE || errno == ECONNRESET { return }
        throw ClientError.system("send")
      }
      offset += sent
    }
  }

  /// Reads one response framed by `Content-Length`.
  func readResponse(forHead: Bool = false) throws -> WireResponse {
    let headEnd = try readUntil([0x0D, 0x0A, 0x0D, 0x0A])
    let head = String(decoding: pending[..<headEnd], as: UTF8.self)
    pending.removeFirst(headEnd + 4)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1])
    else { throw ClientError.malformedResponse(head) }
    let headers = try lines.map { line -> (name: String, value: String) in
      guard let colon = line.firstIndex(of: ":") else { throw ClientError.malformedResponse(head) }
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      return (String(line[..<colon]), value)
    }
    var response = WireResponse(status: status, headers: headers, body: [])
    let bodiless = forHead || status == 204 || status == 304 || status < 200
    let length = bodiless ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
    while pending.count < length {
      guard try receiveMore() else { throw ClientError.closedBeforeResponse }
    }
    response.body = Array(pending[..<length])
    pending.removeFirst(length)
    return response
  }

  private func readUntil(_ marker: [UInt8]) throws -> Int {
    while true {
      if let index = pending.firstRange(of: marker)?.lowerBound { return index }
      guard try receiveMore() else { throw ClientError.closedBeforeResponse }
    }
  }

  /// Reads more bytes; false at end of stream or on reset.
  private func receiveMore() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65_536)
    let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
    if count > 0 {
      pending.append(contentsOf: chunk[..<count])
      return true
    }
    if count == 0 || errno == ECONNRESET { return false }
    throw ClientError.system("recv")
  }
}
