/// A complete HTTP request as received: head, whole body and trailers.
///
/// The server reads the whole body (bounded by its configured limit) before a handler runs,
/// so `body` is always complete.
public struct HTTPRequest: Sendable {
  /// The request method.
  public var method: HTTPMethod
  /// The request-target exactly as sent (origin-form, absolute-form or `*`).
  public var target: String
  /// The path of the target, still percent-encoded, always starting with `/` (or `*`).
  public var path: String
  /// The raw query after `?`, still percent-encoded, or nil when the target has none.
  public var query: String?
  /// The protocol version of the request.
  public var version: HTTPVersion
  /// The header fields in arrival order.
  public var headers: HTTPFields
  /// The request content, de-chunked when it was sent chunked.
  public var body: [UInt8]
  /// Trailer fields sent after a chunked body, kept apart from `headers`.
  public var trailers: HTTPFields
  /// The peer's address as `host:port` (`[host]:port` for IPv6), when known.
  public var remoteAddress: String?

  /// Creates a request; intended for tests that call a responder directly.
  public init(
    method: HTTPMethod,
    target: String,
    version: HTTPVersion = .http11,
    headers: HTTPFields = HTTPFields(),
    body: [UInt8] = [],
    trailers: HTTPFields = HTTPFields(),
    remoteAddress: String? = nil
  ) {
    let components = RequestTarget.split(target)
    self.method = method
    self.target = target
    self.path = components.path
    self.query = components.query
    self.version = version
    self.headers = headers
    self.body = body
    self.trailers = trailers
    self.remoteAddress = remoteAddress
  }

  /// The query decoded into name-value pairs in order (`+` and percent-escapes decoded);
  /// repeated names are kept.
  public var queryItems: [(name: String, value: String)] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = PercentDecoding.decode(parts[0], plusAsSpace: true)
      let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) : ""
      return (name, value)
    }
  }

  /// The first query value for a name, decoded, or nil.
  public func queryValue(_ name: String) -> String? {
    queryItems.first { $0.name == name }?.value
  }
}

/// Splitting of a request-target into path and query (RFC 9112 section 3.2).
enum RequestTarget {
  /// Splits an origin-form or absolute-form target; other forms become the path unchanged.
  static func split(_ target: String) -> (path: String, query: String?) {
    var rest = Substring(target)
    if !rest.hasPrefix("/"), let schemeEnd = rest.firstRange(of: "://") {
      rest = rest[schemeEnd.upperBound...]
      let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
      rest = rest[authorityEnd...]
      if !rest.hasPrefix("/") { rest = "/" + rest }
    }
    guard let questionMark = rest.firstIndex(of: "?") else { return (String(rest), nil) }
    return (String(rest[..<questionMark]), String(rest[rest.index(after: questionMark)...]))
  }
}

/// Percent-decoding of URL components (RFC 3986 section 2.1).
public enum PercentDecoding {
  /// Decodes `%XX` escapes (and `+` as space when asked); invalid escapes are kept verbatim
  /// and invalid UTF-8 is repaired with replacement characters.
  public static func decode<Text: StringProtocol>(_ text: Text, plusAsSpace: Bool = false)
    -> String
  {
    let utf8 = Array(text.utf8)
    guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+")))
    else { return String(text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count)
    var index = 0
    while index < utf8.count {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
        let high = ByteClass.hexValue(utf8[index + 1]),
        let low = ByteClass.hexValue(utf8[index + 2])
      {
        bytes.append(UInt8(high << 4 | low))
        index += 3
      } else {
        bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
