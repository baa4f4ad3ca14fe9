/// Byte classification tables from RFC 9110 and RFC 9112, used by the parser and by field
/// validation. Lookups are one table read per byte.
enum ByteClass {
  private static let tokenTable: [Bool] = (0...255).map { value in
    let byte = UInt8(value)
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  /// Whether a byte is a `tchar`, allowed in methods and field names.
  @inline(__always)
  static func isTokenByte(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }

  /// Whether a byte may appear in a field value: VCHAR, SP, HTAB or obs-text.
  @inline(__always)
  static func isFieldValueByte(_ byte: UInt8) -> Bool {
    byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
  }

  /// Whether a byte may appear in a request-target: visible ASCII only.
  @inline(__always)
  static func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

  /// Whether a byte is optional whitespace (SP or HTAB).
  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

  /// The ASCII lowercase of a byte; other bytes are returned unchanged.
  @inline(__always)
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Compares bytes to an ASCII string ignoring ASCII case.
  static func equalsCaseInsensitively<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ string: String)
    -> Bool
  {
    var utf8 = string.utf8.makeIterator()
    for byte in bytes {
      guard let other = utf8.next(), lowercased(byte) == lowercased(other) else { return false }
    }
    return utf8.next() == nil
  }

  /// The value of a hexadecimal digit, or nil.
  @inline(__always)
  static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }
}
