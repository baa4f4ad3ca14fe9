#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses a block of field lines (`name: value CRLF` ...) whose line endings were already
/// checked by `LineBlockScanner`, enforcing RFC 9112 section 5 strictly: no whitespace before
/// the colon, no obsolete line folding, no control characters, no bare CR.
///
/// All fields share one copy of the block's bytes; no allocation happens per field.
enum FieldLineParser {
  /// Parses the lines in `bytes[start..<end]`, where `end` is the start of the closing empty
  /// line, into fields; more than `maxFields` fields is `tooManyHeaderFields`.
  static func parse(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, maxFields: Int
  ) -> Result<HTTPFields, HTTPParseError> {
    guard start < end, let base = bytes.baseAddress else {
      return .success(HTTPFields())
    }
    var entries: [HTTPFields.Entry] = []
    entries.reserveCapacity(min(16, maxFields))
    var lineStart = start
    while lineStart < end {
      let found = memchr(base + lineStart, 0x0A, end - lineStart)!
      let carriageReturn = base.distance(to: UnsafeRawPointer(found)) - 1
      switch parseLine(bytes, from: lineStart, to: carriageReturn) {
      case .failure(let error):
        return .failure(error)
      case .success(let entry):
        guard entries.count < maxFields else { return .failure(.tooManyHeaderFields) }
        entries.append(entry.shifted(by: -start))
      }
      lineStart = carriageReturn + 2
    }
    let storage = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    return .success(HTTPFields(validatedStorage: storage, entries: entries))
  }

  /// Parses one line without its CRLF.
  private static func parseLine(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int)
    -> Result<HTTPFields.Entry, HTTPParseError>
  {
    if ByteClass.isWhitespace(bytes[start]) { return .failure(.obsoleteLineFolding) }
    var position = start
    while position < end, ByteClass.isTokenByte(bytes[position]) { position += 1 }
    let nameEnd = position
    guard position < end, bytes[position] == UInt8(ascii: ":") else {
      if position < end, ByteClass.isWhitespace(bytes[position]) {
        return .failure(.whitespaceBeforeColon)
      }
      if position < end, bytes[position] == 0x0D { return .failure(.invalidLineEnding) }
      return .failure(.invalidFieldName)
    }
    guard nameEnd > start else { return .failure(.invalidFieldName) }
    position += 1
    while position < end, ByteClass.isWhitespace(bytes[position]) { position += 1 }
    let valueStart = position
    var valueEnd = position
    while position < end {
      let byte = bytes[position]
      guard ByteClass.isFieldValueByte(byte) else {
        return .failure(byte == 0x0D ? .invalidLineEnding : .invalidFieldValue)
      }
      position += 1
      if !ByteClass.isWhitespace(byte) { valueEnd = position }
    }
    return .success(
      HTTPFields.Entry(
        nameStart: start, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd))
  }
}

extension HTTPFields.Entry {
  /// The same entry with every offset moved by `delta`.
  func shifted(by delta: Int) -> HTTPFields.Entry {
    HTTPFields.Entry(
      nameStart: nameStart + delta, nameEnd: nameEnd + delta,
      valueStart: valueStart + delta, valueEnd: valueEnd + delta)
  }
}
