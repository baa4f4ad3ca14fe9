import Foundation

/// Number formatting for sentences and tables: deterministic (no locale) and cheap (one
/// string built from a byte buffer).
enum Format {
  /// "$1,234.56" (cents rounded half away from zero).
  static func usd(_ value: Double) -> String {
    digits(value, fractionDigits: 2, grouping: true, trimZeros: false, prefix: UInt8(ascii: "$"))
  }

  /// A fixed number of fraction digits, optionally with thousands separators.
  static func decimal(_ value: Double, fractionDigits: Int, grouping: Bool = false) -> String {
    digits(value, fractionDigits: fractionDigits, grouping: grouping, trimZeros: false, prefix: nil)
  }

  /// Up to `significant` significant digits, trailing zeros dropped: 0.12, 1.5, 1769, 0.0001.
  /// Values of 10,000 and more are grouped: 14,000,000.
  static func number(_ value: Double, significant: Int = 3) -> String {
    guard value != 0, value.isFinite else { return value == 0 ? "0" : String(value) }
    let magnitude = abs(value)
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
    return digits(
      value, fractionDigits: fractionDigits, grouping: magnitude >= 10_000, trimZeros: true,
      prefix: nil)
  }

  private static func digits(
    _ value: Double, fractionDigits: Int, grouping: Bool, trimZeros: Bool, prefix: UInt8?
  ) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    var scale: UInt64 = 1
    for _ in 0..<fractionDigits { scale *= 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return String(value) }
    let units = UInt64(scaled)
    var whole = units / scale
    var fraction = units % scale
    var fractionCount = fractionDigits
    if trimZeros {
      while fractionCount > 0 && fraction % 10 == 0 {
        fraction /= 10
        fractionCount -= 1
      }
    }
    // Digits are written backwards into a stack buffer, then copied out reversed (a string
    // of up to 15 bytes then needs no heap allocation at all).
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
      var end = 0
      func put(_ byte: UInt8) {
        buffer[end] = byte
        end += 1
      }
      for _ in 0..<fractionCount {
        put(UInt8(ascii: "0") + UInt8(fraction % 10))
        fraction /= 10
      }
      if fractionCount > 0 { put(UInt8(ascii: ".")) }
      var written = 0
      repeat {
        if grouping && written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
        put(UInt8(ascii: "0") + UInt8(whole % 10))
        whole /= 10
        written += 1
      } while whole > 0
      if let prefix { put(prefix) }
      if value < 0 && units > 0 { put(UInt8(ascii: "-")) }
      return String(unsafeUninitializedCapacity: end) { out in
        for index in 0..<end { out[index] = buffer[end - 1 - index] }
        return end
      }
    }
  }

  /// A count in words-friendly units: 950, 12k, 14M, 3.2B (two or three significant digits).
  static func count(_ value: Double) -> String {
    let magnitude = abs(value)
    if magnitude >= 1e9 { return number(value / 1e9) + "B" }
    if magnitude >= 1e6 { return number(value / 1e6) + "M" }
    if magnitude >= 1e4 { return number(value / 1e3) + "k" }
    return number(value)
  }

  /// `value` rounded to `digits` significant digits, as a clean double (16000000, 0.0123).
  static func rounded(_ value: Double, significant digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    let exponent = Int(log10(abs(value)).rounded(.down)) - digits + 1
    var power = 1.0
    for _ in 0..<abs(exponent) { power *= 10 }
    return exponent >= 0 ? (value / power).rounded() * power : (value * power).rounded() / power
  }

  /// "1 copy", "3 copies", "2.5 hours".
  static func counted(_ value: Double, _ singular: String, _ plural: String) -> String {
    number(value) + " " + (value == 1 ? singular : plural)
  }

  /// "42%" from a fraction.
  static func percent(_ fraction: Double) -> String {
    decimal(fraction * 100, fractionDigits: 0) + "%"
  }
}
