/// The HTTP version of a message. This server speaks HTTP/1.0 and HTTP/1.1 only.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
  /// The major version digit.
  public var major: Int
  /// The minor version digit.
  public var minor: Int

  /// Creates a version from its two digits.
  public init(major: Int, minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// HTTP/1.0: connections close after each message unless the client asks for keep-alive.
  public static let http10 = HTTPVersion(major: 1, minor: 0)
  /// HTTP/1.1: connections persist unless either side sends `Connection: close`.
  public static let http11 = HTTPVersion(major: 1, minor: 1)
  /// HTTP/2 (RFC 9113).
  public static let http2 = HTTPVersion(major: 2, minor: 0)

  /// The version as written on the wire, for example `HTTP/1.1`.
  public var description: String { "HTTP/\(major).\(minor)" }
}
