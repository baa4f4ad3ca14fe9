import Foundation

/// A base-10 logarithmic axis mapping values onto a pixel range, padded to whole
/// decades so that grid lines fall on 1, 10, 100, ...
struct LogAxis {
  let lowerExponent: Double
  let upperExponent: Double
  let from: Double
  let to: Double

  /// Fits the axis to the positive, finite values; an empty set gives 1...10.
  init(values: [Double], from: Double, to: Double) {
    let low = values.min().map { log10($0).rounded(.down) } ?? 0
    var high = values.max().map { log10($0).rounded(.up) } ?? 1
    if high <= low { high = low + 1 }
    self.lowerExponent = low
    self.upperExponent = high
    self.from = from
    self.to = to
  }

  /// The pixel position of a value; values at or below zero sit on the axis's low end.
  func position(_ value: Double) -> Double {
    let exponent = value > 0 ? log10(value) : lowerExponent
    let clamped = min(max(exponent, lowerExponent), upperExponent)
    return from + (clamped - lowerExponent) / (upperExponent - lowerExponent) * (to - from)
  }

  /// Tick values: every decade, plus 2 and 5 within each when the axis spans few
  /// decades.
  func ticks() -> [Double] {
    let decades = Int(upperExponent - lowerExponent)
    let multipliers: [Double] = decades <= 2 ? [1, 2, 5] : [1]
    var ticks: [Double] = []
    for exponent in Int(lowerExponent)...Int(upperExponent) {
      for multiplier in multipliers {
        let value = multiplier * pow(10, Double(exponent))
        if log10(value) <= upperExponent + 1e-9 { ticks.append(value) }
      }
    }
    return ticks
  }

  /// A short label: 500, 2K, 10M, 1B, 0.01.
  static func label(_ value: Double) -> String {
    let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
    for (scale, suffix) in units where value >= scale {
      return trimmed(value / scale) + suffix
    }
    return trimmed(value)
  }

  private static func trimmed(_ value: Double) -> String {
    if value == value.rounded() { return String(Int(value)) }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
