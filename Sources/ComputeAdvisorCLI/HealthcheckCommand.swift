import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `compute-advisor healthcheck`: asks a running `serve` whether it is alive.
///
/// It sends `GET /healthz` over a plain TCP socket to the server on this host and exits 0
/// when the answer's status is 200, 1 otherwise (refused, timed out, other status). It is the
/// container's `HEALTHCHECK`, so it needs nothing the image does not hold: no curl, no
/// Foundation networking, only POSIX sockets.
///
/// The port comes from `--port`, else `COMPUTE_ADVISOR_PORT`, else 8080, so the check follows
/// the same configuration as `serve`. The host comes from `--host`, else
/// `COMPUTE_ADVISOR_HOST` when that names one address (not a wildcard), else 127.0.0.1.
struct HealthcheckCommand: ParsableCommand {
  /// The subcommand's name and help.
  static let configuration = CommandConfiguration(
    commandName: "healthcheck",
    abstract: "Exit 0 when the local server answers GET /healthz with 200, 1 otherwise."
  )

  /// The address to ask; defaults to the serve address, or 127.0.0.1 when serve binds all.
  @Option(help: "Host to ask (default: COMPUTE_ADVISOR_HOST unless a wildcard, else 127.0.0.1).")
  var host: String?

  /// The port to ask; defaults to `COMPUTE_ADVISOR_PORT`, then 8080.
  @Option(help: "Port to ask (default: COMPUTE_ADVISOR_PORT, else 8080).")
  var port: Int?

  /// The path to request: `/healthz` (liveness) or `/readyz` (readiness).
  @Option(help: "Path to request.")
  var path: String = "/healthz"

  /// The whole check's time budget: connect, send and the status line.
  @Option(help: "Seconds allowed for the whole check.")
  var timeout: Double = 3

  /// Prints nothing on success unless asked; failures always go to standard error.
  @Flag(help: "Print the status line on success.")
  var verbose = false

  /// Checks the arguments before any network work.
  func validate() throws {
    if let port {
      guard (1...65_535).contains(port) else {
        throw ValidationError("--port must be between 1 and 65535, got \(port)")
      }
    } else {
      _ = try HealthcheckEnvironment.current.port()
    }
    if !path.hasPrefix("/") {
      throw ValidationError("--path must start with '/', got \(path)")
    }
    if !(timeout > 0 && timeout <= 3_600) {
      throw ValidationError("--timeout must be between 0 and 3600 seconds, got \(timeout)")
    }
  }

  /// Asks the server and turns the answer into the exit code.
  func run() throws {
    let environment = HealthcheckEnvironment.current
    let target = HealthcheckTarget(
      host: host ?? environment.defaultHost,
      port: try port ?? environment.port(),
      path: path
    )
    let client = HealthcheckClient(deadline: HealthcheckDeadline(seconds: timeout))
    do {
      let status = try client.statusCode(of: target)
      guard status == 200 else {
        printToStandardError("unhealthy: GET \(target) answered \(status)")
        throw ExitCode.failure
      }
      if verbose {
        print("healthy: GET \(target) answered 200")
      }
    } catch let error as HealthcheckError {
      printToStandardError("unhealthy: GET \(target): \(error)")
      throw ExitCode.failure
    }
  }
}

/// The configuration `healthcheck` shares with `serve`, read from the process environment.
struct HealthcheckEnvironment {
  /// `COMPUTE_ADVISOR_HOST`, when set.
  var serveHost: String?
  /// `COMPUTE_ADVISOR_PORT`, when set.
  var servePort: String?

  /// The values of this process's environment.
  static var current: Self {
    Self(
      serveHost: getenv("COMPUTE_ADVISOR_HOST").map { String(cString: $0) },
      servePort: getenv("COMPUTE_ADVISOR_PORT").map { String(cString: $0) }
    )
  }

  /// The serve host when it names one address; 127.0.0.1 for unset or wildcard binds.
  var defaultHost: String {
    guard let serveHost, !serveHost.isEmpty, !["0.0.0.0", "::", "[::]"].contains(serveHost)
    else { return "127.0.0.1" }
    return serveHost
  }

  /// The serve port, 8080 when unset; a malformed value is an error, not a silent default.
  func port() throws -> Int {
    guard let servePort, !servePort.isEmpty else { return 8080 }
    guard let value = Int(servePort), (1...65_535).contains(value) else {
      throw ValidationError("COMPUTE_ADVISOR_PORT must be a port number, got '\(servePort)'")
    }
    return value
  }
}

/// Where the health request goes.
struct HealthcheckTarget: CustomStringConvertible {
  /// A host name or a numeric IPv4/IPv6 address.
  var host: String
  /// The TCP port.
  var port: Int
  /// The request path, starting with `/`.
  var path: String

  /// `http://host:port/path`, for messages.
  var description: String {
    let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    return "http://\(authority)\(path)"
  }
}

/// Why a health request got no status code.
enum HealthcheckError: Error, CustomStringConvertible {
  /// The host name did not resolve.
  case unresolvedHost(String)
  /// A socket call failed with this errno.
  case system(call: String, errno: Int32)
  /// The time budget ran out during this step.
  case timedOut(step: String)
  /// The server closed the connection or sent something that is not an HTTP/1.x status line.
  case malformedResponse(String)

  /// A one-line explanation for standard error.
  var description: String {
    switch self {
    case .unresolvedHost(let host): "cannot resolve host '\(host)'"
    case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    case .timedOut(let step): "timed out while \(step)"
    case .malformedResponse(let detail): "malformed response: \(detail)"
    }
  }
}

/// A point in time (monotonic clock) by which the whole check must be done.
struct HealthcheckDeadline {
  private let end: ContinuousClock.Instant

  /// A deadline this many seconds from now.
  init(seconds: Double) {
    end = .now + .milliseconds(Int64(seconds * 1_000))
  }

  /// Milliseconds left, as `poll` wants them; 0 once passed.
  var remainingMilliseconds: Int32 {
    let left = ContinuousClock.now.duration(to: end).components
    let milliseconds = left.seconds * 1_000 + left.attoseconds / 1_000_000_000_000_000
    return Int32(clamping: max(0, milliseconds))
  }
}

/// A minimal HTTP/1.1 client: one non-blocking socket, one GET, the status code back.
struct HealthcheckClient {
  /// The budget for connecting, sending and reading the status line.
  var deadline: HealthcheckDeadline

  /// Requests `target` and returns the status code of the answer.
  func statusCode(of target: HealthcheckTarget) throws(HealthcheckError) -> Int {
    let socket = try openConnection(to: target)
    defer { close(socket) }
    let request =
      "GET \(target.path) HTTP/1.1\r\nHost: \(hostHeader(target))\r\n"
      + "User-Agent: compute-advisor-healthcheck\r\nConnection: close\r\n\r\n"
    try sendAll(Array(request.utf8), on: socket)
    return try parseStatusCode(readStatusLine(from: socket))
  }

  private func hostHeader(_ target: HealthcheckTarget) -> String {
    target.host.contains(":") ? "[\(target.host)]:\(target.port)" : "\(target.host):\(target.port)"
  }

  /// Tries every address the host resolves to, in order, until one connects.
  private func openConnection(to target: HealthcheckTarget) throws(HealthcheckError) -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = streamSocketType
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(target.host, String(target.port), &hints, &list) == 0, let list else {
      throw .unresolvedHost(target.host)
    }
    defer { freeaddrinfo(list) }
    var lastError = HealthcheckError.unresolvedHost(target.host)
    var candidate: UnsafeMutablePointer<addrinfo>? = list
    while let address = candidate {
      do {
        return try connectSocket(to: address.pointee)
      } catch {
        lastError = error
      }
      candidate = address.pointee.ai_next
    }
    throw lastError
  }

  private func connectSocket(to address: addrinfo) throws(HealthcheckError) -> Int32 {
    let socket = makeSocket(address.ai_family, address.ai_socktype, address.ai_protocol)
    guard socket >= 0 else { throw .system(call: "socket", errno: errno) }
    let flags = fcntl(socket, F_GETFL)
    guard flags >= 0, fcntl(socket, F_SETFL, flags | O_NONBLOCK) == 0 else {
      let code = errno
      close(socket)
      throw .system(call: "fcntl", errno: code)
    }
    if connectSystemCall(socket, address.ai_addr, address.ai_addrlen) != 0 {
      guard errno == EINPROGRESS else {
        let code = errno
        close(socket)
        throw .system(call: "connect", errno: code)
      }
      do {
        try wait(for: Int16(POLLOUT), on: socket, step: "connecting")
      } catch {
        close(socket)
        throw error
      }
      var pending: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(socket, SOL_SOCKET, SO_ERROR, &pending, &length) == 0, pending == 0 else {
        close(socket)
        throw .system(call: "connect", errno: pending)
      }
    }
    return socket
  }

  private func sendAll(_ bytes: [UInt8], on socket: Int32) throws(HealthcheckError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        sendSystemCall(socket, buffer.baseAddress! + offset, buffer.count - offset, sendFlags)
      }
      if written >= 0 {
        offset += written
      } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
        try wait(for: Int16(POLLOUT), on: socket, step: "sending the request")
      } else {
        throw .system(call: "send", errno: errno)
      }
    }
  }

  /// Reads until the first CRLF (the status line) or until the server closes.
  private func readStatusLine(from socket: Int32) throws(HealthcheckError) -> [UInt8] {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 512)
    while received.count < 8_192 {
      if let end = received.firstIndex(of: UInt8(ascii: "\n")) {
        return Array(received[..<end])
      }
      let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        received.append(contentsOf: chunk[..<count])
      } else if count == 0 {
        return received
      } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
        try wait(for: Int16(POLLIN), on: socket, step: "waiting for the status line")
      } else {
        throw .system(call: "recv", errno: errno)
      }
    }
    throw .malformedResponse("no status line in the first 8192 bytes")
  }

  /// `HTTP/1.1 200 OK` -> 200.
  private func parseStatusCode(_ line: [UInt8]) throws(HealthcheckError) -> Int {
    let text = String(decoding: line, as: UTF8.self)
    let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
      let code = Int(parts[1])
    else {
      throw .malformedResponse(text.isEmpty ? "connection closed before a status line" : text)
    }
    return code
  }

  /// Waits until `socket` is ready for `events`, within the deadline.
  private func wait(for events: Int16, on socket: Int32, step: String) throws(HealthcheckError) {
    while true {
      var descriptor = pollfd(fd: socket, events: events, revents: 0)
      let ready = poll(&descriptor, 1, deadline.remainingMilliseconds)
      if ready > 0 { return }
      if ready == 0 { throw .timedOut(step: step) }
      if errno != EINTR { throw .system(call: "poll", errno: errno) }
    }
  }

  /// No SIGPIPE if the server has gone: `MSG_NOSIGNAL` where it exists.
  private var sendFlags: Int32 {
    #if canImport(Darwin)
      0
    #else
      Int32(MSG_NOSIGNAL)
    #endif
  }

  private var streamSocketType: Int32 {
    #if canImport(Glibc)
      Int32(SOCK_STREAM.rawValue)
    #else
      SOCK_STREAM
    #endif
  }
}

// The system calls under names that no method of `HealthcheckClient` shadows.

private func makeSocket(_ family: Int32, _ type: Int32, _ proto: Int32) -> Int32 {
  socket(family, type, proto)
}

private func connectSystemCall(
  _ socket: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t
) -> Int32 {
  connect(socket, address, length)
}

private func sendSystemCall(
  _ socket: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32
) -> Int {
  send(socket, bytes, count, flags)
}

/// Writes one line to file descriptor 2 (the C `stderr` global is not concurrency-safe).
private func printToStandardError(_ message: String) {
  let line = Array((message + "\n").utf8)
  var offset = 0
  while offset < line.count {
    let written = line.withUnsafeBytes {
      write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset)
    }
    guard written > 0 else { return }
    offset += written
  }
}
