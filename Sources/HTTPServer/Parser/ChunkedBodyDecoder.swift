/// Decodes a chunked request body (RFC 9112 section 7.1) incrementally: each call consumes
/// what it can of the bytes received so far and appends chunk data to the body.
///
/// Chunk extensions are skipped (but must not hold control characters), chunk sizes are
/// checked for overflow and against the body limit before the data arrives, and the trailer
/// section is parsed like a header section and kept apart from the headers.
struct ChunkedBodyDecoder: Sendable {
  /// What one call found.
  enum Outcome {
    /// More bytes are needed.
    case incomplete
    /// The body is complete; these are its trailer fields.
    case complete(trailers: HTTPFields)
    /// The framing is invalid or the body too large.
    case failure(HTTPParseError)
  }

  /// Where in a chunk-size line the decoder is.
  private enum SizeLinePhase: Sendable {
    case digits
    case whitespaceBeforeExtension
    case extensionText
  }

  private enum State: Sendable {
    case sizeLine(value: Int, digits: Int, phase: SizeLinePhase)
    case sizeLineFeed(size: Int)
    case data(remaining: Int)
    case dataCarriageReturn
    case dataLineFeed
    case trailers(LineBlockScanner)
  }

  /// At most 16 hex digits: enough for any size a 64-bit integer holds.
  private static let maxSizeDigits = 16

  private let limits: ParserLimits
  private var state = State.sizeLine(value: 0, digits: 0, phase: .digits)

  /// Creates a decoder for one body.
  init(limits: ParserLimits) {
    self.limits = limits
  }

  /// Decodes from the start of `bytes`, appending data to `body`; `consumed` is set to the
  /// number of bytes the caller must drop from its buffer.
  mutating func decode(
    _ bytes: UnsafeRawBufferPointer, into body: inout [UInt8], consumed: inout Int
  ) -> Outcome {
    var position = 0
    defer { consumed = position }
    while position < bytes.count {
      switch state {
      case .sizeLine(let value, let digits, let phase):
        let byte = bytes[position]
        position += 1
        if byte == 0x0D {
          guard digits > 0 else { return .failure(.invalidChunkSize) }
          guard phase != .whitespaceBeforeExtension else { return .failure(.invalidChunkFraming) }
          if body.count + value > limits.maxBodyBytes { return .failure(.contentTooLarge) }
          state = .sizeLineFeed(size: value)
          continue
        }
        switch phase {
        case .extensionText:
          guard ByteClass.isFieldValueByte(byte) else { return .failure(.invalidChunkFraming) }
        case .whitespaceBeforeExtension:
          if byte == UInt8(ascii: ";") {
            state = .sizeLine(value: value, digits: digits, phase: .extensionText)
          } else if !ByteClass.isWhitespace(byte) {
            return .failure(.invalidChunkFraming)
          }
        case .digits:
          if let digit = ByteClass.hexValue(byte) {
            guard digits < Self.maxSizeDigits, value <= (Int.max - digit) >> 4 else {
              return .failure(.invalidChunkSize)
            }
            state = .sizeLine(value: value << 4 | digit, digits: digits + 1, phase: .digits)
          } else if digits > 0, byte == UInt8(ascii: ";") {
            state = .sizeLine(value: value, digits: digits, phase: .extensionText)
          } else if digits > 0, ByteClass.isWhitespace(byte) {
            state = .sizeLine(value: value, digits: digits, phase: .whitespaceBeforeExtension)
          } else {
            return .failure(.invalidChunkSize)
          }
        }
      case .sizeLineFeed(let size):
        guard bytes[position] == 0x0A else { return .failure(.invalidLineEnding) }
        position += 1
        if size == 0 {
          state = .trailers(LineBlockScanner())
        } else {
          body.reserveCapacity(body.count + min(size, 65_536))
          state = .data(remaining: size)
        }
      case .data(let remaining):
        let available = min(remaining, bytes.count - position)
        body.append(
          contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<position + available]))
        position += available
        state =
          remaining == available ? .dataCarriageReturn : .data(remaining: remaining - available)
      case .dataCarriageReturn:
        guard bytes[position] == 0x0D else { return .failure(.invalidChunkFraming) }
        position += 1
        state = .dataLineFeed
      case .dataLineFeed:
        guard bytes[position] == 0x0A else { return .failure(.invalidChunkFraming) }
        position += 1
        state = .sizeLine(value: 0, digits: 0, phase: .digits)
      case .trailers(var scanner):
        let rest = UnsafeRawBufferPointer(rebasing: bytes[position...])
        let outcome = scanner.scan(rest)
        state = .trailers(scanner)
        switch outcome {
        case .invalidLineEnding(let lineFeed):
          // Checked against the limit first, as a byte-by-byte arrival would have been.
          if lineFeed > limits.maxHeaderBytes { return .failure(.headerSectionTooLarge) }
          return .failure(.invalidLineEnding)
        case .incomplete:
          if rest.count > limits.maxHeaderBytes { return .failure(.headerSectionTooLarge) }
          return .incomplete
        case .complete(let end):
          guard end <= limits.maxHeaderBytes else { return .failure(.headerSectionTooLarge) }
          let fields = FieldLineParser.parse(
            rest, from: 0, to: end - 2, maxFields: limits.maxHeaderFields)
          switch fields {
          case .failure(let error):
            return .failure(error)
          case .success(let trailers):
            position += end
            return .complete(trailers: trailers)
          }
        }
      }
    }
    return .incomplete
  }
}
