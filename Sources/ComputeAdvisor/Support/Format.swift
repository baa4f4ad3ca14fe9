import Foundation

/// Number formatting for sentences and tables: deterministic (no locale) and cheap.
enum Format {
  /// "$1,234.56" (cents rounded half away from zero).
  static func usd(_ value: Double) -> String {
    "$" + decimal(value, fractionDigits: 2, grouping: true)
  }

  /// A fixed number of fraction digits, optionally with thousands separators.
  static func decimal(_ value: Double, fractionDigits: Int, grouping: Bool = false) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    var scale = 1.0
    for _ in 0..<fractionDigits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return String(value) }
    let units = UInt64(scaled)
    let whole = units / UInt64(scale)
    let fraction = units % UInt64(scale)
    var text = String(whole)
    if grouping && text.count > 3 {
      var grouped = ""
      for (index, character) in text.enumerated() {
        if index > 0 && (text.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
      }
      text = grouped
    }
    if fractionDigits > 0 {
      var digits = String(fraction)
      while digits.count < fractionDigits { digits = "0" + digits }
      text += "." + digits
    }
    return (value < 0 && units > 0 ? "-" : "") + text
  }

  /// Up to `significant` significant digits, trailing zeros dropped: 0.12, 1.5, 1769, 0.0001.
  static func number(_ value: Double, significant: Int = 3) -> String {
    guard value != 0, value.isFinite else {
      return value == 0 ? "0" : decimal(value, fractionDigits: 0)
    }
    var digits = 0
    var magnitude = abs(value)
    while magnitude < 1 && digits < 12 {
      magnitude *= 10
      digits += 1
    }
    var whole = 1.0
    var count = 1
    while whole * 10 <= abs(value) {
      whole *= 10
      count += 1
    }
    let fractionDigits = abs(value) >= 1 ? max(0, significant - count) : digits + significant - 1
    var text = decimal(value, fractionDigits: fractionDigits, grouping: abs(value) >= 10_000)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
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

  /// "42%" from a fraction.
  static func percent(_ fraction: Double) -> String {
    decimal(fraction * 100, fractionDigits: 0) + "%"
  }
}
