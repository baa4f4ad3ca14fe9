#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Creation of the non-blocking listening socket: address resolution, socket options,
/// bind and listen.
enum ListeningSocket {
  /// Binds and listens on `host:port`, returning the descriptor and the bound port (useful
  /// when `port` is 0).
  static func open(host: String, port: Int, backlog: Int32, reusePort: Bool) throws(SocketError)
    -> (descriptor: Int32, port: Int)
  {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = socketStreamType
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
    var results: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &results)
    guard status == 0, let first = results else {
      throw SocketError(
        operation: "getaddrinfo(\(host))", code: status,
        message: String(cString: gai_strerror(status)))
    }
    defer { freeaddrinfo(results) }

    var lastError = SocketError(operation: "bind(\(host):\(port))", code: 0, message: "no address")
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
      candidate = info.pointee.ai_next
      let descriptor = socket(info.pointee.ai_family, socketStreamType | nonBlockingCloseOnExec, 0)
      guard descriptor >= 0 else {
        lastError = .lastError("socket")
        continue
      }
      setOption(descriptor, SOL_SOCKET, SO_REUSEADDR)
      if reusePort { setOption(descriptor, SOL_SOCKET, SO_REUSEPORT) }
      guard bind(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
        lastError = .lastError("bind(\(host):\(port))")
        Glibc.close(descriptor)
        continue
      }
      guard listen(descriptor, backlog) == 0 else {
        lastError = .lastError("listen")
        Glibc.close(descriptor)
        continue
      }
      return (descriptor, boundPort(descriptor) ?? port)
    }
    throw lastError
  }

  /// Sets an integer socket option to 1, ignoring failure (options are optimisations).
  static func setOption(_ descriptor: Int32, _ level: Int32, _ option: Int32) {
    var one: Int32 = 1
    _ = setsockopt(descriptor, level, option, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  private static func boundPort(_ descriptor: Int32) -> Int? {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let status = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard status == 0 else { return nil }
    return SocketAddressFormatter.port(of: storage)
  }
}

#if canImport(Glibc)
  /// `SOCK_STREAM` as the `Int32` socket calls take.
  let socketStreamType = Int32(SOCK_STREAM.rawValue)
  /// `SOCK_NONBLOCK | SOCK_CLOEXEC`, for `socket` and `accept4`.
  let nonBlockingCloseOnExec = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
#endif
