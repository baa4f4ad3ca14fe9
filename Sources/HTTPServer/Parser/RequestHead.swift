/// How the body of a request is delimited (RFC 9112 section 6.3).
enum BodyFraming: Equatable, Sendable {
  /// No content.
  case none
  /// Exactly this many bytes follow the head.
  case contentLength(Int)
  /// Chunked transfer coding.
  case chunked
}

/// A parsed and validated request head, with what the connection needs to know about it.
struct RequestHead: Sendable {
  /// The request method.
  var method: HTTPMethod
  /// The request-target as sent.
  var target: String
  /// The protocol version.
  var version: HTTPVersion
  /// The header fields.
  var headers: HTTPFields
  /// How the body is delimited.
  var framing: BodyFraming
  /// Whether the connection may stay open after the response.
  var keepAlive: Bool
  /// Whether the client sent `Expect: 100-continue`.
  var expectsContinue: Bool
}

/// Derives body framing, persistence and expectations from the header fields, rejecting the
/// combinations RFC 9112 calls faulty (the request smuggling vectors among them).
enum FramingInterpreter {
  /// What the header fields say about the message, once validated.
  struct Interpretation: Equatable {
    var framing: BodyFraming
    var keepAlive: Bool
    var expectsContinue: Bool
  }

  /// Interprets the fields of a request of the given version.
  static func interpret(_ headers: HTTPFields, version: HTTPVersion, maxBodyBytes: Int)
    -> Result<Interpretation, HTTPParseError>
  {
    var hostCount = 0
    var contentLength: Int?
    var transferCodings = TransferCodings()
    var sawTransferEncoding = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false

    for index in 0..<headers.count {
      let entry = headers.entries[index]
      let nameLength = entry.nameEnd - entry.nameStart
      switch nameLength {
      case 4 where headers.nameMatches(at: index, "host"):
        hostCount += 1
      case 6 where headers.nameMatches(at: index, "expect"):
        guard ByteClass.equalsCaseInsensitively(headers.valueBytes(at: index), "100-continue")
        else { return .failure(.unsupportedExpectation) }
        expectsContinue = true
      case 10 where headers.nameMatches(at: index, "connection"):
        for token in listElements(headers.valueBytes(at: index)) {
          if ByteClass.equalsCaseInsensitively(token, "close") { connectionClose = true }
          if ByteClass.equalsCaseInsensitively(token, "keep-alive") { connectionKeepAlive = true }
        }
      case 14 where headers.nameMatches(at: index, "content-length"):
        for element in listElements(headers.valueBytes(at: index)) {
          guard let value = parseDecimal(element), contentLength == nil || contentLength == value
          else { return .failure(.invalidContentLength) }
          contentLength = value
        }
        if contentLength == nil { return .failure(.invalidContentLength) }
      case 17 where headers.nameMatches(at: index, "transfer-encoding"):
        sawTransferEncoding = true
        for coding in listElements(headers.valueBytes(at: index)) { transferCodings.add(coding) }
      default:
        break
      }
    }

    if hostCount > 1 || (version == .http11 && hostCount == 0) { return .failure(.invalidHost) }
    let framing: BodyFraming
    if sawTransferEncoding {
      if contentLength != nil { return .failure(.contentLengthWithTransferEncoding) }
      if version == .http10 { return .failure(.invalidTransferEncoding) }
      if let error = transferCodings.validationError { return .failure(error) }
      framing = .chunked
    } else if let contentLength {
      if contentLength > maxBodyBytes { return .failure(.contentTooLarge) }
      framing = contentLength == 0 ? .none : .contentLength(contentLength)
    } else {
      framing = .none
    }
    let keepAlive = version == .http11 ? !connectionClose : connectionKeepAlive && !connectionClose
    return .success(
      Interpretation(framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue))
  }

  /// The comma-separated elements of a field value, each without surrounding whitespace;
  /// an empty element is returned as an empty slice so callers can reject it.
  static func listElements(_ value: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { element in
      var trimmed = element
      while let first = trimmed.first, ByteClass.isWhitespace(first) { trimmed.removeFirst() }
      while let last = trimmed.last, ByteClass.isWhitespace(last) { trimmed.removeLast() }
      return trimmed
    }
  }

  /// Parses 1*DIGIT without sign or whitespace, or nil on anything else or on overflow.
  static func parseDecimal(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else { return nil }
      value = sum
    }
    return value
  }
}

/// The transfer codings named by all Transfer-Encoding fields, in order.
private struct TransferCodings {
  private var count = 0
  private var chunkedCount = 0
  private var lastIsChunked = false
  private var hasEmptyElement = false
  private var hasOtherCoding = false

  mutating func add(_ coding: ArraySlice<UInt8>) {
    count += 1
    if coding.isEmpty { hasEmptyElement = true }
    lastIsChunked = ByteClass.equalsCaseInsensitively(coding, "chunked")
    if lastIsChunked {
      chunkedCount += 1
    } else if !coding.isEmpty {
      hasOtherCoding = true
    }
  }

  /// 400 unless chunked is the final coding and appears once; 501 for any other coding.
  var validationError: HTTPParseError? {
    if count == 0 || hasEmptyElement || !lastIsChunked || chunkedCount > 1 {
      return .invalidTransferEncoding
    }
    return hasOtherCoding ? .unsupportedTransferCoding : nil
  }
}
