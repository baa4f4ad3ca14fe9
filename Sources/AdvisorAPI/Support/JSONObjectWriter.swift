/// Writes one JSON object straight into bytes, member by member, for the hot responses
/// whose shape is fixed (the history listing): Foundation's `JSONEncoder` spent about a
/// third of a listing request's CPU time on 50 small summaries.
struct JSONObjectWriter {
  private var bytes: [UInt8]
  private var isFirstMember = true

  /// Starts an object; `capacity` is a guess at the final size in bytes.
  init(capacity: Int = 256) {
    bytes = []
    bytes.reserveCapacity(capacity)
    bytes.append(UInt8(ascii: "{"))
  }

  /// Adds a string member; a nil value leaves the member out, as `encodeIfPresent` does.
  mutating func string(_ key: String, _ value: String?) {
    guard let value else { return }
    startMember(key)
    Self.appendQuoted(value, to: &bytes)
  }

  /// Adds a member whose value is already JSON text (a nested object or array).
  mutating func json(_ key: String, _ value: [UInt8]) {
    startMember(key)
    bytes.append(contentsOf: value)
  }

  /// Adds an array member from elements that are already JSON text.
  mutating func array(_ key: String, _ elements: [[UInt8]]) {
    startMember(key)
    bytes.append(UInt8(ascii: "["))
    for (index, element) in elements.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: element)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// Closes the object and returns its text.
  consuming func finish() -> [UInt8] {
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }

  private mutating func startMember(_ key: String) {
    if !isFirstMember { bytes.append(UInt8(ascii: ",")) }
    isFirstMember = false
    Self.appendQuoted(key, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }

  /// A JSON string (RFC 8259 section 7): quote, backslash and control characters escaped,
  /// everything else as its UTF-8 bytes.
  static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x00..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(
          contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
