/// An HTTP request method (RFC 9110 section 9), compared case-sensitively as the RFC requires.
///
/// Any syntactically valid token is accepted by the parser; the router answers 405 or 404
/// for methods it has no route for.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The method token exactly as sent, for example `GET`.
  public let rawValue: String

  /// Creates a method from its token; the caller is responsible for it being a valid token.
  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  /// The method token.
  public var description: String { rawValue }

  /// `GET`: transfer a current representation of the target resource.
  public static let get = HTTPMethod(rawValue: "GET")
  /// `HEAD`: same as GET, but the server does not send the content.
  public static let head = HTTPMethod(rawValue: "HEAD")
  /// `POST`: perform resource-specific processing on the request content.
  public static let post = HTTPMethod(rawValue: "POST")
  /// `PUT`: replace the target resource with the request content.
  public static let put = HTTPMethod(rawValue: "PUT")
  /// `PATCH`: apply partial modifications to the target resource (RFC 5789).
  public static let patch = HTTPMethod(rawValue: "PATCH")
  /// `DELETE`: remove the target resource.
  public static let delete = HTTPMethod(rawValue: "DELETE")
  /// `OPTIONS`: describe the communication options for the target resource.
  public static let options = HTTPMethod(rawValue: "OPTIONS")
  /// `CONNECT`: establish a tunnel (not supported by this server's router unless routed).
  public static let connect = HTTPMethod(rawValue: "CONNECT")
  /// `TRACE`: perform a message loop-back test.
  public static let trace = HTTPMethod(rawValue: "TRACE")

  /// Returns the shared constant for a well-known method token given as bytes, avoiding a
  /// string allocation in the common case, or a new method for any other token.
  static func fromToken(_ bytes: UnsafeRawBufferPointer) -> HTTPMethod {
    switch bytes.count {
    case 3:
      if bytes.elementsEqual("GET".utf8) { return .get }
      if bytes.elementsEqual("PUT".utf8) { return .put }
    case 4:
      if bytes.elementsEqual("POST".utf8) { return .post }
      if bytes.elementsEqual("HEAD".utf8) { return .head }
    case 5:
      if bytes.elementsEqual("PATCH".utf8) { return .patch }
      if bytes.elementsEqual("TRACE".utf8) { return .trace }
    case 6:
      if bytes.elementsEqual("DELETE".utf8) { return .delete }
    case 7:
      if bytes.elementsEqual("OPTIONS".utf8) { return .options }
      if bytes.elementsEqual("CONNECT".utf8) { return .connect }
    default:
      break
    }
    return HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
  }
}
