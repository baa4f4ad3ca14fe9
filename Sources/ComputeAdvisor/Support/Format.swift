import Foundation

/// Number formatting for sentences and tables: deterministic (no locale) and cheap (digits
/// are written into a stack buffer; `Text` appends them without an intermediate string).
enum Format {
  /// How a number is written.
  struct Style {
    var fractionDigits: Int
    var grouping = false
    var trimZeros = false
    var prefix: UInt8?
    var suffix: UInt8?
  }

  /// "$1,234.56" (cents rounded half away from zero).
  static func usd(_ value: Double) -> String { string(value, usdStyle) }

  /// A fixed number of fraction digits, optionally with thousands separators.
  static func decimal(_ value: Double, fractionDigits: Int, grouping: Bool = false) -> String {
    string(value, Style(fractionDigits: fractionDigits, grouping: grouping))
  }

  /// Up to `significant` significant digits, trailing zeros dropped: 0.12, 1.5, 1769, 0.0001.
  /// Values of 10,000 and more are grouped: 14,000,000.
  static func number(_ value: Double, significant: Int = 3) -> String {
    string(value, numberStyle(value, significant: significant))
  }

  /// "42%" from a fraction.
  static func percent(_ fraction: Double) -> String { string(fraction * 100, percentStyle) }

  /// A count in words-friendly units: 950, 12k, 14M, 3.2B (two or three significant digits).
  static func count(_ value: Double) -> String {
    let (scaled, suffix) = countScale(value)
    var style = numberStyle(scaled, significant: 3)
    style.suffix = suffix
    return string(scaled, style)
  }

  /// "1 copy", "3 copies", "2.5 hours".
  static func counted(_ value: Double, _ singular: String, _ plural: String) -> String {
    number(value) + " " + (value == 1 ? singular : plural)
  }

  /// `value` rounded to `digits` significant digits, as a clean double (16000000, 0.0123).
  static func rounded(_ value: Double, significant digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    let exponent = Int(log10(abs(value)).rounded(.down)) - digits + 1
    var power = 1.0
    for _ in 0..<abs(exponent) { power *= 10 }
    return exponent >= 0 ? (value / power).rounded() * power : (value * power).rounded() / power
  }

  static let usdStyle = Style(fractionDigits: 2, grouping: true, prefix: UInt8(ascii: "$"))
  static let percentStyle = Style(fractionDigits: 0, suffix: UInt8(ascii: "%"))

  static func numberStyle(_ value: Double, significant: Int) -> Style {
    let magnitude = abs(value)
    guard magnitude != 0, magnitude.isFinite else { return Style(fractionDigits: 0) }
    var fractionDigits: Int
    if magnitude >= 1 {
      var count = 1
      var whole = 10.0
      while whole <= magnitude {
        whole *= 10
        count += 1
      }
      fractionDigits = max(0, significant - count)
    } else {
      var leadingZeros = 0
      var scaled = magnitude
      while scaled < 1 && leadingZeros < 12 {
        scaled *= 10
        leadingZeros += 1
      }
      fractionDigits = leadingZeros + significant - 1
    }
    return Style(fractionDigits: fractionDigits, grouping: magnitude >= 10_000, trimZeros: true)
  }

  static func countScale(_ value: Double) -> (Double, UInt8?) {
    let magnitude = abs(value)
    if magnitude >= 1e9 { return (value / 1e9, UInt8(ascii: "B")) }
    if magnitude >= 1e6 { return (value / 1e6, UInt8(ascii: "M")) }
    if magnitude >= 1e4 { return (value / 1e3, UInt8(ascii: "k")) }
    return (value, nil)
  }

  static func string(_ value: Double, _ style: Style) -> String {
    withUTF8(value, style) { String(decoding: $0, as: UTF8.self) }
  }

  /// Calls `body` with `value` written in `style`, as UTF-8.
  static func withUTF8<R>(
    _ value: Double, _ style: Style, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    var scale: UInt64 = 1
    for _ in 0..<style.fractionDigits { scale *= 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard value.isFinite, scaled < 9e15 else {
      var text =
        value.isNaN ? "NaN" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : String(value)
      return text.withUTF8(body)
    }
    let units = UInt64(scaled)
    var whole = units / scale
    var fraction = units % scale
    var fractionCount = style.fractionDigits
    if style.trimZeros {
      while fractionCount > 0 && fraction % 10 == 0 {
        fraction /= 10
        fractionCount -= 1
      }
    }
    // Digits are written backwards from the end of the buffer; the text is its tail.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
      var start = buffer.count
      if let suffix = style.suffix {
        start -= 1
        buffer[start] = suffix
      }
      for _ in 0..<fractionCount {
        start -= 1
        buffer[start] = UInt8(ascii: "0") + UInt8(fraction % 10)
        fraction /= 10
      }
      if fractionCount > 0 {
        start -= 1
        buffer[start] = UInt8(ascii: ".")
      }
      var written = 0
      repeat {
        if style.grouping && written > 0 && written % 3 == 0 {
          start -= 1
          buffer[start] = UInt8(ascii: ",")
        }
        start -= 1
        buffer[start] = UInt8(ascii: "0") + UInt8(whole % 10)
        whole /= 10
        written += 1
      } while whole > 0
      if let prefix = style.prefix {
        start -= 1
        buffer[start] = prefix
      }
      if value < 0 && units > 0 {
        start -= 1
        buffer[start] = UInt8(ascii: "-")
      }
      return body(UnsafeBufferPointer(rebasing: buffer[start...]))
    }
  }
}
