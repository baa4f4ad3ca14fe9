/// Parses `method SP request-target SP HTTP-version` (RFC 9112 section 3) strictly: single
/// spaces, a token method, a target of visible ASCII in origin, absolute or asterisk form.
enum RequestLineParser {
  /// The parts of a valid request line.
  struct RequestLine {
    var method: HTTPMethod
    var target: String
    var version: HTTPVersion
  }

  /// Parses the line `bytes[0..<end]` (without its CRLF).
  static func parse(_ bytes: UnsafeRawBufferPointer, end: Int) -> Result<
    RequestLine, HTTPParseError
  > {
    var position = 0
    while position < end, ByteClass.isTokenByte(bytes[position]) { position += 1 }
    let methodEnd = position
    guard methodEnd > 0, position < end, bytes[position] == 0x20 else {
      return .failure(.malformedRequestLine)
    }
    position += 1
    let targetStart = position
    while position < end, ByteClass.isTargetByte(bytes[position]) { position += 1 }
    let targetEnd = position
    guard targetEnd > targetStart, position < end, bytes[position] == 0x20 else {
      return .failure(.malformedRequestLine)
    }
    position += 1
    guard let version = parseVersion(UnsafeRawBufferPointer(rebasing: bytes[position..<end]))
    else { return .failure(.malformedRequestLine) }
    guard version == .http11 || version == .http10 else {
      return .failure(.unsupportedVersion)
    }
    let method = HTTPMethod.fromToken(UnsafeRawBufferPointer(rebasing: bytes[0..<methodEnd]))
    let targetBytes = UnsafeRawBufferPointer(rebasing: bytes[targetStart..<targetEnd])
    guard isValidTarget(targetBytes, method: method) else {
      return .failure(.invalidRequestTarget)
    }
    let target = String(decoding: targetBytes, as: UTF8.self)
    return .success(RequestLine(method: method, target: target, version: version))
  }

  /// Parses exactly `HTTP/DIGIT.DIGIT`.
  private static func parseVersion(_ bytes: UnsafeRawBufferPointer) -> HTTPVersion? {
    guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
      let major = digit(bytes[5]), let minor = digit(bytes[7])
    else { return nil }
    return HTTPVersion(major: major, minor: minor)
  }

  private static func digit(_ byte: UInt8) -> Int? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
  }

  /// Origin-form (`/path?query`), absolute-form (`http://authority/path`) or, for OPTIONS
  /// only, asterisk-form. Fragments are never part of a request-target.
  private static func isValidTarget(_ target: UnsafeRawBufferPointer, method: HTTPMethod) -> Bool {
    if target.contains(UInt8(ascii: "#")) { return false }
    if target[0] == UInt8(ascii: "/") { return true }
    if target.count == 1, target[0] == UInt8(ascii: "*") { return method == .options }
    for scheme in ["http://", "https://"] where target.count > scheme.utf8.count {
      let prefix = UnsafeRawBufferPointer(rebasing: target[0..<scheme.utf8.count])
      if ByteClass.equalsCaseInsensitively(prefix, scheme) {
        let authorityStart = scheme.utf8.count
        let first = target[authorityStart]
        return first != UInt8(ascii: "/") && first != UInt8(ascii: "?")
      }
    }
    return false
  }
}
