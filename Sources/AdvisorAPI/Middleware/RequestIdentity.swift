import Foundation

/// The `X-Request-ID` a request carries through the service: the client's own when it is
/// a reasonable token, a fresh one otherwise. It is echoed on the response, logged, and
/// quoted in problem documents.
public enum RequestIdentity {
  /// The header field carrying the identifier.
  public static let headerName = "X-Request-ID"

  /// The client's identifier when acceptable (1 to 128 characters of letters, digits and
  /// `-_.:+=/`), else a new random one.
  public static func resolve(_ candidate: String?) -> String {
    if let candidate, isAcceptable(candidate) { return candidate }
    return RandomIdentifier.uuid()
  }

  static func isAcceptable(_ value: String) -> Bool {
    guard (1...128).contains(value.utf8.count) else { return false }
    return value.utf8.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
      default: "-_.:+=/".utf8.contains(byte)
      }
    }
  }
}
