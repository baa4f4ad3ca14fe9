#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call while setting up the listening socket.
public struct SocketError: Error, CustomStringConvertible, Sendable {
  /// The call that failed, for example `bind`.
  public var operation: String
  /// The `errno` it left, or for address resolution the `getaddrinfo` code.
  public var code: Int32
  /// A readable explanation.
  public var message: String

  /// Captures the current `errno` for `operation`.
  static func lastError(_ operation: String) -> SocketError {
    let code = errno
    return SocketError(operation: operation, code: code, message: String(cString: strerror(code)))
  }

  /// The operation and its explanation.
  public var description: String { "\(operation) failed: \(message) (\(code))" }
}
