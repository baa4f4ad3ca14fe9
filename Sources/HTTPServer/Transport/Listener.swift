import Dispatch
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The accept loop: drains pending connections until `EAGAIN` whenever the listening socket
/// is readable, survives `EINTR`, `ECONNABORTED` and descriptor exhaustion (pausing briefly),
/// and pauses at the connection cap until a connection closes.
final class Listener: @unchecked Sendable {
  /// How long accepting pauses when the process or system is out of descriptors.
  private static let exhaustionBackoff = DispatchTimeInterval.milliseconds(100)

  private let descriptor: Int32
  private let queue = DispatchQueue(label: "http.listener")
  private let logger: Logger
  private let source: any DispatchSourceRead
  /// Asks the owner to take an accepted descriptor; returns false when at the cap.
  private let admit: (_ descriptor: Int32, _ remoteAddress: String?) -> Bool
  /// Whether the owner is below its connection cap.
  private let hasCapacity: () -> Bool
  private var paused = false
  private var stopped = false

  /// Starts accepting on a listening descriptor.
  init(
    descriptor: Int32, logger: Logger, hasCapacity: @escaping () -> Bool,
    admit: @escaping (Int32, String?) -> Bool
  ) {
    self.descriptor = descriptor
    self.logger = logger
    self.hasCapacity = hasCapacity
    self.admit = admit
    source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
    source.setEventHandler { [weak self] in self?.acceptPending() }
    source.setCancelHandler { Glibc.close(descriptor) }
    source.resume()
  }

  /// Resumes accepting after a pause at the cap, if still below it.
  func capacityFreed() {
    queue.async { [self] in
      guard paused, !stopped, hasCapacity() else { return }
      paused = false
      source.resume()
    }
  }

  /// Stops accepting for good and closes the listening socket.
  func stop() {
    queue.sync {
      guard !stopped else { return }
      stopped = true
      if paused { source.resume() }
      source.cancel()
    }
  }

  private func acceptPending() {
    while !stopped {
      guard hasCapacity() else {
        pause()
        return
      }
      var address = sockaddr_storage()
      var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let accepted = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          accept(descriptor, $0, &length)
        }
      }
      guard accepted >= 0 else {
        switch errno {
        case EAGAIN, EWOULDBLOCK:
          return
        case EINTR, ECONNABORTED, EPROTO:
          continue
        case EMFILE, ENFILE, ENOBUFS, ENOMEM:
          logger.warning(
            "accept paused: out of descriptors or memory", metadata: ["errno": "\(errno)"])
          pause()
          queue.asyncAfter(deadline: .now() + Self.exhaustionBackoff) { [self] in
            guard paused, !stopped else { return }
            paused = false
            source.resume()
          }
          return
        default:
          logger.error("accept failed", metadata: ["errno": "\(errno)"])
          return
        }
      }
      // accept4 is not visible to Swift on Glibc; set the flags the accepted socket needs.
      _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
      _ = fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK)
      ListeningSocket.setOption(accepted, Int32(IPPROTO_TCP), TCP_NODELAY)
      if !admit(accepted, SocketAddressFormatter.describe(address)) {
        Glibc.close(accepted)
        pause()
        return
      }
    }
  }

  private func pause() {
    guard !paused else { return }
    paused = true
    source.suspend()
  }
}
