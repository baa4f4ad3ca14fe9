/// Byte classes from RFC 9110 and RFC 9112, used by the parser and by field validation.
/// Each test is a few instructions on the byte alone, with no table in memory.
enum ByteClass {
  /// Whether a byte is a `tchar`, allowed in methods and field names: ALPHA, DIGIT or one of
  /// ``!#$%&'*+-.^_`|~``. Bit n of `lowBytes` stands for byte n (0-63), bit n of `highBytes`
  /// for byte 64 + n; no tchar is above 127. Two constants rather than a table in a global,
  /// whose every read would pass through the global's lazy-initialisation check.
  @inline(__always)
  static func isTokenByte(_ byte: UInt8) -> Bool {
    let lowBytes: UInt64 = 0x03FF_6CFA_0000_0000  // ! # $ % & ' * + - . 0-9
    let highBytes: UInt64 = 0x57FF_FFFF_C7FF_FFFE  // A-Z ^ _ ` a-z | ~
    switch byte {
    case 0..<64: return lowBytes >> byte & 1 == 1
    case 64..<128: return highBytes >> (byte &- 64) & 1 == 1
    default: return false
    }
  }

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

  /// Compares bytes to an ASCII string ignoring ASCII case. Lengths are compared first:
  /// looking a field up compares its name with every field's, and most differ in length.
  static func equalsCaseInsensitively<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ string: String)
    -> Bool
  {
    let utf8 = string.utf8
    guard bytes.count == utf8.count else { return false }
    return zip(bytes, utf8).allSatisfy { lowercased($0) == lowercased($1) }
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
