/// JSON text written straight into UTF-8 bytes, value by value, in exactly the form
/// `Advisor.encode(_:pretty: false)` produces: no white space, doubles as their shortest
/// round-trip `description` without a trailing `.0`, strings escaped as Foundation's
/// `JSONEncoder` escapes them with `.withoutEscapingSlashes`. Callers write members in
/// sorted key order themselves (see ``RecommendationJSON``).
public struct JSONBuffer {
  /// The text written so far.
  public private(set) var bytes: [UInt8]
  /// Whether the next value or key follows another one at the same level.
  private var needsComma = false

  /// An empty buffer; `capacity` is a guess at the final size in bytes.
  public init(capacity: Int = 1024) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Opens an object (as a value: after a key, or as an array element).
  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  /// Closes the innermost object.
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  /// Opens an array.
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  /// Closes the innermost array.
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Writes a member's key and colon; the member's value comes next.
  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes a member's key given at run time (dictionary keys), escaped like any string.
  public mutating func key(_ name: String) {
    string(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes a string value.
  public mutating func string(_ text: String) {
    separate()
    var text = text
    text.withUTF8 { Self.appendEscaped($0, to: &bytes) }
    needsComma = true
  }

  /// Writes a Boolean value.
  public mutating func bool(_ value: Bool) {
    separate()
    appendLiteral(value ? "true" : "false")
    needsComma = true
  }

  /// Writes an integer value.
  public mutating func integer(_ value: Int) {
    separate()
    appendDigits(of: value)
    needsComma = true
  }

  /// Writes a double as `JSONEncoder` does: `description`, minus a trailing `.0`.
  /// - Throws: ``JSONBufferError/nonFiniteNumber(_:)`` for NaN and infinities, which
  ///   `JSONEncoder` refuses too.
  public mutating func number(_ value: Double) throws(JSONBufferError) {
    guard value.isFinite else { throw .nonFiniteNumber(value) }
    separate()
    // Whole numbers below 2^53 print as their integer digits ("3.0" -> "3"); negative zero
    // keeps its sign ("-0.0" -> "-0"), so it takes the general path.
    if value.rounded(.towardZero) == value && abs(value) < 1e15
      && !(value == 0 && value.sign == .minus)
    {
      appendDigits(of: Int(value))
    } else {
      var text = value.description
      if text.hasSuffix(".0") { text.removeLast(2) }
      text.withUTF8 { bytes.append(contentsOf: $0) }
    }
    needsComma = true
  }

  /// Appends JSON text written elsewhere as one value (a nested object or array).
  public mutating func rawValue(_ json: [UInt8]) {
    separate()
    bytes.append(contentsOf: json)
    needsComma = true
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  private mutating func appendLiteral(_ literal: StaticString) {
    literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  private mutating func appendDigits(of value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    if magnitude == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    let start = bytes.count
    while magnitude > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    }
    bytes[start...].reverse()
  }

  /// A quoted JSON string: `"` and `\` escaped, `\b \f \n \r \t` by name, other control
  /// characters as `\u00xx`, slashes and everything else as their UTF-8 bytes.
  static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var clean = utf8.startIndex
    for index in utf8.indices {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
      clean = index + 1
      bytes.append(UInt8(ascii: "\\"))
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
      case 0x08: bytes.append(UInt8(ascii: "b"))
      case 0x0C: bytes.append(UInt8(ascii: "f"))
      case 0x0A: bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "t"))
      default:
        let hex: StaticString = "0123456789abcdef"
        hex.withUTF8Buffer { digits in
          bytes.append(contentsOf: [
            UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
            digits[Int(byte >> 4)], digits[Int(byte & 0x0F)],
          ])
        }
      }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Why ``JSONBuffer`` could not write a value.
public enum JSONBufferError: Error, Equatable {
  /// JSON has no NaN or infinity.
  case nonFiniteNumber(Double)
}
