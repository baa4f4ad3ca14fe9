// The floor under HTTPServer's design: a responder with no HTTP in it. It accepts, reads,
// counts the request heads' ends ("\r\n\r\n") and writes that many copies of a fixed
// response, the same bytes HTTPServerBenchmark sends for GET /json. No parser, router,
// task or timer: only the event delivery, so its req/s is the most any server built this
// way could reach on the machine.
//
// Two ways to learn that a socket is readable, both on Dispatch queues (one serial queue
// per connection, targeting one of EVENT_LOOPS loop queues, as HTTPServer does):
//   sources  one DispatchSourceRead per connection (HTTPServer's design). On Linux,
//            libdispatch arms it one-shot: each event costs two epoll_ctl calls and an
//            ioctl(FIONREAD), and is delivered by Dispatch's manager thread.
//   epoll    one epoll set per event loop holding its connections edge-triggered, and one
//            DispatchSourceRead on that set's descriptor: a burst of events costs one wake-up
//            and one epoll_wait, and a connection is never re-armed.
//
// Usage: [EVENT_LOOPS=2] DispatchFloor PORT BODY_FILE sources|epoll
import CEpoll
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

func fail(_ message: String) -> Never {
  print(message)
  exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let port = UInt16(arguments[1]),
  arguments[3] == "sources" || arguments[3] == "epoll"
else { fail("usage: DispatchFloor PORT BODY_FILE sources|epoll") }
let useEpoll = arguments[3] == "epoll"
guard let body = FileManager.default.contents(atPath: arguments[2]).map(Array.init) else {
  fail("cannot read \(arguments[2])")
}
let loopCount = getenv("EVENT_LOOPS").flatMap { Int(String(cString: $0)) } ?? 2

/// What HTTPServer answers GET /json with, but for the Date value (fixed here).
let response =
  Array(
    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n"
      + "Date: Sun, 29 Nov 2026 12:00:00 GMT\r\n\r\n").utf8) + body

/// One accepted connection, owned by its serial queue.
final class FloorConnection: @unchecked Sendable {
  let descriptor: Int32
  let queue: DispatchQueue
  private var source: (any DispatchSourceRead)?
  private var buffer = [UInt8](repeating: 0, count: 16_384)
  /// How many bytes of "\r\n\r\n" the previous read ended with.
  private var matched = 0
  private var closed = false

  init(descriptor: Int32, loop: DispatchQueue) {
    self.descriptor = descriptor
    queue = DispatchQueue(label: "floor.connection", target: loop)
  }

  /// Readiness from a source of the connection's own.
  func startSource() {
    let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
    source.setEventHandler { [self] in readable() }
    source.setCancelHandler { [descriptor] in _ = close(descriptor) }
    self.source = source
    source.resume()
  }

  /// Reads until the socket is empty (an edge-triggered registration needs that), answering
  /// every complete request head.
  func readable() {
    while !closed {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
      if count <= 0 { return finish() }
      var requests = 0
      let terminator: [UInt8] = [13, 10, 13, 10]
      for byte in buffer[..<count] {
        matched = byte == terminator[matched] ? matched + 1 : (byte == 13 ? 1 : 0)
        if matched == 4 {
          requests += 1
          matched = 0
        }
      }
      var output: [UInt8] = []
      for _ in 0..<requests { output += response }
      let sent = output.withUnsafeBytes {
        send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if sent != output.count { return finish() }  // a floor, not a server: no write queue
      if !useEpoll { return }  // the source is level-triggered: it fires again if more waits
    }
  }

  private func finish() {
    guard !closed else { return }
    closed = true
    if let source { source.cancel() } else { close(descriptor) }
  }
}

/// An event loop's epoll set and the one Dispatch source watching it.
final class EpollLoop: @unchecked Sendable {
  let queue: DispatchQueue
  let set = epoll_create1(Int32(EPOLL_CLOEXEC))
  private var connections: [Int32: FloorConnection] = [:]
  private var source: (any DispatchSourceRead)?

  init(index: Int) {
    queue = DispatchQueue(label: "floor.loop.\(index)")
    let source = DispatchSource.makeReadSource(fileDescriptor: set, queue: queue)
    source.setEventHandler { [self] in drain() }
    self.source = source
    source.resume()
  }

  func add(_ connection: FloorConnection) {
    queue.async { [self] in
      connections[connection.descriptor] = connection
      var event = epoll_event()
      event.events = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
      event.data.fd = connection.descriptor
      epoll_ctl(set, EPOLL_CTL_ADD, connection.descriptor, &event)
      connection.queue.async { connection.readable() }
    }
  }

  private func drain() {
    var events = [epoll_event](repeating: epoll_event(), count: 64)
    let count = epoll_wait(set, &events, Int32(events.count), 0)
    guard count > 0 else { return }
    for event in events[..<Int(count)] {
      guard let connection = connections[event.data.fd] else { continue }
      if event.events & (EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0 {
        connections[event.data.fd] = nil
      }
      connection.queue.async { connection.readable() }
    }
  }
}

/// Listens and hands accepted connections to the loops, round robin; returns what must
/// stay alive. Not on the main actor: the handlers run on Dispatch queues.
nonisolated func serve() -> [Any] {
  signal(SIGPIPE, SIG_IGN)
  let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
  var yes: Int32 = 1
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard bound == 0, listen(listener, 1024) == 0 else { fail("cannot listen on \(port)") }

  let loopQueues = (0..<loopCount).map { DispatchQueue(label: "floor.loop.\($0)") }
  let epollLoops = useEpoll ? (0..<loopCount).map { EpollLoop(index: $0) } : []
  let acceptQueue = DispatchQueue(label: "floor.accept")
  let acceptSource = DispatchSource.makeReadSource(fileDescriptor: listener, queue: acceptQueue)
  nonisolated(unsafe) var accepted = 0  // touched only on acceptQueue
  acceptSource.setEventHandler {
    while case let descriptor = accept(listener, nil, nil), descriptor >= 0 {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
      accepted += 1
      setsockopt(
        descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
      if useEpoll {
        let loop = epollLoops[accepted % loopCount]
        loop.add(FloorConnection(descriptor: descriptor, loop: loop.queue))
      } else {
        let connection = FloorConnection(
          descriptor: descriptor, loop: loopQueues[accepted % loopCount])
        connection.queue.async { connection.startSource() }
      }
    }
  }
  acceptSource.resume()
  let stop = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
  signal(SIGTERM, SIG_IGN)
  stop.setEventHandler { exit(0) }
  stop.resume()
  return [acceptSource, stop] + epollLoops
}

let running = serve()
dispatchMain()
